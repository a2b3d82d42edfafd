package io.dualuse.screening.classification;

import java.util.List;

/**
 * The classification of one line.
 *
 * @param matches   entries in force on the export date that the line is, or may be, controlled by
 * @param suspended entries the line would match but whose control is suspended on the export date
 * @param problems  facts that could not be read (unparseable composition, unknown declared control
 *                  number): each one alone makes the line at least POSSIBLY_CONTROLLED
 */
public record Classification(ClassificationStatus status, List<Match> matches, List<Match> suspended,
                             List<String> problems) {

    public Classification {
        matches = List.copyOf(matches);
        suspended = List.copyOf(suspended);
        problems = List.copyOf(problems);
    }

    public boolean dualUse() {
        return status != ClassificationStatus.NOT_CONTROLLED;
    }
}

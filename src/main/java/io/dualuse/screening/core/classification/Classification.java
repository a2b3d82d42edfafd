package io.dualuse.screening.core.classification;

import java.util.List;

/**
 * The classification of one line.
 *
 * @param matches   entries in force on the export date that the line is, or may be, controlled by
 * @param suspended entries the line would match but whose control is suspended on the export date
 * @param problems  facts that could not be read (unparseable composition, unknown declared control
 *                  number): each one alone makes the line at least POSSIBLY_CONTROLLED
 * @param unmatched for NOT_CONTROLLED, in words, what was looked for and not found; null otherwise.
 *                  Worded once per classified product, not on every order line (most lines are
 *                  not controlled, and wording their reasons was about 5 % of the service's allocation)
 */
public record Classification(ClassificationStatus status, List<Match> matches, List<Match> suspended,
                             List<String> problems, String unmatched) {

    public Classification {
        matches = List.copyOf(matches);
        suspended = List.copyOf(suspended);
        problems = List.copyOf(problems);
    }

    public boolean dualUse() {
        return status != ClassificationStatus.NOT_CONTROLLED;
    }
}

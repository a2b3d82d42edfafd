package io.dualuse.screening.core.classification;

import io.dualuse.screening.core.decision.Evidence;
import io.dualuse.screening.core.rules.CatalogEntry;

import java.util.List;

/** One catalog entry a line was matched to, how, and the facts that were used. */
public record Match(CatalogEntry entry, ClassificationStatus status, MatchBasis basis, String explanation,
                    List<Evidence> evidence) {

    public Match {
        evidence = List.copyOf(evidence);
    }
}

package io.dualuse.screening.core.rules;

import java.util.List;

/** Words in a free-text end-use description that send a dual-use order to review. */
public record RedFlags(String legalBasis, List<String> terms) {

    public RedFlags {
        terms = List.copyOf(terms);
    }
}

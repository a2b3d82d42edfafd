package io.dualuse.screening.core.classification;

/** What led to a catalog entry; an officer reads it as "classified by ...". */
public enum MatchBasis {
    /** The exporter's declared control number. */
    DECLARED("declared control number"),
    /** A reference customs code, with the composition where the entry tests one. */
    COMMODITY_CODE("customs code"),
    /** The declared composition meets the entry and the description names a form it covers. */
    COMPOSITION_AND_FORM("composition and description"),
    /** A keyword of the entry in the description. */
    KEYWORD("description keyword"),
    /** The declared composition alone (a material that is mostly a listed element). */
    COMPOSITION("composition");

    private final String words;

    MatchBasis(String words) {
        this.words = words;
    }

    /** How an officer reads it, e.g. "customs code". */
    public String words() {
        return words;
    }
}

package io.dualuse.screening.core.classification;

/** The outcome of classifying one line against the catalog. */
public enum ClassificationStatus {
    /** The facts confirm a catalog entry. */
    CONTROLLED,
    /** Something points at an entry (code, keyword) but the facts that would confirm it are missing. */
    POSSIBLY_CONTROLLED,
    NOT_CONTROLLED
}

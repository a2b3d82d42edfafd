package io.dualuse.screening.core.parties;

/** Where the measures of a listing's announcement stand (rules/cn-control-lists/batches.csv). */
public enum ListStatus {
    IN_FORCE,
    /** Suspended, and what happens after the suspension is not known: review, never an automatic outcome. */
    SUSPENDED,
    /** Ceased from a date: after it, a match is still shown to an officer rather than released unseen. */
    CEASED
}

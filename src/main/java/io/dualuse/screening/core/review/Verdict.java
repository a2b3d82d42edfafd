package io.dualuse.screening.core.review;

/** What a compliance officer decides about a held order. */
public enum Verdict {
    RELEASE,
    REJECT
}

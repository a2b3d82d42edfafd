package io.dualuse.screening.core.rules;

/** What a measure does to a dual-use line in its scope. */
public enum MeasureAction {
    /** Export prohibited: REJECT. */
    PROHIBIT,
    /** Licences are in principle not granted: REJECT unless a licence explicitly lists the item. */
    DENY_PRESUMPTION,
    /** Stricter end-user and end-use review: HOLD for a compliance officer. */
    ENHANCED_REVIEW,
    /** The ordinary licence requirement: HOLD unless a licence covers the line. */
    LICENSE_REQUIRED
}

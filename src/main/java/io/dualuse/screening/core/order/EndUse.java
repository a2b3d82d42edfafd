package io.dualuse.screening.core.order;

/** What the goods are declared to be used for, as a category and in the customer's own words. */
public record EndUse(EndUseCategory category, String description) {
}

package io.dualuse.screening.core.order;

/**
 * Declared type of the end user; UNKNOWN is a value of its own because it drives review measures.
 * TRADER is a buyer for resale (distributor, stockist, broker): not a cleared end user, because who
 * finally uses the goods is not known.
 */
public enum EndUserType { MILITARY, GOVERNMENT, COMMERCIAL, RESEARCH, INDIVIDUAL, TRADER, UNKNOWN }

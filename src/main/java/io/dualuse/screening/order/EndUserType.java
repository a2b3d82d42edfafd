package io.dualuse.screening.order;

/** Declared type of the end user; UNKNOWN is a value of its own because it drives review measures. */
public enum EndUserType { MILITARY, GOVERNMENT, COMMERCIAL, RESEARCH, INDIVIDUAL, UNKNOWN }

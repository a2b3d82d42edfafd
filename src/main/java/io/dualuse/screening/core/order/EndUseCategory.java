package io.dualuse.screening.core.order;

/** Declared end-use category; UNKNOWN is a value of its own because it drives review measures. */
public enum EndUseCategory { CIVIL, MILITARY, UNKNOWN }

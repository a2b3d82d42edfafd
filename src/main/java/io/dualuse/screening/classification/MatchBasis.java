package io.dualuse.screening.classification;

/** What led to a catalog entry: the exporter's declared control number, the customs code, or words. */
public enum MatchBasis { DECLARED, COMMODITY_CODE, KEYWORD }

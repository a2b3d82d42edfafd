package io.dualuse.screening.core.rules;

/** Catalog entries control goods or technologies; technologies have no meaningful customs code. */
public enum ItemType { GOODS, TECHNOLOGY }

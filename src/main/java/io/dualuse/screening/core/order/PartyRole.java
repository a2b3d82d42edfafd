package io.dualuse.screening.core.order;

/** The roles whose country a measure's destination scope can look at. */
public enum PartyRole { FINAL_DESTINATION, SHIP_TO, CONSIGNEE, END_USER, INTERMEDIARY }

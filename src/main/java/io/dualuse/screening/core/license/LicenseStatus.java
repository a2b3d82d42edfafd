package io.dualuse.screening.core.license;

/** Only an ACTIVE licence covers a shipment. */
public enum LicenseStatus { ACTIVE, REVOKED, SUSPENDED }

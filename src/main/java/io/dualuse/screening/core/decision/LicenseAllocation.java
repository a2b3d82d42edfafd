package io.dualuse.screening.core.decision;

import java.math.BigDecimal;

/** What a released line draws from a licence, in the licence's unit. */
public record LicenseAllocation(String licenseNumber, int lineNo, BigDecimal quantity, String unit) {
}

package io.dualuse.screening.core.license;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

/**
 * A MOFCOM dual-use export licence: who may export which items (control numbers and/or customs
 * codes), to which country and end user, how much, and when.
 */
public record License(String licenseNumber, String exporterId, Set<String> controlNumbers,
                      Set<String> commodityCodes, String destinationCountry, String endUserName,
                      BigDecimal quantity, String unit, LocalDate validFrom, LocalDate validTo,
                      LicenseStatus status) {

    public License {
        // normalised once here, so that "1c117.D" on a licence finds the catalog's 1C117.d
        controlNumbers = controlNumbers == null ? Set.of() : controlNumbers.stream()
                .map(io.dualuse.screening.core.rules.ControlNumber::parse).filter(java.util.Objects::nonNull)
                .map(io.dualuse.screening.core.rules.ControlNumber::value).collect(java.util.stream.Collectors.toUnmodifiableSet());
        commodityCodes = commodityCodes == null ? Set.of() : Set.copyOf(commodityCodes);
    }
}

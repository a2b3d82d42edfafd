package io.dualuse.screening.wire;

import io.dualuse.screening.core.license.License;
import io.dualuse.screening.core.license.LicenseStatus;
import io.dualuse.screening.core.order.ContractLimits;
import io.dualuse.screening.core.order.Violation;
import io.dualuse.screening.license.event.LicenseRecord;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Converts licences between the wire/JSON form ({@link LicenseRecord}) and the core {@link License}. */
public final class LicenseEvents {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private LicenseEvents() {
    }

    /** The core licence; {@code violations} receives every bad field (the licence is null then). */
    public static License toLicense(LicenseRecord r, List<Violation> violations) {
        int before = violations.size();
        required(violations, "licenseNumber", r.getLicenseNumber());
        required(violations, "exporterId", r.getExporterId());
        required(violations, "endUserName", r.getEndUserName());
        ContractLimits.identifier(r.getLicenseNumber() == null ? null : r.getLicenseNumber().trim(), "licenseNumber", violations);
        ContractLimits.identifier(r.getExporterId() == null ? null : r.getExporterId().trim(), "exporterId", violations);
        ContractLimits.length(r.getEndUserName(), ContractLimits.MAX_NAME, "endUserName", violations);
        List<String> cns = r.getControlNumbers() == null ? List.of() : r.getControlNumbers();
        List<String> codes = r.getCommodityCodes() == null ? List.of() : r.getCommodityCodes();
        ContractLimits.size(cns, ContractLimits.MAX_LIST, "controlNumbers", violations);
        ContractLimits.size(codes, ContractLimits.MAX_LIST, "commodityCodes", violations);
        for (int i = 0; i < cns.size(); i++) {
            if (cns.get(i) == null || cns.get(i).isBlank()) {
                violations.add(new Violation("controlNumbers[" + i + "]", "is empty"));
            } else {
                ContractLimits.length(cns.get(i), 64, "controlNumbers[" + i + "]", violations);
            }
        }
        if (cns.isEmpty() && codes.isEmpty()) {
            violations.add(new Violation("controlNumbers", "a licence must cover at least one control number or commodity code"));
        }
        for (String c : codes) {
            if (c == null || !c.matches("\\d{6,10}")) {
                violations.add(new Violation("commodityCodes", "must be 6 to 10 digits, got '"
                        + (c == null ? null : ContractLimits.shorten(c)) + "'"));
            }
        }
        String dest = r.getDestinationCountry() == null ? null : r.getDestinationCountry().trim().toUpperCase(Locale.ROOT);
        if (dest == null || !COUNTRIES.contains(dest)) {
            violations.add(new Violation("destinationCountry", "must be an ISO 3166-1 alpha-2 code, got '" + dest + "'"));
        }
        BigDecimal quantity = null;
        if (r.getQuantity() == null || r.getQuantity().isBlank()) {
            violations.add(new Violation("quantity", "is required"));
        } else {
            quantity = ContractLimits.decimal(r.getQuantity(), "quantity", violations);
            if (quantity != null && quantity.signum() <= 0) {
                violations.add(new Violation("quantity", "must be positive, got " + quantity.toPlainString()));
            }
        }
        if (io.dualuse.screening.core.order.QuantityUnit.parse(r.getUnit()) == null) {
            violations.add(new Violation("unit", "unknown unit '" + (r.getUnit() == null ? null : ContractLimits.shorten(r.getUnit())) + "'"));
        }
        LocalDate from = date(violations, "validFrom", r.getValidFrom());
        LocalDate to = date(violations, "validTo", r.getValidTo());
        if (from != null && to != null && to.isBefore(from)) {
            violations.add(new Violation("validTo", "is before validFrom"));
        }
        if (r.getStatus() == null) {
            violations.add(new Violation("status", "is required: ACTIVE, REVOKED or SUSPENDED"));
        }
        if (violations.size() > before) {
            return null;
        }
        return new License(r.getLicenseNumber().trim(), r.getExporterId().trim(), new java.util.HashSet<>(cns), Set.copyOf(codes), dest,
                r.getEndUserName(), quantity, r.getUnit().trim().toUpperCase(Locale.ROOT), from, to,
                LicenseStatus.valueOf(r.getStatus().name()));
    }

    public static LicenseRecord toRecord(License l, String registeredBy) {
        return new LicenseRecord(l.licenseNumber(), l.exporterId(), l.controlNumbers().stream().sorted().toList(),
                l.commodityCodes().stream().sorted().toList(), l.destinationCountry(), l.endUserName(),
                l.quantity().toPlainString(), l.unit(), l.validFrom().toString(), l.validTo().toString(),
                io.dualuse.screening.license.event.LicenseStatus.valueOf(l.status().name()), registeredBy);
    }

    private static void required(List<Violation> v, String field, String value) {
        if (value == null || value.isBlank()) {
            v.add(new Violation(field, "is required"));
        }
    }

    private static LocalDate date(List<Violation> v, String field, String text) {
        if (text == null || text.isBlank()) {
            v.add(new Violation(field, "is required (ISO date)"));
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            v.add(new Violation(field, "is not an ISO date (yyyy-mm-dd): '" + text + "'"));
            return null;
        }
    }
}

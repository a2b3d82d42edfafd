package io.dualuse.screening.api;

import io.dualuse.screening.core.order.Violation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The days an audit export covers, first to last, both included, in UTC: what an auditor asks for
 * ("December"), as the instants the audit topic is read between.
 */
public record ExportRange(LocalDate first, LocalDate last) {

    /** The longest range one export covers: a year of decisions is already millions of rows. */
    public static final int MAX_DAYS = 366;

    /** @throws IllegalArgumentException naming the field in error */
    public static ExportRange parse(String from, String to) {
        LocalDate first = date("from", from);
        LocalDate last = date("to", to);
        if (last.isBefore(first)) {
            throw new Invalid(new Violation("to", "must not be before from (" + first + "), got " + last));
        }
        long days = last.toEpochDay() - first.toEpochDay() + 1;
        if (days > MAX_DAYS) {
            throw new Invalid(new Violation("to", "at most " + MAX_DAYS + " days per export, got " + days));
        }
        return new ExportRange(first, last);
    }

    public Instant start() {
        return first.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after the range. */
    public Instant end() {
        return last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public String fileName() {
        return "decisions-" + first + "-to-" + last + ".csv";
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(String.valueOf(value).trim());
        } catch (DateTimeParseException e) {
            throw new Invalid(new Violation(field, "a date such as 2026-12-01 is required, got '" + value + "'"));
        }
    }

    /** A range that cannot be exported, and the field that says why. */
    public static final class Invalid extends IllegalArgumentException {
        private final transient Violation violation;

        Invalid(Violation violation) {
            super(violation.field() + ": " + violation.message());
            this.violation = violation;
        }

        public Violation violation() {
            return violation;
        }
    }
}

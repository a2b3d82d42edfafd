package io.dualuse.screening.core.rules;

import java.time.LocalDate;

/** A closed date interval, both ends inclusive; used for suspensions. */
public record Window(LocalDate from, LocalDate to, String legalBasis) {

    public boolean contains(LocalDate date) {
        return !date.isBefore(from) && !date.isAfter(to);
    }
}

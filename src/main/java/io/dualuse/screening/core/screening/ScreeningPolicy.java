package io.dualuse.screening.core.screening;

import java.time.Period;

/**
 * Operating limits of the screening engine. A ruleset older than {@code maxRulesetAge} may miss
 * announcements, so every order HOLDs until a fresh one is loaded. An export date more than
 * {@code maxBackdating} before the day an order arrives HOLDs for review (a back-dated order must
 * not slip under a measure that has started since), and an order whose export date has passed is
 * also screened under the rules of today. With {@code maxBackdating} null, every order is screened
 * at its export date as given (replaying history, testing dated rules).
 */
public record ScreeningPolicy(Period maxRulesetAge, Period maxBackdating) {

    public static ScreeningPolicy defaults() {
        return new ScreeningPolicy(Period.ofDays(90), Period.ofDays(7));
    }

    /** The same limits, screening every order at its export date as given. */
    public ScreeningPolicy asOfExportDate() {
        return new ScreeningPolicy(maxRulesetAge, null);
    }
}

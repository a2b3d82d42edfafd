package io.dualuse.screening.decision;

import java.time.Period;

/**
 * Operating limits of the screening engine. A ruleset older than {@code maxRulesetAge} may miss
 * announcements, so every order HOLDs until a fresh one is loaded.
 */
public record ScreeningPolicy(Period maxRulesetAge) {

    public static ScreeningPolicy defaults() {
        return new ScreeningPolicy(Period.ofDays(90));
    }
}

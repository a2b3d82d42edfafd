package io.dualuse.screening.core.rules;

import java.time.LocalDate;
import java.util.List;

/**
 * When a rule applies: from {@code effectiveFrom} to {@code effectiveTo} (inclusive, open when null),
 * except inside a suspension window.
 */
public record Validity(LocalDate effectiveFrom, LocalDate effectiveTo, List<Window> suspensions) {

    public Validity {
        suspensions = suspensions == null ? List.of() : List.copyOf(suspensions);
    }

    public boolean inForce(LocalDate date) {
        return inTerm(date) && suspensionOn(date) == null;
    }

    public boolean inTerm(LocalDate date) {
        return !date.isBefore(effectiveFrom) && (effectiveTo == null || !date.isAfter(effectiveTo));
    }

    /** The suspension covering {@code date}, or null. */
    public Window suspensionOn(LocalDate date) {
        for (Window w : suspensions) {
            if (w.contains(date)) {
                return w;
            }
        }
        return null;
    }

    /**
     * A suspension that ended after the ruleset was published but before {@code date}: whether it
     * was extended is something the ruleset cannot know, so the engine must not act on it blindly.
     */
    public Window suspensionEndedUnconfirmed(LocalDate publishedAt, LocalDate date) {
        for (Window w : suspensions) {
            if (w.to().isAfter(publishedAt) && w.to().isBefore(date)) {
                return w;
            }
        }
        return null;
    }
}

package io.dualuse.screening.core.rules;

import java.time.LocalDate;
import java.time.Period;
import java.util.Collections;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The days on which a ruleset's rules change by themselves: a measure or a control starts or ends,
 * a suspension starts or ends (the day after its last day), the ruleset becomes stale. Decisions
 * that depend on today (an export date that has passed, a stale ruleset) can change on those days,
 * and only on those days, so that is when open holds and released orders are screened again.
 */
public final class RulesetCalendar {

    private final NavigableSet<LocalDate> changes = new TreeSet<>();

    public RulesetCalendar(Ruleset ruleset, Period maxRulesetAge) {
        for (CatalogEntry e : ruleset.catalog()) {
            add(e.validity());
        }
        for (Measure m : ruleset.measures()) {
            add(m.validity());
        }
        changes.add(ruleset.publishedAt().plus(maxRulesetAge).plusDays(1));
    }

    private void add(Validity v) {
        changes.add(v.effectiveFrom());
        if (v.effectiveTo() != null) {
            changes.add(v.effectiveTo().plusDays(1));
        }
        for (Window w : v.suspensions()) {
            changes.add(w.from());
            changes.add(w.to().plusDays(1));
        }
    }

    /** Every day on which a rule starts or stops applying, in order. */
    public NavigableSet<LocalDate> changes() {
        return Collections.unmodifiableNavigableSet(changes);
    }

    /** The first day after {@code from} and no later than {@code to} on which a rule changes, or null. */
    public LocalDate changeAfter(LocalDate from, LocalDate to) {
        LocalDate next = changes.higher(from);
        return next != null && !next.isAfter(to) ? next : null;
    }

    /** The first day after {@code day} on which a rule changes, or null when none is scheduled. */
    public LocalDate nextChangeAfter(LocalDate day) {
        return changes.higher(day);
    }
}

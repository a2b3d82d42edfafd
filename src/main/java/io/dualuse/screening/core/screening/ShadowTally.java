package io.dualuse.screening.core.screening;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.decision.DecisionStatus;
import io.dualuse.screening.core.decision.Reason;
import io.dualuse.screening.core.decision.ReasonCode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a candidate ruleset would change, counted order by order from two decisions of the same
 * order version: one under the ruleset in force, one under the candidate. Only counts are kept
 * (per status transition, reason code and control number), so a tally of a million orders is as
 * small as one of ten. Not thread-safe: one preview fills one tally.
 */
public final class ShadowTally {

    /** From the decision under the ruleset in force to the candidate's. */
    public record Transition(DecisionStatus from, DecisionStatus to, long orders) {
        public boolean changed() {
            return from != to;
        }
    }

    /**
     * How many orders carry a reason code or control number under each ruleset (an order counts
     * once however many of its lines do).
     */
    public record Count(String key, long inForce, long candidate) {
        public long delta() {
            return candidate - inForce;
        }
    }

    /** A reason as it matters for a change: what, on which line, under which entry and measure (not its wording). */
    private record Cause(ReasonCode code, Integer lineNo, String controlNumber, String measureId) {
        static Cause of(Reason r) {
            return new Cause(r.code(), r.lineNo(), r.controlNumber(), r.measureId());
        }
    }

    private final Map<DecisionStatus, Map<DecisionStatus, long[]>> transitions = new EnumMap<>(DecisionStatus.class);
    private final Map<String, long[]> reasonCodes = new TreeMap<>();
    private final Map<String, long[]> controlNumbers = new TreeMap<>();
    private long orders;
    private long changed;

    /**
     * Counts one order version.
     *
     * @return whether the candidate decides it differently: another status, or other reasons
     *         (codes, lines, control numbers or measures; messages may name the ruleset and are not compared)
     */
    public boolean add(Decision inForce, Decision candidate) {
        Objects.requireNonNull(inForce, "inForce");
        Objects.requireNonNull(candidate, "candidate");
        orders++;
        transitions.computeIfAbsent(inForce.status(), s -> new EnumMap<>(DecisionStatus.class))
                .computeIfAbsent(candidate.status(), s -> new long[1])[0]++;
        count(reasonCodes, inForce, candidate, r -> r.code().name());
        count(controlNumbers, inForce, candidate, Reason::controlNumber);
        boolean differs = differs(inForce, candidate);
        if (differs) {
            changed++;
        }
        return differs;
    }

    /** Whether two decisions of one order differ in status or in the causes of their reasons. */
    public static boolean differs(Decision a, Decision b) {
        return a.status() != b.status() || !causes(a).equals(causes(b));
    }

    private static Set<Cause> causes(Decision d) {
        Set<Cause> causes = new HashSet<>();
        d.reasons().forEach(r -> causes.add(Cause.of(r)));
        return causes;
    }

    private static void count(Map<String, long[]> counts, Decision inForce, Decision candidate, Function<Reason, String> key) {
        for (String k : keys(inForce, key)) {
            counts.computeIfAbsent(k, x -> new long[2])[0]++;
        }
        for (String k : keys(candidate, key)) {
            counts.computeIfAbsent(k, x -> new long[2])[1]++;
        }
    }

    private static Set<String> keys(Decision d, Function<Reason, String> key) {
        Set<String> keys = new HashSet<>();
        for (Reason r : d.reasons()) {
            String k = key.apply(r);
            if (k != null) {
                keys.add(k);
            }
        }
        return keys;
    }

    public long orders() {
        return orders;
    }

    public long changed() {
        return changed;
    }

    /** Every transition seen, changes first, then by count. */
    public List<Transition> transitions() {
        List<Transition> out = new ArrayList<>();
        transitions.forEach((from, tos) -> tos.forEach((to, n) -> out.add(new Transition(from, to, n[0]))));
        out.sort(Comparator.comparing((Transition t) -> !t.changed()).thenComparing(Transition::orders, Comparator.reverseOrder())
                .thenComparing(Transition::from).thenComparing(Transition::to));
        return out;
    }

    /** Reason codes, those whose count changes most first. */
    public List<Count> reasonCodes() {
        return counts(reasonCodes);
    }

    /** Control numbers cited by reasons, those whose count changes most first. */
    public List<Count> controlNumbers() {
        return counts(controlNumbers);
    }

    private static List<Count> counts(Map<String, long[]> counts) {
        List<Count> out = new ArrayList<>();
        counts.forEach((k, n) -> out.add(new Count(k, n[0], n[1])));
        out.sort(Comparator.comparing((Count c) -> Math.abs(c.delta()), Comparator.reverseOrder()).thenComparing(Count::key));
        return out;
    }
}

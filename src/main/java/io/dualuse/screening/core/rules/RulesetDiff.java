package io.dualuse.screening.core.rules;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What changed from one ruleset version to another, entry by entry: before activating a new version a
 * compliance officer checks that it changes what the announcement changes, and nothing else.
 *
 * @param redFlags the change to the red-flag terms, or null when they are the same
 */
public record RulesetDiff(String fromVersion, String fromContentHash, String toVersion, String toContentHash,
                          List<Change> catalog, List<Change> measures, List<Change> sources, Change redFlags) {

    /**
     * One catalog entry, measure or source added, removed or changed.
     *
     * @param key    the control number, measure id or source id
     * @param title  its description or title, from the newer version unless it was removed
     * @param fields for CHANGED, the names of the components that differ, sorted; otherwise empty
     */
    public record Change(Kind kind, String key, String title, List<String> fields) {

        public enum Kind { ADDED, REMOVED, CHANGED }

        static final Comparator<Change> ORDER = Comparator.comparing(Change::kind).thenComparing(Change::key);

        public Change {
            fields = List.copyOf(fields);
        }
    }

    private static final RedFlags NO_RED_FLAGS = new RedFlags(null, List.of());

    public RulesetDiff {
        catalog = List.copyOf(catalog);
        measures = List.copyOf(measures);
        sources = List.copyOf(sources);
    }

    public static RulesetDiff between(Ruleset from, Ruleset to) {
        // Catalog entries are keyed by control number alone: RulesetLoader refuses a file in which one
        // repeats (after normalising it), so it names the same entry in both versions.
        List<Change> catalog = changes(keyed(from.catalog(), CatalogEntry::controlNumber),
                keyed(to.catalog(), CatalogEntry::controlNumber), CatalogEntry::description);
        List<Change> measures = changes(keyed(from.measures(), Measure::id), keyed(to.measures(), Measure::id),
                Measure::title);
        List<Change> sources = changes(from.sources(), to.sources(), Source::title);
        return new RulesetDiff(from.version(), from.contentHash(), to.version(), to.contentHash(),
                catalog, measures, sources, redFlagsChange(from.redFlags(), to.redFlags()));
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** The number of changes, red flags counting as one. */
    public int size() {
        return catalog.size() + measures.size() + sources.size() + (redFlags == null ? 0 : 1);
    }

    private static <T> Map<String, T> keyed(List<T> items, Function<T, String> key) {
        Map<String, T> out = new LinkedHashMap<>();
        for (T item : items) {
            if (out.put(key.apply(item), item) != null) {
                throw new IllegalArgumentException("two entries have the key '" + key.apply(item)
                        + "': a ruleset from RulesetLoader never has");
            }
        }
        return out;
    }

    private static <T extends Record> List<Change> changes(Map<String, T> from, Map<String, T> to,
                                                           Function<T, String> title) {
        List<Change> out = new ArrayList<>();
        for (Map.Entry<String, T> e : to.entrySet()) {
            T old = from.get(e.getKey());
            if (old == null) {
                out.add(new Change(Change.Kind.ADDED, e.getKey(), title.apply(e.getValue()), List.of()));
            } else {
                List<String> fields = differingComponents(old, e.getValue());
                if (!fields.isEmpty()) {
                    out.add(new Change(Change.Kind.CHANGED, e.getKey(), title.apply(e.getValue()), fields));
                }
            }
        }
        for (Map.Entry<String, T> e : from.entrySet()) {
            if (!to.containsKey(e.getKey())) {
                out.add(new Change(Change.Kind.REMOVED, e.getKey(), title.apply(e.getValue()), List.of()));
            }
        }
        out.sort(Change.ORDER);
        return out;
    }

    private static Change redFlagsChange(RedFlags from, RedFlags to) {
        RedFlags a = from == null ? NO_RED_FLAGS : from;
        RedFlags b = to == null ? NO_RED_FLAGS : to;
        if (same(a, b)) {
            return null;
        }
        // a ruleset without a redFlags section is loaded as no terms and no legal basis
        Change.Kind kind = same(a, NO_RED_FLAGS) ? Change.Kind.ADDED
                : same(b, NO_RED_FLAGS) ? Change.Kind.REMOVED : Change.Kind.CHANGED;
        List<String> fields = kind == Change.Kind.CHANGED ? differingComponents(a, b) : List.of();
        return new Change(kind, "redFlags", kind == Change.Kind.REMOVED ? a.legalBasis() : b.legalBasis(), fields);
    }

    /** The names of the record components that differ, sorted. Listing them reflectively keeps new components in the diff. */
    private static List<String> differingComponents(Record a, Record b) {
        TreeSet<String> out = new TreeSet<>();
        for (RecordComponent c : a.getClass().getRecordComponents()) {
            if (!same(value(c, a), value(c, b))) {
                out.add(c.getName());
            }
        }
        return List.copyOf(out);
    }

    /**
     * Equality as the rules mean it: 0.1 % and 0.10 % are the same threshold, so decimals compare by
     * value, also inside nested records and lists.
     */
    private static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof Record x && b instanceof Record y && x.getClass() == y.getClass()) {
            return differingComponents(x, y).isEmpty();
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    private static Object value(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
        }
    }
}

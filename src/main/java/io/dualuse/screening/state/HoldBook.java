package io.dualuse.screening.state;

import io.dualuse.screening.core.decision.ReasonCode;
import io.dualuse.screening.core.license.License;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open holds, indexed by exporter so that a licence change re-screens only the holds it can
 * affect (a licence covers one exporter's shipments to one destination), never all of them.
 */
public final class HoldBook {

    private final Map<String, HeldOrder> byOrder = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> byExporter = new ConcurrentHashMap<>();

    public synchronized void put(HeldOrder hold) {
        remove(hold.orderId());
        byOrder.put(hold.orderId(), hold);
        byExporter.computeIfAbsent(exporter(hold), k -> ConcurrentHashMap.newKeySet()).add(hold.orderId());
    }

    public synchronized Optional<HeldOrder> remove(String orderId) {
        HeldOrder old = byOrder.remove(orderId);
        if (old != null) {
            Set<String> ids = byExporter.get(exporter(old));
            if (ids != null) {
                ids.remove(orderId);
            }
        }
        return Optional.ofNullable(old);
    }

    /** Forgets the holds {@code drop} selects (of exporters no longer kept here). */
    public synchronized void removeIf(java.util.function.Predicate<HeldOrder> drop) {
        List<String> ids = byOrder.values().stream().filter(drop).map(HeldOrder::orderId).toList();
        ids.forEach(this::remove);
    }

    public Optional<HeldOrder> get(String orderId) {
        return Optional.ofNullable(byOrder.get(orderId));
    }

    public int size() {
        return byOrder.size();
    }

    /**
     * Holds a licence change can clear or create: the licence's exporter, shipping to its destination,
     * with a line whose control number or customs code the licence (before or after the change) lists.
     */
    public List<HeldOrder> affectedBy(License now, License before) {
        License any = now != null ? now : before;
        if (any == null) {
            return List.of();
        }
        Set<String> ids = byExporter.getOrDefault(any.exporterId(), Set.of());
        List<HeldOrder> out = new ArrayList<>();
        for (String id : ids) {
            HeldOrder h = byOrder.get(id);
            if (h != null && (covers(now, h) || covers(before, h))) {
                out.add(h);
            }
        }
        out.sort(Comparator.comparing(HeldOrder::openedAt));
        return out;
    }

    private static boolean covers(License l, HeldOrder h) {
        if (l == null || !l.destinationCountry().equals(h.finalDestination())) {
            return false;
        }
        return h.mentionsAny(l.commodityCodes()) || h.mentionsAny(l.controlNumbers());
    }

    /** Every open hold, oldest first: a new ruleset may change any of them. */
    public List<HeldOrder> all() {
        return byOrder.values().stream().sorted(Comparator.comparing(HeldOrder::openedAt)).toList();
    }

    /** Open holds matching every filter given (null = any), oldest first. */
    public List<HeldOrder> find(ReasonCode reason, String destination, String exporter, Duration olderThan, Instant now) {
        return all().stream()
                .filter(h -> reason == null || h.hasReason(reason))
                .filter(h -> destination == null || destination.equalsIgnoreCase(h.finalDestination()))
                .filter(h -> exporter == null || exporter.equals(exporter(h)))
                .filter(h -> olderThan == null || !h.openedAt().isAfter(now.minus(olderThan)))
                .toList();
    }

    private static String exporter(HeldOrder h) {
        return h.exporterId();
    }
}

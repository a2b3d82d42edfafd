package io.dualuse.screening.state;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.order.Order;
import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.wire.AvroCodec;
import io.dualuse.screening.wire.DecisionEvents;
import io.dualuse.screening.wire.OrderEvents;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Released orders whose export date has not passed: a new ruleset may have to hold them again.
 * Bounded ({@code screening.released.max-orders}), oldest release out first (the likeliest shipped
 * already); one pushed out before its export date is counted ({@link #forgotten()}), because a
 * ruleset activated after that would not re-screen it.
 *
 * <p>Most orders are released, so an entry is as cheap as it can be: the order's version and
 * export date in the heap, its order and decision bytes packed in {@link HoldPayloads} under the
 * order's id, replaced and deleted explicitly. As open holds, they were a {@link HeldOrder} each,
 * with a payload freed by the garbage collector: under load that meant thousands of objects a
 * second dying in the old generation, and as many phantom references to process.
 */
final class ReleasedOrders {

    private static final Logger LOG = Logger.getLogger(ReleasedOrders.class);

    private record Entry(long orderVersion, long exportDay, int eventLength, int exporterHash) {
    }

    private final HoldPayloads store;
    private final Map<String, Entry> entries;
    private final Clock clock;
    private long forgotten;

    ReleasedOrders(HoldPayloads store, int max, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.entries = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                if (size() > max) {
                    store.delete(key(eldest.getKey()));
                    if (eldest.getValue().exportDay() >= LocalDate.now(clock).toEpochDay()) {
                        forgot(max);
                    }
                    return true;
                }
                return false;
            }
        };
    }

    private void forgot(int max) {
        if (forgotten++ % 10_000 == 0) {
            LOG.warnf("%d released order(s) forgotten before their export date so far: a ruleset activated now would"
                    + " not re-screen them. screening.released.max-orders is %d; raise it (about 130 bytes of heap"
                    + " each) to cover the releases of your longest export lead time", forgotten, max);
        }
    }

    /** Released orders pushed out by the bound before their export date, since start. */
    synchronized long forgotten() {
        return forgotten;
    }

    /** Remembers a released order until its export date. */
    synchronized void put(Order order, HeldOrder.Encoded bytes) {
        store.put(key(order.orderId()), bytes.pack());
        entries.remove(order.orderId()); // a new version goes to the back of the line
        entries.put(order.orderId(), new Entry(order.orderVersion(), order.exportDate().toEpochDay(), bytes.event().length,
                PartitionOwnership.exporterHash(order.exporter().id())));
    }

    synchronized void remove(String orderId) {
        if (entries.remove(orderId) != null) {
            store.delete(key(orderId));
        }
    }

    /** Forgets the orders of the exporters whose hash {@code drop} accepts (no longer kept here). */
    synchronized void removeIf(java.util.function.IntPredicate drop) {
        for (var it = entries.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (drop.test(e.getValue().exporterHash())) {
                store.delete(key(e.getKey()));
                it.remove();
            }
        }
    }

    synchronized boolean isCurrent(String orderId, long orderVersion) {
        Entry e = entries.get(orderId);
        return e != null && e.orderVersion() == orderVersion;
    }

    synchronized int size() {
        return entries.size();
    }

    /** Forgets the orders shipped before {@code today} and returns the others, to be screened again. */
    synchronized List<HeldOrder> notShippedAsOf(LocalDate today) {
        List<HeldOrder> out = new ArrayList<>();
        for (var it = entries.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue().exportDay() < today.toEpochDay()) {
                store.delete(key(e.getKey()));
                it.remove();
            } else {
                read(e.getKey(), e.getValue()).ifPresent(out::add);
            }
        }
        return out;
    }

    private Optional<HeldOrder> read(String orderId, Entry entry) {
        byte[] packed = store.get(key(orderId));
        if (packed == null) {
            return Optional.empty();
        }
        HeldOrder.Encoded bytes = HeldOrder.Encoded.unpack(packed, entry.eventLength());
        OrderEvent event = AvroCodec.instance().decode(bytes.event(), OrderEvent.class);
        Decision decision = DecisionEvents.fromEvent(AvroCodec.instance().decode(bytes.decision(), ScreeningDecision.class));
        return Optional.of(new HeldOrder(OrderEvents.toOrder(event), event, decision, bytes, decision.decidedAt(), List.of(),
                HoldPayloads.inHeap()));
    }

    private static String key(String orderId) {
        return "released/" + orderId;
    }
}

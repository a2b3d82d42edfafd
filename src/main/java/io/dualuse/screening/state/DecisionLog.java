package io.dualuse.screening.state;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.platform.ScreeningConfig;
import io.dualuse.screening.wire.AvroCodec;
import io.dualuse.screening.wire.DecisionEvents;
import io.dualuse.screening.wire.PackedBytes;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The latest decisions this instance made, bounded so that memory does not grow with every order
 * ever screened: the last {@code screening.decision-log.decisions} order versions (to ignore a
 * re-delivered or late, older version) and where each one's decision is (for
 * {@code GET /api/v1/decisions/{id}}). Beyond that horizon a re-delivered order is screened again:
 * the same decision, and the same ledger key, so no double draw.
 *
 * <p>A decision of the order stream is not kept here at all, only its partition and offset on the
 * audit topic once its write is committed: the topic is the record, and writing every decision
 * to the local store as well cost about a tenth of the service's CPU under load (packing,
 * RocksDB's writes, flushes and compactions; docs/performance.md). Decisions made elsewhere
 * (re-screens, reviews, holds restored at start) are few: their Avro bytes, lz4-packed, go to a
 * {@link Store} (the instance's local disk store, state.LocalStore). Only ids, versions and
 * offsets stay in the heap: kept there, 20,000 packed decisions lived about two seconds each under
 * load, long enough to be copied into the old generation, and G1 marked the heap over and over.
 */
@ApplicationScoped
public class DecisionLog {

    /** Where the packed decisions are kept, by order id. */
    public interface Store {
        void put(String orderId, byte[] packed);

        /** The bytes last put, or null. */
        byte[] get(String orderId);

        void delete(String orderId);
    }

    /** The audit topic the pipeline writes decisions to, read back by position. */
    public interface AuditTopic {
        /**
         * The decision at that position, or empty if the topic no longer has it.
         *
         * @throws IllegalStateException if the topic cannot be read now
         */
        Optional<Decision> read(int partition, long offset);
    }

    /**
     * An order's latest decided version, and where its last committed decision is: on the audit
     * topic at {@code partition}/{@code offset}, in the store ({@link #STORED}), or nowhere yet
     * ({@link #NONE}). {@code pending}: the latest version's write is not committed yet (it may
     * still be undone), so the location is still that of the version before.
     */
    private record Entry(long version, int partition, long offset, boolean pending) {
    }

    private static final int STORED = -1;
    private static final int NONE = -2;

    private final Store store;
    private final AuditTopic topic;
    /** order id to its entry, least recently used first; leaving it deletes a stored decision */
    private final Map<String, Entry> entries;

    @jakarta.inject.Inject
    public DecisionLog(ScreeningConfig config, Store store, AuditTopic topic) {
        this(config.decisionLog().decisions(), store, topic);
    }

    public DecisionLog(int max, Store store, AuditTopic topic) {
        this.store = store;
        this.topic = topic;
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                if (size() > max) {
                    if (eldest.getValue().partition() == STORED) {
                        store.delete(eldest.getKey());
                    }
                    return true;
                }
                return false;
            }
        };
    }

    /**
     * The latest committed decision for an order, if within the horizon.
     *
     * @throws IllegalStateException if the audit topic cannot be read now
     */
    public Optional<Decision> latest(String orderId) {
        Entry e;
        byte[] d = null;
        synchronized (this) {
            e = entries.get(orderId);
            if (e != null && e.partition() == STORED) {
                d = store.get(orderId);
            }
        }
        if (e == null || e.partition() < 0) {
            return d == null ? Optional.empty() : Optional.of(decode(d));
        }
        // outside the lock: the pipeline must not wait for a read from the broker
        return topic.read(e.partition(), e.offset());
    }

    /** The latest order version decided here (committed or not), if still within the horizon. */
    public synchronized Optional<Long> latestVersion(String orderId) {
        Entry e = entries.get(orderId);
        return e == null ? Optional.empty() : Optional.of(e.version());
    }

    /**
     * Notes a decision of the order stream, whose write is not committed yet, and returns how to
     * put back what was there before (undo of an aborted transaction). {@link #published} says
     * where it was written once it is committed; nothing of it is stored here.
     */
    public synchronized Runnable recordUndoably(Decision d) {
        String orderId = d.orderId();
        Entry previous = entries.get(orderId);
        entries.put(orderId, previous == null ? new Entry(d.orderVersion(), NONE, -1, true)
                : new Entry(d.orderVersion(), previous.partition(), previous.offset(), true));
        return () -> {
            synchronized (this) {
                if (previous == null) {
                    entries.remove(orderId);
                } else {
                    entries.put(orderId, previous);
                }
            }
        };
    }

    /** The decision {@link #recordUndoably noted} for this order version is committed at this position of the audit topic. */
    public synchronized void published(String orderId, long version, int partition, long offset) {
        Entry e = entries.get(orderId);
        if (e == null || !e.pending() || e.version() != version) {
            return; // left the horizon, or replaced meanwhile
        }
        if (e.partition() == STORED) {
            store.delete(orderId); // the version before, superseded
        }
        entries.put(orderId, new Entry(version, partition, offset, false));
    }

    /** Records a published decision unless a newer version is already recorded. */
    public void record(Decision d) {
        record(d, encode(d));
    }

    /** As {@link #record(Decision)}, with the decision already in its Avro single-object form. */
    public void record(Decision d, byte[] encoded) {
        byte[] packed = PackedBytes.pack(encoded);
        synchronized (this) {
            Entry known = entries.get(d.orderId());
            if (known != null && known.version() > d.orderVersion()) {
                return;
            }
            entries.put(d.orderId(), new Entry(d.orderVersion(), STORED, -1, false));
            store.put(d.orderId(), packed);
        }
    }

    private static byte[] encode(Decision d) {
        return AvroCodec.instance().encode(DecisionEvents.toEvent(d));
    }

    private static Decision decode(byte[] d) {
        return DecisionEvents.fromEvent(AvroCodec.instance().decode(PackedBytes.unpack(d), ScreeningDecision.class));
    }
}

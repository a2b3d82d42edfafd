package io.dualuse.screening.decision;

import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.wire.AvroCodec;
import io.dualuse.screening.wire.PackedBytes;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The latest decisions this instance made, bounded so that memory does not grow with every order
 * ever screened: the last {@code screening.decision-log.decisions} order versions (to ignore a
 * re-delivered or late, older version) and their decisions in full (for
 * {@code GET /api/v1/decisions/{id}}). Beyond that horizon a re-delivered order is screened again:
 * the same decision, and the same ledger key, so no double draw.
 *
 * <p>Only the order id and version stay in the heap; each decision's Avro bytes, lz4-packed, go
 * to a {@link Store} (the instance's local disk store, review.LocalStore). Kept in the heap,
 * 20,000 packed decisions lived about two seconds each under load: long enough to be copied into
 * the old generation, short enough to die there, and G1 marked the heap over and over for them
 * (README, Performance).
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

    private final Store store;
    /** order id to the latest version decided, least recently used first; leaving it deletes the decision */
    private final Map<String, Long> versions;

    public DecisionLog(@ConfigProperty(name = "screening.decision-log.decisions", defaultValue = "100000") int max, Store store) {
        this.store = store;
        this.versions = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                if (size() > max) {
                    store.delete(eldest.getKey());
                    return true;
                }
                return false;
            }
        };
    }

    public Optional<Decision> latest(String orderId) {
        byte[] d;
        synchronized (this) {
            d = versions.containsKey(orderId) ? store.get(orderId) : null;
        }
        return d == null ? Optional.empty() : Optional.of(decode(d));
    }

    /** The latest order version decided here, if still within the horizon. */
    public synchronized Optional<Long> latestVersion(String orderId) {
        return Optional.ofNullable(versions.get(orderId));
    }

    /**
     * Records a decision and returns how to put back what was there before (undo of an aborted
     * transaction), keeping the previous entry as bytes: nothing is decoded on the hot path.
     */
    public Runnable recordUndoably(Decision d, byte[] encoded) {
        String orderId = d.orderId();
        byte[] packed = PackedBytes.pack(encoded);
        synchronized (this) {
            Long previousVersion = versions.get(orderId);
            // read back only for an order decided before (a new version): most orders are new
            byte[] previous = previousVersion == null ? null : store.get(orderId);
            put(d, packed);
            return () -> {
                synchronized (this) {
                    if (previousVersion == null) {
                        versions.remove(orderId);
                    } else {
                        versions.put(orderId, previousVersion);
                    }
                    if (previous == null) {
                        store.delete(orderId);
                    } else {
                        store.put(orderId, previous);
                    }
                }
            };
        }
    }

    /** Records a published decision unless a newer version is already recorded. */
    public void record(Decision d) {
        record(d, encode(d));
    }

    /** As {@link #record(Decision)}, with the decision already in its Avro single-object form. */
    public void record(Decision d, byte[] encoded) {
        byte[] packed = PackedBytes.pack(encoded);
        synchronized (this) {
            put(d, packed);
        }
    }

    private void put(Decision d, byte[] packed) {
        Long known = versions.get(d.orderId());
        if (known != null && known > d.orderVersion()) {
            return;
        }
        versions.put(d.orderId(), d.orderVersion());
        store.put(d.orderId(), packed);
    }

    private static byte[] encode(Decision d) {
        return AvroCodec.instance().encode(DecisionEvents.toEvent(d));
    }

    private static Decision decode(byte[] d) {
        return DecisionEvents.fromEvent(AvroCodec.instance().decode(PackedBytes.unpack(d), ScreeningDecision.class));
    }
}

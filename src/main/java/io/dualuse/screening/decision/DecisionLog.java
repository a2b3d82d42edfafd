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
 * ever screened: the last {@code screening.decision-log.decisions} decisions in full (for
 * {@code GET /api/v1/decisions/{id}}), and the last {@code screening.decision-log.versions} order
 * versions (to ignore a re-delivered or late, older version). Beyond that horizon a re-delivered
 * order is screened again: the same decision, and the same ledger key, so no double draw.
 */
@ApplicationScoped
public class DecisionLog {

    // Avro bytes, lz4-packed, not the object graph: a decision with a dozen reasons is ~4x smaller
    // as bytes, and the repeated reason texts pack about 4x again
    private final Map<String, byte[]> decisions;
    private final Map<String, Long> versions;

    public DecisionLog(@ConfigProperty(name = "screening.decision-log.decisions", defaultValue = "20000") int maxDecisions,
                       @ConfigProperty(name = "screening.decision-log.versions", defaultValue = "100000") int maxVersions) {
        this.decisions = lru(maxDecisions);
        this.versions = lru(maxVersions);
    }

    private static <V> Map<String, V> lru(int max) {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > max;
            }
        };
    }

    public synchronized Optional<Decision> latest(String orderId) {
        byte[] d = decisions.get(orderId);
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
            byte[] previous = decisions.get(orderId);
            Long previousVersion = versions.get(orderId);
            put(d, packed);
            return () -> {
                synchronized (this) {
                    putOrRemove(decisions, orderId, previous);
                    putOrRemove(versions, orderId, previousVersion);
                }
            };
        }
    }

    private static <V> void putOrRemove(Map<String, V> map, String key, V value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
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
        decisions.put(d.orderId(), packed);
    }

    private static byte[] encode(Decision d) {
        return AvroCodec.instance().encode(DecisionEvents.toEvent(d));
    }

    private static Decision decode(byte[] d) {
        return DecisionEvents.fromEvent(AvroCodec.instance().decode(PackedBytes.unpack(d), ScreeningDecision.class));
    }
}

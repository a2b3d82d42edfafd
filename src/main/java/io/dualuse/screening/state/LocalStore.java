package io.dualuse.screening.state;

import io.dualuse.screening.platform.ScreeningConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.nio.file.Path;

/**
 * The instance's local store of packed bytes (RocksDB on local disk by default, see
 * {@link HoldPayloads#open}), shared by everything that keeps orders or decisions for a while:
 * open holds, released orders not yet shipped, and the decision log. Bytes kept for seconds to
 * hours are what made the garbage collector mark the heap over and over (docs/performance.md);
 * here they cost a write to local disk instead. Closed when the container stops, after the
 * pipeline's last batch (its {@code ShutdownEvent} observer), and emptied at the next start:
 * the Kafka topics are the record.
 */
@ApplicationScoped
public class LocalStore {

    @Produces
    @Singleton
    HoldPayloads payloads(ScreeningConfig config) {
        return HoldPayloads.open(config.holds().payloads(), config.holds().payloadDir().map(Path::of));
    }

    void close(@Disposes HoldPayloads payloads) {
        payloads.close();
    }

    @Produces
    @Singleton
    DecisionLog.Store decisionStore(HoldPayloads payloads) {
        return decisions(payloads);
    }

    /** The decision log's bytes, under keys of their own in {@code payloads}. */
    public static DecisionLog.Store decisions(HoldPayloads payloads) {
        return new DecisionLog.Store() {
            @Override
            public void put(String orderId, byte[] packed) {
                payloads.put(key(orderId), packed);
            }

            @Override
            public byte[] get(String orderId) {
                return payloads.get(key(orderId));
            }

            @Override
            public void delete(String orderId) {
                payloads.delete(key(orderId));
            }

            private String key(String orderId) {
                return "decision/" + orderId;
            }
        };
    }
}

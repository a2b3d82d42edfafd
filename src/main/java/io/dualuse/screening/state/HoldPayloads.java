package io.dualuse.screening.state;

import java.nio.file.Path;

/**
 * Where held orders keep their bulk: the order's and the decision's packed bytes, read back only
 * when a hold is shown or screened again. The filter fields of a hold stay in the heap. Released
 * orders and the decision log keep theirs here too, under keys of their own (state.LocalStore).
 *
 * <p>A payload lives as long as its handle is reachable, exactly as a byte array would: a hold
 * replaced in the book may still be put back by the undo of an aborted transaction, so nothing
 * but the garbage collector knows when a payload is no longer needed.
 */
public interface HoldPayloads extends AutoCloseable {

    /** The bytes, as stored. */
    interface Payload {
        byte[] bytes();
    }

    Payload store(byte[] packed);

    /**
     * Bytes under a key of the caller's, for entries the caller removes itself ({@link ReleasedOrders},
     * the decision log):
     * replaced by the next put of the key, gone after {@link #delete}. After close, puts are dropped.
     */
    void put(String key, byte[] packed);

    /** The bytes last put under the key, or null. */
    byte[] get(String key);

    void delete(String key);

    @Override
    void close();

    /** In the heap: for tests and small backlogs; every payload is traced by the GC. */
    static HoldPayloads inHeap() {
        return new HoldPayloads() {
            private final java.util.Map<String, byte[]> keyed = new java.util.concurrent.ConcurrentHashMap<>();

            @Override
            public Payload store(byte[] packed) {
                return () -> packed;
            }

            @Override
            public void put(String key, byte[] packed) {
                keyed.put(key, packed);
            }

            @Override
            public byte[] get(String key) {
                return keyed.get(key);
            }

            @Override
            public void delete(String key) {
                keyed.remove(key);
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * {@code disk} (RocksDB in {@code dir}, emptied first: the hold-state topic is the record, this
     * is a spill of it; with no {@code dir}, a new temporary directory, removed on close) or
     * {@code heap}.
     */
    static HoldPayloads open(String kind, java.util.Optional<Path> dir) {
        return switch (kind.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "disk" -> DiskHoldPayloads.open(dir);
            case "heap" -> inHeap();
            default -> throw new IllegalArgumentException("screening.holds.payloads must be disk or heap, not " + kind);
        };
    }
}

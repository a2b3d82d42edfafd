package io.dualuse.screening.preview;

import org.apache.avro.SchemaNormalization;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Which record holds each order's latest version, for at most a fixed number of orders: three
 * primitive arrays (an open-addressing table keyed by a 64-bit fingerprint of the order id), so
 * a preview's memory is set by configuration, not by the window. A window with more orders than
 * fit is read in several passes, each for one class of fingerprints ({@link #classOf}).
 *
 * <p>Two order ids with the same CRC-64 fingerprint would count as one order (about one chance in
 * 3 x 10^7 among a million orders): the preview then leaves one of them out, it never screens an
 * order under another's version.
 */
final class LatestVersions {

    private static final long EMPTY = 0;

    private final int capacity;
    private final long[] keys;
    private final long[] versions;
    /** partition in the top 16 bits, offset in the lower 48 */
    private final long[] positions;
    private final int mask;
    private int size;

    /** Thrown when more orders come than the table was made for. */
    static final class Full extends RuntimeException {
        Full(int capacity) {
            super("more than " + capacity + " orders in one pass", null, false, false);
        }
    }

    LatestVersions(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.capacity = capacity;
        // at most three quarters full, so that probes stay short
        int slots = Integer.highestOneBit(Math.max(2, (int) Math.min(1 << 30, capacity * 4L / 3 + 1)) - 1) << 1;
        this.keys = new long[slots];
        this.versions = new long[slots];
        this.positions = new long[slots];
        this.mask = slots - 1;
    }

    /** The fingerprint of an order id; never {@link #EMPTY}. */
    static long fingerprint(String orderId) {
        long f = SchemaNormalization.fingerprint64(orderId.getBytes(StandardCharsets.UTF_8));
        return f == EMPTY ? 1 : f;
    }

    /** Which of {@code classes} passes handles the order with this fingerprint. */
    static int classOf(long fingerprint, int classes) {
        return (int) Long.remainderUnsigned(mix(fingerprint), classes);
    }

    /**
     * Notes a version of an order found at {@code partition}/{@code offset}. A higher version
     * replaces the one noted; the same version keeps the first record (the pipeline screens a
     * re-delivered version once, the first time).
     *
     * @throws Full when a new order would exceed the capacity
     */
    void offer(long fingerprint, long version, int partition, long offset) {
        int slot = slot(fingerprint);
        if (keys[slot] == EMPTY) {
            if (size == capacity) {
                throw new Full(capacity);
            }
            keys[slot] = fingerprint;
            versions[slot] = version;
            positions[slot] = position(partition, offset);
            size++;
        } else if (version > versions[slot]) {
            versions[slot] = version;
            positions[slot] = position(partition, offset);
        }
    }

    /** Whether the record at {@code partition}/{@code offset} holds the order's latest version noted. */
    boolean isLatest(long fingerprint, int partition, long offset) {
        int slot = slot(fingerprint);
        return keys[slot] == fingerprint && positions[slot] == position(partition, offset);
    }

    /** The records noted, as {@link #position} longs, sorted: the next pass decodes only these. */
    long[] sortedPositions() {
        long[] out = new long[size];
        int n = 0;
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != EMPTY) {
                out[n++] = positions[slot];
            }
        }
        Arrays.sort(out);
        return out;
    }

    int size() {
        return size;
    }

    void clear() {
        Arrays.fill(keys, EMPTY);
        size = 0;
    }

    private int slot(long fingerprint) {
        // the high bits: the low ones choose the pass (classOf), alike for every order of it
        int slot = (int) (mix(fingerprint) >>> 34) & mask;
        while (keys[slot] != EMPTY && keys[slot] != fingerprint) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    static long position(int partition, long offset) {
        return ((long) partition << 48) | offset;
    }

    /** CRC bits are linear: spread them before taking the low ones (the finaliser of MurmurHash3). */
    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}

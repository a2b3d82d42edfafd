package io.dualuse.screening.state;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.CompressionType;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

/**
 * Hold payloads in a local RocksDB: open holds pile up until compliance reviews them, and in the
 * heap their bytes were most of the live set under load (68,000 holds, 100 of 180 MB), which kept
 * G1 marking all the time and cost as much CPU as screening. On disk, the backlog a new measure
 * can put on hold at once is bounded by the volume, not by the heap.
 *
 * <p>Each payload gets a new key from a counter, so writes arrive in key order (cheap for an LSM
 * tree) and an old version of a hold never sees a newer one's bytes. A payload's key is deleted
 * when its handle is collected ({@link Cleaner}). No write-ahead log: the directory is emptied at
 * start-up and rebuilt from the hold-state topic, so a crash loses nothing that matters.
 */
final class DiskHoldPayloads implements HoldPayloads {

    private static final Cleaner CLEANER = Cleaner.create();
    /** what {@link #whenOpen} reads once the store is closed */
    private static final byte[] CLOSED = new byte[0];

    private final Options options;
    private final WriteOptions writes;
    private final LRUCache cache;
    private final RocksDB db;
    private final Path dir;
    private final boolean temporary;
    private final LocalStoreDirectory.Ownership ownership;
    private final AtomicLong lastKey = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    private DiskHoldPayloads(Path dir, boolean temporary, LocalStoreDirectory.Ownership ownership) throws RocksDBException {
        RocksDB.loadLibrary();
        this.dir = dir;
        this.temporary = temporary;
        this.ownership = ownership;
        cache = new LRUCache(8L << 20);
        options = new Options()
                .setCreateIfMissing(true)
                // the values are lz4-packed already (wire.PackedBytes)
                .setCompressionType(CompressionType.NO_COMPRESSION)
                .setWriteBufferSize(8L << 20)
                .setMaxWriteBufferNumber(2)
                // keys are random (order ids, sequence numbers), so every merge of level 0 into
                // level 1 rewrites all of level 1 (every open hold and kept decision): merge after
                // 12 flushes, not 4. Reads are rare (a review, a ruleset change) and may look at
                // a few more files for it; the pipeline only writes.
                .setLevel0FileNumCompactionTrigger(12)
                .setLevel0SlowdownWritesTrigger(24)
                .setLevel0StopWritesTrigger(36)
                .setMaxBackgroundJobs(1)
                .setAvoidFlushDuringShutdown(true)
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                .setKeepLogFileNum(1)
                .setStatsDumpPeriodSec(0)
                .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache));
        writes = new WriteOptions().setDisableWAL(true);
        db = RocksDB.open(options, dir.resolve("db").toString());
    }

    /**
     * In {@code dir}, emptied first; with none, in a new temporary directory removed on close, after
     * removing those that killed processes left behind (see {@link LocalStoreDirectory}).
     */
    static DiskHoldPayloads open(Optional<Path> dir) {
        Path path = null;
        try {
            if (dir.isPresent()) {
                path = dir.get();
                empty(path);
                Files.createDirectories(path);
            } else {
                Path temp = Path.of(System.getProperty("java.io.tmpdir"));
                LocalStoreDirectory.sweep(temp, LocalStoreDirectory.processStart());
                // one per process: two instances on one host (a test run beside ./mvnw -Prun) never share
                path = Files.createTempDirectory(temp, LocalStoreDirectory.PREFIX);
            }
            LocalStoreDirectory.Ownership owned = LocalStoreDirectory.own(path);
            // RocksDB's native library goes into this directory, not a new file in the temporary
            // folder that a kill -9 would leave there (deleteOnExit never runs)
            org.rocksdb.NativeLibraryLoader.getInstance().loadLibrary(path.toString());
            return new DiskHoldPayloads(path, dir.isEmpty(), owned);
        } catch (IOException e) {
            throw new UncheckedIOException("hold payload directory " + path, e);
        } catch (RocksDBException e) {
            throw new IllegalStateException("hold payload store at " + path + " could not be opened: " + e.getMessage(), e);
        }
    }

    @Override
    public Payload store(byte[] packed) {
        byte[] key = ByteBuffer.allocate(Long.BYTES).putLong(lastKey.incrementAndGet()).array();
        boolean written = whenOpen(false, "hold payload not stored", db -> {
            db.put(writes, key, packed);
            return true;
        });
        if (!written) {
            return () -> packed; // shutting down: the last few orders of a batch keep theirs in the heap
        }
        stored.incrementAndGet();
        Stored payload = new Stored(this, key);
        CLEANER.register(payload, new Delete(this, key));
        return payload;
    }

    @Override
    public void put(String key, byte[] packed) {
        whenOpen(null, "payload " + key + " not stored", db -> {
            db.put(writes, keyed(key), packed);
            return null;
        });
    }

    @Override
    public byte[] get(String key) {
        return whenOpen(null, "payload " + key + " not read", db -> db.get(keyed(key)));
    }

    @Override
    public void delete(String key) {
        try {
            whenOpen(null, "payload " + key + " not deleted", db -> {
                db.delete(writes, keyed(key));
                return null;
            });
        } catch (IllegalStateException e) {
            // left behind until the next start, which empties the store
        }
    }

    Path dir() {
        return dir;
    }

    /** Payloads stored and not yet deleted. */
    long stored() {
        return stored.get();
    }

    /** The caller's keys start with 'k'; handle keys are 8-byte counters, whose first byte stays 0. */
    private static byte[] keyed(String key) {
        byte[] k = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] out = new byte[k.length + 1];
        out[0] = 'k';
        System.arraycopy(k, 0, out, 1, k.length);
        return out;
    }

    private byte[] read(byte[] key) {
        byte[] value = whenOpen(CLOSED, "hold payload not read", db -> db.get(key));
        if (value == CLOSED) {
            throw new IllegalStateException("hold payload store is closed");
        }
        if (value == null) {
            throw new IllegalStateException("hold payload " + ByteBuffer.wrap(key).getLong() + " is missing");
        }
        return value;
    }

    private void delete(byte[] key) {
        try {
            if (whenOpen(false, "hold payload not deleted", db -> {
                db.delete(writes, key);
                return true;
            })) {
                stored.decrementAndGet();
            }
        } catch (IllegalStateException e) {
            // a key left behind costs disk until the next start, which empties the store
        }
    }

    /** A call on the open RocksDB. */
    private interface Call<T> {
        T on(RocksDB db) throws RocksDBException;
    }

    /**
     * The call's result, or {@code ifClosed} once the store is closed: under the read lock, because
     * deletes come from the cleaner's thread at any time and a closed RocksDB must never be called.
     */
    private <T> T whenOpen(T ifClosed, String failure, Call<T> call) {
        lock.readLock().lock();
        try {
            return closed ? ifClosed : call.on(db);
        } catch (RocksDBException e) {
            throw new IllegalStateException(failure + ": " + e.getMessage(), e);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            db.close();
            writes.close();
            options.close();
            cache.close();
            ownership.close();
            if (temporary) {
                empty(dir);
            }
        } catch (IOException e) {
            // a temporary directory left behind: the operating system's to clean
        } finally {
            lock.writeLock().unlock();
        }
    }

    static void empty(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private record Stored(DiskHoldPayloads store, byte[] key) implements Payload {
        @Override
        public byte[] bytes() {
            return store.read(key);
        }
    }

    /** The cleaner's action: it must not reach the handle, or the handle would never be collected. */
    private record Delete(DiskHoldPayloads store, byte[] key) implements Runnable {
        @Override
        public void run() {
            store.delete(key);
        }
    }
}

package io.dualuse.screening.state;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The local store's directories in the temporary folder, and what killed processes leave there. A
 * process removes its directory on a clean stop; after a {@code kill -9} or an OOM kill the
 * directory and RocksDB's extracted native library stay, about 40 MB each, and a crash loop fills
 * the pod's volume. So each directory holds a lock file locked while its process runs, and a
 * starting process removes the directories whose lock nobody holds, and native libraries extracted
 * before it started (the kernel keeps a loaded library mapped, so a running process loses nothing).
 */
final class LocalStoreDirectory {

    private static final Logger LOG = Logger.getLogger(LocalStoreDirectory.class);
    static final String PREFIX = "screening-holds-";
    static final String LOCK_FILE = "owner.lock";
    private static final String NATIVE_LIBRARY_GLOB = "librocksdbjni*.so";
    /**
     * This process's directories, never probed: closing any channel on a lock file drops all of
     * the process's locks on it (POSIX), so probing its own would unlock it for other processes.
     */
    private static final java.util.Set<Path> OWNED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private LocalStoreDirectory() {
    }

    /** The running process's hold on its directory: released on close. */
    record Ownership(Path dir, FileChannel channel, FileLock lock) implements AutoCloseable {
        @Override
        public void close() {
            OWNED.remove(dir);
            try {
                channel.close(); // releases the lock
            } catch (IOException e) {
                // the lock goes with the process anyway
            }
        }
    }

    static Instant processStart() {
        return Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    /** Locks {@code dir}'s lock file for as long as this process uses it. */
    static Ownership own(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new IOException(dir + " is in use by another process");
        }
        OWNED.add(dir.toAbsolutePath().normalize());
        return new Ownership(dir.toAbsolutePath().normalize(), channel, lock);
    }

    /**
     * Removes from {@code temp} the store directories no running process holds and the native
     * libraries written before {@code started}. Returns how many entries it removed.
     */
    static int sweep(Path temp, Instant started) {
        int removed = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(temp, PREFIX + "*")) {
            for (Path dir : dirs) {
                if (Files.isDirectory(dir) && abandoned(dir, started)) {
                    DiskHoldPayloads.empty(dir);
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("local stores of earlier runs in %s not all removed: %s", temp, e);
        }
        try (DirectoryStream<Path> libraries = Files.newDirectoryStream(temp, NATIVE_LIBRARY_GLOB)) {
            for (Path library : libraries) {
                if (Files.isRegularFile(library) && Files.getLastModifiedTime(library).toInstant().isBefore(started)) {
                    Files.deleteIfExists(library);
                    removed++;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("native libraries of earlier runs in %s not all removed: %s", temp, e);
        }
        if (removed > 0) {
            LOG.infof("removed %d local store(s) and native libraries left in %s by earlier runs", removed, temp);
        }
        return removed;
    }

    private static boolean abandoned(Path dir, Instant started) throws IOException {
        if (OWNED.contains(dir.toAbsolutePath().normalize())) {
            return false;
        }
        Path lockFile = dir.resolve(LOCK_FILE);
        if (!Files.exists(lockFile)) {
            // an older build's, or one being created this instant: only the former is removed
            return Files.getLastModifiedTime(dir).toInstant().isBefore(started);
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false; // another process holds it
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // this process holds it after all
        }
    }
}

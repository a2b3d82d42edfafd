package io.dualuse.screening.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The orders a candidate ruleset decides differently, written to a file as JSON lines while a
 * preview runs, so that memory does not grow with them: only a long per order stays in the heap,
 * to page through them oldest first once the preview is done. At most {@code max} are kept; the
 * preview's counts cover every order all the same.
 */
final class ChangedOrders implements AutoCloseable {

    /** Entry numbers share a long with the timestamp they are sorted by. */
    static final int MAX = 1 << 22;
    private static final long NUMBER_MASK = MAX - 1;

    private final Path file;
    private final int max;
    private final ObjectMapper json;
    private OutputStream out;
    /** byte offset of each entry in the file, in the order written; one more at the end */
    private long[] starts = new long[1024];
    /** received-at millis shifted left by 22 bits, or'ed with the entry number; sorted by {@link #finish} */
    private long[] order = new long[1024];
    private int kept;
    private long total;
    private long written;
    private boolean finished;

    ChangedOrders(Path dir, int max, ObjectMapper json) {
        if (max < 0 || max > MAX) {
            throw new IllegalArgumentException("changed orders kept must be 0.." + MAX + ", got " + max);
        }
        this.max = max;
        this.json = json;
        try {
            Files.createDirectories(dir);
            this.file = Files.createTempFile(dir, "ruleset-preview-", ".jsonl");
            this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a preview's changed orders in " + dir, e);
        }
    }

    /** Notes a changed order; written when fewer than {@code max} are, counted anyway. */
    synchronized void add(PreviewJob.ChangedOrder changed) {
        total++;
        if (kept == max) {
            return;
        }
        try {
            byte[] line = json.writeValueAsBytes(changed);
            if (kept + 1 >= starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
                order = Arrays.copyOf(order, order.length * 2);
            }
            starts[kept] = written;
            order[kept] = (Math.max(0, changed.receivedAt().toEpochMilli()) << 22) | kept;
            out.write(line);
            out.write('\n');
            written += line.length + 1;
            kept++;
            starts[kept] = written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a preview's changed orders to " + file, e);
        }
    }

    /** Done adding: sorts the kept ones by the time their order came in. */
    synchronized void finish() {
        if (finished) {
            return;
        }
        finished = true;
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a preview's changed orders to " + file, e);
        }
        Arrays.sort(order, 0, kept);
    }

    /** Changed orders found. */
    synchronized long total() {
        return total;
    }

    /** Changed orders that can be paged through. */
    synchronized int kept() {
        return kept;
    }

    /** One page, oldest first; empty past the end. */
    synchronized List<JsonNode> page(int page, int size) {
        if (!finished) {
            throw new IllegalStateException("the preview is still running");
        }
        long first = (long) page * size;
        List<JsonNode> items = new ArrayList<>();
        if (first >= kept) {
            return items;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            for (long i = first; i < Math.min(kept, first + size); i++) {
                int n = (int) (order[(int) i] & NUMBER_MASK);
                byte[] line = new byte[(int) (starts[n + 1] - starts[n] - 1)];
                in.seek(starts[n]);
                in.readFully(line);
                items.add(json.readTree(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a preview's changed orders from " + file, e);
        }
        return items;
    }

    @Override
    public synchronized void close() {
        try {
            if (!finished) {
                out.close();
                finished = true;
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}

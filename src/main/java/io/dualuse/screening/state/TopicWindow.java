package io.dualuse.screening.state;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The records of a topic stamped in a range of time, read by a consumer in no group: each
 * partition from the first offset stamped at or after {@code from} to the first stamped at or
 * after {@code stopAt} (both by {@code offsetsForTimes}), or the end offset it had when the window
 * was opened, so records appended meanwhile do not keep a read running and an old range does not
 * read the rest of the topic. The same window can be read several times
 * and gives the same records (the auditors' export reads it once, a ruleset preview more often).
 *
 * <p>Record timestamps are set by producers and need not grow with the offset: callers choose
 * their records by timestamp themselves and open the window a margin early.
 */
public final class TopicWindow {

    /** How long a partition below its end offset may give nothing before a read gives up. */
    static final Duration STALL = Duration.ofSeconds(10);

    /** What a read does with each record of the window. */
    @FunctionalInterface
    public interface RecordSink<K, V> {
        void accept(ConsumerRecord<K, V> r) throws IOException;
    }

    /**
     * A partition whose log no longer starts at offset 0 and whose oldest record still held is
     * stamped at or after {@code from}: records of the window may have been deleted by retention.
     *
     * @param oldestStamp the oldest held record's timestamp, or null when the partition holds none
     */
    public record Truncated(int partition, long oldestOffset, Instant oldestStamp) {
    }

    private final String what;
    private final Map<TopicPartition, Long> starts;
    private final Map<TopicPartition, Long> ends;
    private final List<Truncated> truncated;
    private final long stopMillis;

    private TopicWindow(String what, Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends, List<Truncated> truncated,
                        Instant stopAt) {
        this.stopMillis = stopAt.toEpochMilli();
        this.what = what;
        this.starts = starts;
        this.ends = ends;
        this.truncated = truncated;
    }

    /**
     * A consumer that reads only committed records, in no group, committing nothing. An offset the
     * log no longer has moves to the oldest it has, whose offset then says "gone"; "latest" would
     * wait for a newer record and time out instead.
     */
    public static Map<String, Object> readerConfig(Map<String, Object> kafka) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }

    /**
     * Looks up where each partition's window begins and ends: from the first offset stamped at or
     * after {@code from} to the first stamped at or after {@code stopAt}, or the end offset.
     *
     * @param what names the reader in error messages ("decision export")
     * @throws IllegalStateException when the topic has no partitions
     */
    public static TopicWindow open(Consumer<?, ?> consumer, String topic, Instant from, Instant stopAt, String what) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException(what + ": the topic " + topic + " has no partitions");
        }
        List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition()))
                .sorted(java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
        // read_committed: the last stable offsets, so an open transaction does not hold a read
        Map<TopicPartition, Long> ends = new TreeMap<>(java.util.Comparator.comparingInt(TopicPartition::partition));
        ends.putAll(consumer.endOffsets(partitions));
        Map<TopicPartition, Long> logStarts = consumer.beginningOffsets(partitions);
        Map<TopicPartition, OffsetAndTimestamp> found = offsetsAt(consumer, partitions, from);
        // where a read stops anyway (its first record stamped at or after stopAt): the exact end
        Map<TopicPartition, OffsetAndTimestamp> past = offsetsAt(consumer, partitions, stopAt);
        Map<TopicPartition, Long> starts = new HashMap<>();
        List<Truncated> truncated = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            OffsetAndTimestamp start = found.get(tp);
            long logStart = logStarts.getOrDefault(tp, 0L);
            if (logStart > 0 && (start == null || start.offset() <= logStart)) {
                truncated.add(new Truncated(tp.partition(), logStart,
                        start == null ? null : Instant.ofEpochMilli(start.timestamp())));
            }
            OffsetAndTimestamp stop = past.get(tp);
            if (stop != null && stop.offset() < ends.get(tp)) {
                ends.put(tp, stop.offset());
            }
            if (start == null || start.offset() >= ends.get(tp)) {
                ends.remove(tp); // nothing from that time on
            } else {
                starts.put(tp, start.offset());
            }
        }
        return new TopicWindow(what, Map.copyOf(starts), ends, List.copyOf(truncated), stopAt);
    }

    private static Map<TopicPartition, OffsetAndTimestamp> offsetsAt(Consumer<?, ?> consumer,
                                                                     List<TopicPartition> partitions, Instant at) {
        long millis = Math.max(0, at.toEpochMilli());
        return consumer.offsetsForTimes(partitions.stream().collect(Collectors.toMap(Function.identity(), tp -> millis)));
    }

    /** The records a read goes through (the partitions' offset ranges; fewer in fact where transactions aborted). */
    public long records() {
        return ends.entrySet().stream().mapToLong(e -> e.getValue() - starts.get(e.getKey())).sum();
    }

    /** The partitions that may have lost records of the window to retention, in partition order. */
    public List<Truncated> truncated() {
        return truncated;
    }

    /**
     * Reads the window once, in partition-interleaved order, giving {@code sink} every record up to
     * each partition's first record stamped at or after {@code stopAt} (records stamped later that
     * precede it come too: timestamps are the producers').
     *
     * @param afterPoll run after each poll's records, e.g. to flush what the sink wrote
     * @throws CancellationException as soon as {@code cancelled} says so (checked at every poll)
     * @throws IllegalStateException when a partition gives nothing for {@link #STALL} before its end
     */
    public <K, V> void read(Consumer<K, V> consumer, RecordSink<K, V> sink, BooleanSupplier cancelled,
                     Runnable afterPoll) throws IOException {
        Map<TopicPartition, Long> left = new HashMap<>(ends);
        consumer.assign(List.copyOf(left.keySet()));
        consumer.resume(left.keySet()); // paused by an earlier read of the window: assign keeps that
        left.keySet().forEach(tp -> consumer.seek(tp, starts.get(tp)));
        Map<TopicPartition, Long> progressAt = new HashMap<>();
        left.keySet().forEach(tp -> progressAt.put(tp, System.nanoTime()));
        Map<TopicPartition, Long> positions = new HashMap<>();
        while (!left.isEmpty()) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException(what + " cancelled");
            }
            ConsumerRecords<K, V> batch = consumer.poll(Duration.ofMillis(200));
            for (ConsumerRecord<K, V> r : batch) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                Long end = left.get(tp);
                if (end == null || r.offset() >= end) {
                    continue; // appended after the window was opened
                }
                if (r.timestamp() >= stopMillis) {
                    // the end offsets say so already, unless the record came after the window was opened
                    left.remove(tp);
                    consumer.pause(List.of(tp));
                    continue;
                }
                sink.accept(r);
            }
            afterPoll.run();
            long now = System.nanoTime();
            for (TopicPartition tp : List.copyOf(left.keySet())) {
                // the position, not the records, says how far a partition got: aborted
                // transactions and their markers advance it without giving a record
                long position = consumer.position(tp);
                if (position >= left.get(tp)) {
                    left.remove(tp);
                    consumer.pause(List.of(tp));
                } else if (!Objects.equals(positions.put(tp, position), position)) {
                    progressAt.put(tp, now);
                } else if (now - progressAt.get(tp) > STALL.toNanos()) {
                    throw new IllegalStateException(what + ": partition " + tp + " gave nothing for "
                            + STALL.toSeconds() + " s at offset " + position + ", below its end offset " + left.get(tp));
                }
            }
        }
    }
}

package io.dualuse.screening.state;

import io.dualuse.screening.platform.FatalErrors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteBufferDeserializer;
import org.jboss.logging.Logger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * Reads a compacted state topic from the beginning and keeps following it: every instance builds
 * its view (licences, licence ledger, open holds) from the topic, with nothing else to restore.
 * {@link #caughtUp()} completes once everything that was in the topic at start has been applied;
 * the order pipeline waits for it, so that no order is screened against a half-restored state.
 *
 * <p>No consumer group: each instance reads all partitions. Only committed records are read
 * ({@code read_committed}), so an aborted transaction never enters a view.
 *
 * <p>A view that keeps only some records (the open holds and draws of the exporters this instance
 * owns) is read {@linkplain #onDemand on demand}: nothing until the first {@link #replay}, and again
 * from the beginning whenever the view starts keeping more. Records read before are then delivered
 * with {@code replayed} set, so that the view takes from them only what it did not keep the first
 * time; everything a view keeps stays current because the reader never stops following the topic.
 */
public final class CompactedTopicTail implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CompactedTopicTail.class);

    private final String topic;
    /** Key and value as the fetch holds them: this instance's own writes are skipped without a copy. */
    private final KafkaConsumer<ByteBuffer, ByteBuffer> consumer;
    private final Apply apply;
    private final boolean onDemand;
    /** Work for the reader's own thread (replays, a view dropping records), run between two polls. */
    private final java.util.concurrent.BlockingQueue<Task> tasks = new java.util.concurrent.LinkedBlockingQueue<>();

    private record Task(Runnable work, CompletableFuture<Void> done) {
    }
    // the reader thread's own: a replay in progress, what it re-reads, where it ends
    private Map<TopicPartition, Long> replayedBelow = Map.of();
    private Map<TopicPartition, Long> replayEnd = Map.of();
    private CompletableFuture<Void> replaying;
    private List<TopicPartition> partitions = List.of();
    private boolean reading;
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final Thread thread;
    private final byte[] ownWriter;

    private static final Duration MISSING_AFTER = Duration.ofSeconds(10);
    private static final Duration RECHECK_NEW = Duration.ofMillis(100);
    private static final Duration RECHECK_MISSING = Duration.ofSeconds(5);

    /** Header naming the instance that wrote a state record. */
    public static final String WRITER_HEADER = "screening-writer";
    private volatile boolean running = true;
    private volatile Throwable failure;
    /**
     * The readers started and not closed, for the liveness check: a state reader that died leaves
     * an instance screening against licences, draws or holds that no longer follow the topic.
     */
    private static final java.util.Set<CompactedTopicTail> OPEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param clientConfig the service's Kafka client settings (bootstrap servers and, on a secured
     *                     cluster, the security.*, sasl.* and ssl.* keys), as for every other client
     */
    public CompactedTopicTail(Map<String, Object> clientConfig, String topic, BiConsumer<String, byte[]> apply) {
        this(clientConfig, topic, apply, null);
    }

    /** What a view does with one record of its topic (a null value is a tombstone). */
    @FunctionalInterface
    public interface Apply {
        /**
         * @param replayed true when the reader delivered this record before: it is re-read because the
         *                 view asked for a {@link #replay}, and the view takes from it only what it
         *                 did not keep then
         */
        void accept(String key, byte[] value, boolean replayed);
    }

    /**
     * @param ownWriter when not null, records carrying header {@value #WRITER_HEADER} with this value
     *                  are skipped once restored: they are this instance's own writes, already applied
     */
    public CompactedTopicTail(Map<String, Object> clientConfig, String topic, BiConsumer<String, byte[]> apply,
                              String ownWriter) {
        this(clientConfig, topic, (k, v, replayed) -> apply.accept(k, v), ownWriter, false);
    }

    /**
     * @param onDemand when true, nothing is read until the first {@link #replay}; {@link #caughtUp()}
     *                 completes with it
     */
    public CompactedTopicTail(Map<String, Object> clientConfig, String topic, Apply apply, String ownWriter,
                              boolean onDemand) {
        this.onDemand = onDemand;
        this.ownWriter = ownWriter == null ? null : ownWriter.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.topic = topic;
        this.apply = apply;
        Map<String, Object> config = new java.util.HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "state-" + topic);
        this.consumer = new KafkaConsumer<>(config, new ByteBufferDeserializer(), new ByteBufferDeserializer());
        this.thread = new Thread(this::run, "state-" + topic);
        this.thread.setDaemon(true);
    }

    public CompactedTopicTail start() {
        OPEN.add(this);
        thread.start();
        return this;
    }

    /** The readers of this process that have stopped on an error, with it: topic name to error. */
    public static Map<String, String> failed() {
        Map<String, String> failed = new java.util.TreeMap<>();
        for (CompactedTopicTail tail : OPEN) {
            Throwable e = tail.failure;
            if (e != null) {
                failed.put(tail.topic, String.valueOf(e));
            }
        }
        return failed;
    }

    public CompletableFuture<Void> caughtUp() {
        return caughtUp;
    }

    /**
     * The topic's partitions. A topic created a moment ago may not be in the broker's metadata yet,
     * so an empty answer is asked again; after {@link #MISSING_AFTER} the view starts empty (the
     * pipeline must not wait for a topic nobody declared) and the reader keeps looking, so that it
     * still follows the topic once it exists.
     */
    private List<PartitionInfo> awaitPartitions() {
        long since = System.nanoTime();
        boolean warned = false;
        while (running) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos != null && !infos.isEmpty()) {
                if (warned) {
                    LOG.infof("state topic %s exists now: reading it", topic);
                }
                return infos;
            }
            if (!warned && System.nanoTime() - since > MISSING_AFTER.toNanos()) {
                LOG.warnf("state topic %s does not exist: its view starts empty until it does", topic);
                warned = true;
                caughtUp.complete(null);
            }
            if (warned) {
                answerWhileMissing();
            }
            java.util.concurrent.locks.LockSupport.parkNanos((warned ? RECHECK_MISSING : RECHECK_NEW).toNanos());
        }
        return List.of();
    }

    private void run() {
        try {
            List<PartitionInfo> infos = awaitPartitions();
            if (infos.isEmpty()) {
                return; // closed while waiting for the topic
            }
            partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = Map.of();
            if (!onDemand || reading) { // reading already: a view asked for while its topic did not exist
                consumer.seekToBeginning(partitions);
                end = consumer.endOffsets(partitions);
                reading = true;
            }
            long applied = 0;
            while (running) {
                Task task = reading ? tasks.poll() : tasks.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                while (task != null) {
                    run(task);
                    task = tasks.poll();
                }
                if (!reading) {
                    continue;
                }
                if (end.isEmpty() && !caughtUp.isDone()) {
                    end = replayEnd; // on demand: the first replay is the restore
                }
                for (ConsumerRecord<ByteBuffer, ByteBuffer> r : consumer.poll(Duration.ofMillis(100))) {
                    boolean replayed = r.offset() < replayedBelow.getOrDefault(new TopicPartition(r.topic(), r.partition()), 0L);
                    if (ownWriter != null && caughtUp.isDone() && !replayed) {
                        var h = r.headers().lastHeader(WRITER_HEADER);
                        if (h != null && java.util.Arrays.equals(h.value(), ownWriter)) {
                            continue;
                        }
                    }
                    try {
                        apply.accept(r.key() == null ? null : new String(bytes(r.key()), StandardCharsets.UTF_8), bytes(r.value()),
                                replayed);
                        applied++;
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "state record %s-%d@%d could not be applied; skipped", topic, r.partition(), r.offset());
                    }
                }
                if (!caughtUp.isDone() && reached(end)) {
                    LOG.infof("state topic %s restored: %d record(s)", topic, applied);
                    caughtUp.complete(null);
                }
                if (replaying != null && reached(replayEnd)) {
                    replayedBelow = Map.of();
                    CompletableFuture<Void> done = replaying;
                    replaying = null;
                    done.complete(null);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (Throwable e) {
            failure = e;
            FatalErrors.haltIfFatal(e, "state topic " + topic + " reader");
            LOG.errorf(e, "state topic %s: reader stopped", topic);
            caughtUp.completeExceptionally(e);
        } finally {
            IllegalStateException stopped = new IllegalStateException("state topic " + topic + ": reader stopped");
            if (replaying != null) {
                replaying.completeExceptionally(stopped);
            }
            for (Task task = tasks.poll(); task != null; task = tasks.poll()) {
                task.done().completeExceptionally(stopped);
            }
            consumer.close(Duration.ofSeconds(1));
        }
    }

    /** A view of a topic that does not exist is empty, and up to date: its replays are done. */
    private void answerWhileMissing() {
        for (Task task = tasks.poll(); task != null; task = tasks.poll()) {
            run(task); // no partitions: nothing to seek or read
        }
        if (replaying != null) {
            replaying.complete(null);
            replaying = null;
        }
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /**
     * Reads the topic again up to what is committed now, delivering the records read before with
     * {@code replayed} set (on demand, the first call is the restore: nothing is replayed then).
     * Completes once the view is up to date with everything committed so far, by any instance.
     *
     * @param fromBeginning false to only catch up to what is committed now, reading nothing twice
     */
    public CompletableFuture<Void> replay(boolean fromBeginning) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Runnable task = () -> {
            Map<TopicPartition, Long> below = new java.util.HashMap<>();
            if (reading && fromBeginning) {
                for (TopicPartition tp : partitions) {
                    below.put(tp, consumer.position(tp));
                }
            }
            if (!reading || fromBeginning) {
                consumer.seekToBeginning(partitions);
            }
            reading = true;
            replayedBelow = below;
            replayEnd = consumer.endOffsets(partitions); // read_committed: the last stable offsets
            if (replaying != null) {
                CompletableFuture<Void> before = replaying;
                done.whenComplete((v, e) -> {
                    if (e != null) {
                        before.completeExceptionally(e);
                    } else {
                        before.complete(null);
                    }
                });
            }
            replaying = done;
        };
        inReaderThread(task, done);
        return done;
    }

    /**
     * Runs {@code work} in the reader's thread between two polls: a view dropping records does not
     * race with the reader applying one it has just decided to keep.
     */
    public CompletableFuture<Void> inReaderThread(Runnable work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        inReaderThread(() -> {
            work.run();
            done.complete(null);
        }, done);
        return done;
    }

    private void inReaderThread(Runnable work, CompletableFuture<Void> done) {
        if (failure != null || !running) {
            done.completeExceptionally(new IllegalStateException("state topic " + topic + ": reader stopped"));
            return;
        }
        tasks.add(new Task(work, done));
        if (!running) { // closed meanwhile: the reader may have drained the queue already
            tasks.remove(new Task(work, done));
            done.completeExceptionally(new IllegalStateException("state topic " + topic + ": reader stopped"));
        }
    }

    private static void run(Task task) {
        try {
            task.work().run();
        } catch (RuntimeException e) {
            task.done().completeExceptionally(e);
        }
    }

    private static byte[] bytes(ByteBuffer value) {
        if (value == null) {
            return null; // a tombstone
        }
        byte[] out = new byte[value.remaining()];
        value.get(out);
        return out;
    }

    @Override
    public void close() {
        OPEN.remove(this);
        running = false;
        consumer.wakeup();
    }
}

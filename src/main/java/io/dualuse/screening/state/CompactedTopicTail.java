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
 */
public final class CompactedTopicTail implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CompactedTopicTail.class);

    private final String topic;
    /** Key and value as the fetch holds them: this instance's own writes are skipped without a copy. */
    private final KafkaConsumer<ByteBuffer, ByteBuffer> consumer;
    private final BiConsumer<String, byte[]> apply;
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final Thread thread;
    private final Map<TopicPartition, Long> positions = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Object> clientConfig;
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

    /**
     * @param ownWriter when not null, records carrying header {@value #WRITER_HEADER} with this value
     *                  are skipped once restored: they are this instance's own writes, already applied
     */
    public CompactedTopicTail(Map<String, Object> clientConfig, String topic, BiConsumer<String, byte[]> apply,
                              String ownWriter) {
        this.ownWriter = ownWriter == null ? null : ownWriter.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        this.topic = topic;
        this.apply = apply;
        this.clientConfig = Map.copyOf(clientConfig);
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
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long applied = 0;
            while (running) {
                for (ConsumerRecord<ByteBuffer, ByteBuffer> r : consumer.poll(Duration.ofMillis(100))) {
                    if (ownWriter != null && caughtUp.isDone()) {
                        var h = r.headers().lastHeader(WRITER_HEADER);
                        if (h != null && java.util.Arrays.equals(h.value(), ownWriter)) {
                            continue;
                        }
                    }
                    try {
                        apply.accept(r.key() == null ? null : new String(bytes(r.key()), StandardCharsets.UTF_8), bytes(r.value()));
                        applied++;
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "state record %s-%d@%d could not be applied; skipped", topic, r.partition(), r.offset());
                    }
                }
                for (TopicPartition tp : partitions) {
                    positions.put(tp, consumer.position(tp));
                }
                if (!caughtUp.isDone() && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    LOG.infof("state topic %s restored: %d record(s)", topic, applied);
                    caughtUp.complete(null);
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
            consumer.close(Duration.ofSeconds(1));
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

    /**
     * Blocks until this reader has applied everything committed to the topic up to now. A service
     * instance that takes over partitions calls it, so that it never screens against a ledger that
     * misses what the previous owner drew.
     */
    public void awaitCaughtUpToLatest(Duration timeout) {
        Map<TopicPartition, Long> latest;
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(clientConfig)) {
            List<TopicPartition> tps = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            var spec = tps.stream().collect(java.util.stream.Collectors.toMap(tp -> tp,
                    tp -> org.apache.kafka.clients.admin.OffsetSpec.latest()));
            latest = new java.util.HashMap<>();
            admin.listOffsets(spec, new org.apache.kafka.clients.admin.ListOffsetsOptions(
                            org.apache.kafka.common.IsolationLevel.READ_COMMITTED)).all().get()
                    .forEach((tp, info) -> latest.put(tp, info.offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot read the end of " + topic + ": " + e.getCause(), e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (latest.entrySet().stream().anyMatch(e -> positions.getOrDefault(e.getKey(), 0L) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("state topic " + topic + " not caught up within " + timeout);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // the reader thread moves on its own
        }
    }

    @Override
    public void close() {
        OPEN.remove(this);
        running = false;
        consumer.wakeup();
    }
}

package io.dualuse.screening.pipeline;

import io.dualuse.screening.platform.FatalErrors;
import io.dualuse.screening.platform.ScreeningConfig;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.state.LicenseBook;
import io.dualuse.screening.state.PartitionOwnership;
import io.dualuse.screening.state.PartyListVersions;
import io.dualuse.screening.state.RulesetActivations;
import io.dualuse.screening.wire.AvroSerializer;
import io.dualuse.screening.wire.PackedBytes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * The order pipeline: one consumer (in the service's group) on {@code orders.v1} and on the routed
 * topic {@code screening.orders.by-exporter.v1}, one producer, and one loop that reads a batch,
 * checks, routes and screens it, and writes everything the batch implies together with the
 * consumer offsets, in one Kafka transaction ({@code screening.delivery=exactly-once}, the
 * default) or acknowledged before the offsets are committed ({@code at-least-once}).
 *
 * <p>An order goes straight from the intake to screening when this instance owns its exporter's
 * partition of the routed topic: always with one instance, and with several when producers key
 * {@code orders.v1} by exporter (the range assignor gives partition p of both topics to the same
 * member). Otherwise it takes one more hop through the routed topic to its exporter's owner, so
 * that exactly one instance draws each exporter's licences.
 *
 * <p>Plain kafka-clients rather than two SmallRye channels: the pipeline benchmark showed each
 * channel-driven transactional stage waiting 50-80 ms between polls, and the second stage doubled
 * the transactions per order (bench/README.md). The REST side still publishes through channels.
 */
@ApplicationScoped
public class ScreeningPipeline {

    /** How the pipeline's output and its consumer offsets are tied together. */
    public enum Delivery { EXACTLY_ONCE, AT_LEAST_ONCE }

    /** Where the loop is: what readiness and liveness report. */
    public enum State { STARTING, RUNNING, STOPPED, FAILED }

    private static final Logger LOG = Logger.getLogger(ScreeningPipeline.class);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final OrderIntake intake;
    private final ScreeningStage stage;
    private final PartitionOwnership ownership;
    private final MeterRegistry registry;
    private final CompletableFuture<Void> stateRestored;
    private final Delivery delivery;
    private final String ordersTopic;
    private final String routedTopic;
    private final Map<String, Object> consumerConfig;
    private final Map<String, Object> producerConfig;
    private final Duration pollTimeout;
    private final Thread thread;
    private final LedgerSettlement settlement;

    private volatile boolean running = true;
    private volatile State state = State.STARTING;
    private volatile Throwable failure;
    private KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, Object> producer;
    private KafkaClientMetrics consumerMetrics;
    private KafkaClientMetrics producerMetrics;
    private OffsetCommits commits;
    private long backoffNanos;
    /** Records a batch may take: all of a poll, or fewer while a record that cannot be written is looked for. */
    private int recordLimit = Integer.MAX_VALUE;
    /** Why the last write of a batch failed. */
    private Throwable lastWriteFailure;
    /** Batches aborted in a row; 0 after each commit. */
    private volatile int consecutiveAborts;
    private io.micrometer.core.instrument.Counter aborts;
    /** Aborts in a row after which readiness turns DOWN: the stream makes no progress. */
    static final int STALLED_AFTER = 3;

    public ScreeningPipeline(OrderIntake intake, ScreeningStage stage, PartitionOwnership ownership,
                             LicenseBook licenses, RulesetActivations rulesets, PartyListVersions parties,
                             io.dualuse.screening.state.PartyFindingBook findings,
                             io.dualuse.screening.peers.PeerDirectory peers, MeterRegistry registry,
                             ScreeningConfig settings, java.time.Clock clock,
                             @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        String instanceId = settings.instanceId();
        String delivery = settings.delivery();
        String ordersTopic = settings.topic(Topics.ORDERS);
        String routedTopic = settings.topic(Topics.ORDERS_BY_EXPORTER);
        String group = settings.consumerGroup();
        long pollTimeoutMs = settings.pipeline().pollTimeoutMs();
        this.intake = intake;
        this.stage = stage;
        this.ownership = ownership;
        this.registry = registry;
        this.delivery = Delivery.valueOf(delivery.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
        this.ordersTopic = ordersTopic;
        this.routedTopic = routedTopic;
        this.pollTimeout = Duration.ofMillis(pollTimeoutMs);
        // no order is screened before the licences, the ruleset and the party lists in force are restored;
        // the ledger and the open holds are read per partition when they are assigned (PartitionOwnership)
        this.stateRestored = CompletableFuture.allOf(licenses.ready(), rulesets.ready(), parties.ready(),
                findings.ready());

        consumerConfig = new HashMap<>(kafka);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        // the other instances find this one's API through it (peers.PeerDirectory)
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, peers.pipelineClientId());
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // partition p of orders.v1 and of the routed topic go to the same member: orders keyed by
        // exporter are then screened where they are read, without the extra hop
        consumerConfig.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        // static membership: an instance restarted under its id (a pod's container after a kill or
        // an OOM) takes its partitions back at once instead of after the dead member's session
        // timeout; the transactional id, the same base, fences what the dead one left open
        consumerConfig.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId + "-pipeline");
        consumerConfig.putAll(settings.pipeline().consumer());

        producerConfig = new HashMap<>(kafka);
        producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, instanceId + "-pipeline");
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        // Avro records as configured (single-object encoding); raw bytes (forwards, dead letters) pass through
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, AvroSerializer.class.getName());
        if (this.delivery == Delivery.EXACTLY_ONCE) {
            producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, instanceId + "-pipeline");
        }
        // the wire format's keys, which wire.AvroSerializer reads from its client's configuration
        producerConfig.putAll(settings.wireKeys());
        producerConfig.putAll(settings.pipeline().producer());
        producerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);

        settlement = new LedgerSettlement(licenses, ownership, clock, settings.ledger().settleAfterDays(),
                settings.ledger().settleEvery(), settings.topic(Topics.LICENSE_LEDGER));
        thread = new Thread(this::run, "screening-pipeline");
    }

    void start(@Observes StartupEvent ignored) {
        thread.start();
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        // no consumer.wakeup(): the loop sees this within one poll timeout, and a pending wakeup
        // would break the synchronous commit of the last acknowledged offsets on the way out
        running = false;
        thread.join(TimeUnit.SECONDS.toMillis(30));
    }

    /** True while batches keep aborting: nothing is decided until the cause goes away. */
    public boolean stalled() {
        return consecutiveAborts >= STALLED_AFTER;
    }

    public int consecutiveAborts() {
        return consecutiveAborts;
    }

    public State state() {
        return state;
    }

    public Delivery delivery() {
        return delivery;
    }

    /** Why the loop stopped, when it failed. */
    public Throwable failure() {
        return failure;
    }

    private void run() {
        try {
            while (running && !restored()) {
                LOG.debug("pipeline waits for the licences, the ruleset and the party lists to be restored");
            }
            if (!running) {
                return;
            }
            consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
            ownership.partitionCounts(topic -> consumer.partitionsFor(topic).size());
            consumerMetrics = bind(new KafkaClientMetrics(consumer));
            aborts = io.micrometer.core.instrument.Counter.builder("screening.pipeline.aborts")
                    .description("batches whose writes were aborted and are read again").register(registry);
            producer = newProducer();
            commits = new OffsetCommits(consumer::commitAsync, offsets -> consumer.commitSync(offsets, Duration.ofSeconds(5)));
            consumer.subscribe(List.of(ordersTopic, routedTopic), new Rebalance());
            // RUNNING (ready) once the group has given this instance its partitions and their state is read
            LOG.infof("pipeline reads %s and %s, %s (%s)", ordersTopic, routedTopic,
                    delivery.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), PackedBytes.codec());
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout);
                if (!records.isEmpty()) {
                    process(records);
                }
                commits.commitIfIdle();
                settle();
            }
            state = State.STOPPED;
        } catch (Throwable e) {
            FatalErrors.haltIfFatal(e, "pipeline");
            // liveness turns DOWN: the platform restarts the instance, and its partitions move on
            failure = e;
            state = State.FAILED;
            LOG.errorf(e, "pipeline stopped: %s", e);
        } finally {
            if (producer != null) {
                producerMetrics.close();
                producer.close(Duration.ofSeconds(5));
            }
            if (commits != null) {
                try {
                    commits.flush(); // acknowledged batches: the next owner need not screen them again
                } catch (KafkaException e) {
                    LOG.warnf("last offsets not committed; the next owner screens those orders again: %s", e);
                }
            }
            if (consumer != null) {
                consumerMetrics.close();
                // a static member stays in the group after a plain close until its session times
                // out; one that stops on purpose hands its partitions over now
                consumer.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                        .withTimeout(Duration.ofSeconds(5)));
            }
        }
    }

    /**
     * Settles the licence draws that are due, in a transaction of their own (exactly-once): the
     * settled totals and the tombstones of what they fold appear together or not at all. At least
     * once, the totals are acknowledged before any tombstone is sent: a crash in between leaves a
     * draw counted twice, never not at all.
     */
    private void settle() {
        LicenseBook.Settling due = settlement.due();
        if (due == null) {
            return;
        }
        Batch totals = new Batch();
        settlement.totals(due).forEach(totals::write);
        if (delivery == Delivery.EXACTLY_ONCE) {
            settlement.tombstones(due).forEach(totals::write);
        }
        if (!write(totals, Map.of(), new ArrayList<>())) {
            settlement.failed(due);
            return;
        }
        if (delivery == Delivery.AT_LEAST_ONCE) {
            Batch tombstones = new Batch();
            settlement.tombstones(due).forEach(tombstones::write);
            if (!write(tombstones, Map.of(), new ArrayList<>())) {
                // the totals are written: undoing here would count the draws twice as well; the
                // ledger holds them twice until the next start, which then counts them twice
                LOG.warnf("settled totals written but %d tombstone(s) not: those draws count twice from the next start",
                        due.tombstones().size());
            }
        }
    }

    private boolean restored() {
        try {
            stateRestored.get(500, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("state could not be restored", e.getCause());
        }
    }

    private void process(ConsumerRecords<String, byte[]> records) {
        Batch batch = new Batch();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<TopicPartition, Long> firstOffsets = new HashMap<>();
        // where to read on from in partitions this batch takes only a part of (while isolating)
        Map<TopicPartition, Long> notTaken = new HashMap<>();
        List<ConsumerRecord<String, byte[]>> taken = new ArrayList<>();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> list = records.records(tp);
            firstOffsets.put(tp, list.get(0).offset());
            for (ConsumerRecord<String, byte[]> r : list) {
                if (taken.size() == recordLimit) {
                    notTaken.put(tp, r.offset());
                    break;
                }
                taken.add(r);
                offsets.put(tp, new OffsetAndMetadata(r.offset() + 1));
                handle(r, batch);
            }
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(batch.writes().size());
        boolean written = write(batch, offsets, sent);
        if (written) {
            backoffNanos = 0;
            consecutiveAborts = 0;
            batch.committed(sent);
            seek(notTaken);
            if (recordLimit < Integer.MAX_VALUE) {
                recordLimit = recordLimit > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE : recordLimit * 2;
            }
            return;
        }
        batch.aborted();
        consecutiveAborts++;
        aborts.increment();
        seek(firstOffsets); // read the batch again
        Throwable recordSpecific = recordSpecificCause(lastWriteFailure);
        if (recordSpecific != null) {
            // retried whole it would fail for ever: halve the batch until the culprit is alone, then dead-letter it
            if (taken.size() == 1 && deadLetterUnwritable(taken.get(0), recordSpecific)) {
                consecutiveAborts = 0;
                recordLimit = Integer.MAX_VALUE;
                return;
            }
            recordLimit = Math.max(1, taken.size() / 2);
            LOG.warnf("a record of this batch cannot be written (%s): reading %d record(s) at a time to find it",
                    recordSpecific, recordLimit);
            return;
        }
        // a broker that fails every batch should not be hammered: up to 5 s between attempts
        backoffNanos = Math.min(MAX_BACKOFF_NANOS, Math.max(TimeUnit.MILLISECONDS.toNanos(50), backoffNanos * 2));
        LockSupport.parkNanos(backoffNanos);
    }

    private boolean write(Batch batch, Map<TopicPartition, OffsetAndMetadata> offsets, List<Future<RecordMetadata>> sent) {
        lastWriteFailure = null;
        return delivery == Delivery.EXACTLY_ONCE ? commitTransaction(batch, offsets, sent) : writeThenCommit(batch, offsets, sent);
    }

    private void seek(Map<TopicPartition, Long> positions) {
        for (Map.Entry<TopicPartition, Long> p : positions.entrySet()) {
            if (consumer.assignment().contains(p.getKey())) {
                consumer.seek(p.getKey(), p.getValue());
            }
        }
    }

    /**
     * A failure that the same record causes again on every retry (too large for the topic, refused
     * by it, or not serializable), as opposed to the broker's trouble, which passes and must never
     * cost an order its decision.
     */
    static Throwable recordSpecificCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.apache.kafka.common.errors.RecordTooLargeException
                    || t instanceof org.apache.kafka.common.errors.RecordBatchTooLargeException
                    || t instanceof org.apache.kafka.common.InvalidRecordException
                    || t instanceof org.apache.kafka.common.errors.SerializationException) {
                return t;
            }
        }
        return null;
    }

    /** The one record whose outputs cannot be written: to the dead-letter topic with the reason, alone, with its offset. */
    private boolean deadLetterUnwritable(ConsumerRecord<String, byte[]> r, Throwable failure) {
        LOG.errorf("order record %s-%d@%d: its outputs cannot be written (%s); dead-lettered", r.topic(), r.partition(), r.offset(), failure);
        Batch alone = new Batch();
        stage.deadLetter(r, "UNWRITABLE_OUTPUT", "its outputs could not be written: " + failure, alone);
        List<Future<RecordMetadata>> sent = new ArrayList<>(1);
        TopicPartition tp = new TopicPartition(r.topic(), r.partition());
        if (write(alone, Map.of(tp, new OffsetAndMetadata(r.offset() + 1)), sent)) {
            alone.committed(sent);
            seek(Map.of(tp, r.offset() + 1));
            return true;
        }
        alone.aborted();
        seek(Map.of(tp, r.offset()));
        return false;
    }

    private void handle(ConsumerRecord<String, byte[]> r, Batch batch) {
        if (!r.topic().equals(ordersTopic)) {
            stage.screen(r, batch);
            return;
        }
        long started = System.nanoTime();
        OrderIntake.Checked checked = intake.check(r);
        if (!checked.accepted()) {
            batch.write(checked.deadLetter());
        } else if (ownership.owns(checked.order().exporter().id())) {
            stage.screen(r, checked.event(), checked.order(), started, batch);
        } else {
            batch.write(intake.forward(r, checked));
        }
    }

    private boolean commitTransaction(Batch batch, Map<TopicPartition, OffsetAndMetadata> offsets, List<Future<RecordMetadata>> sent) {
        try {
            producer.beginTransaction();
            for (ProducerRecord<String, Object> w : batch.writes()) {
                sent.add(producer.send(w));
            }
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            producer.commitTransaction();
            return true;
        } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
            lastWriteFailure = e;
            // the producer cannot go on (another instance with our transactional id, or lost rights)
            LOG.warnf("transaction for %d record(s) failed, producer renewed, the batch is read again: %s", batch.writes().size(), e);
            renewProducer();
            return false;
        } catch (KafkaException e) {
            lastWriteFailure = e;
            LOG.warnf("transaction for %d record(s) aborted, the batch is read again: %s", batch.writes().size(), e);
            try {
                producer.abortTransaction();
            } catch (KafkaException abortFailed) {
                renewProducer();
            }
            return false;
        }
    }

    private boolean writeThenCommit(Batch batch, Map<TopicPartition, OffsetAndMetadata> offsets, List<Future<RecordMetadata>> acks) {
        try {
            for (ProducerRecord<String, Object> w : batch.writes()) {
                acks.add(producer.send(w));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        } catch (KafkaException | ExecutionException e) {
            lastWriteFailure = e;
            LOG.warnf("%d record(s) not all written, the batch is read again (duplicates possible): %s", batch.writes().size(), e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        commits.written(offsets);
        return true;
    }

    /** Commits pending at-least-once offsets before partitions move, then tells the ownership. */
    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            commits.revoked(partitions);
            ownership.onPartitionsRevoked(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            commits.lost(partitions);
            ownership.onPartitionsLost(partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            ownership.onPartitionsAssigned(partitions);
            settlement.soon(); // exporters this instance now draws for may have draws to settle
            if (state == State.STARTING) {
                state = State.RUNNING; // also with no partition: an idle instance still answers the API
            }
        }
    }

    private KafkaProducer<String, Object> newProducer() {
        KafkaProducer<String, Object> p = new KafkaProducer<>(producerConfig);
        if (delivery == Delivery.EXACTLY_ONCE) {
            p.initTransactions(); // also fences a previous incarnation of this instance
        }
        producerMetrics = bind(new KafkaClientMetrics(p));
        return p;
    }

    private void renewProducer() {
        producerMetrics.close();
        producer.close(Duration.ZERO);
        producer = newProducer();
    }

    private KafkaClientMetrics bind(KafkaClientMetrics metrics) {
        metrics.bindTo(registry);
        return metrics;
    }
}

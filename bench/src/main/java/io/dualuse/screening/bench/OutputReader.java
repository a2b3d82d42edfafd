package io.dualuse.screening.bench;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A read_committed reader of an output topic, from its current end: what a warehouse sees, and when. */
final class OutputReader implements AutoCloseable {

    private final Thread thread;
    private final KafkaConsumer<String, byte[]> consumer;
    private final CountDownLatch assigned = new CountDownLatch(1);
    private volatile boolean running = true;

    OutputReader(String bootstrap, String fetchWaitMs, String topic, Consumer<ConsumerRecord<String, byte[]>> onRecord) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, fetchWaitMs),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> tps = partitionsOf(consumer, topic);
        consumer.assign(tps);
        consumer.seekToEnd(tps);
        tps.forEach(consumer::position); // resolve the end now, before anything is produced
        assigned.countDown();
        thread = new Thread(() -> {
            try {
                while (running) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                        onRecord.accept(r);
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } finally {
                consumer.close();
            }
        }, "reader-" + topic);
        thread.start();
    }

    void awaitAssigned() throws InterruptedException {
        assigned.await();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }

    /**
     * The partitions of a topic created a moment ago: the broker may answer a metadata request
     * with none until the topic has reached it (a reader assigned no partition then failed the run).
     */
    private static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<TopicPartition> tps = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (!tps.isEmpty()) {
                return tps;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + topic + " has no partitions after 30 s");
            }
        }
    }
}

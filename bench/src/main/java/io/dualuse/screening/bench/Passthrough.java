package io.dualuse.screening.bench;

import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.wire.AvroCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The baseline: raw consume-produce, each order decoded and re-encoded with the same Avro codec and
 * written with the service's producer settings, no screening. What the service's numbers are a ratio of.
 */
final class Passthrough implements AutoCloseable {

    private final Thread thread;
    private final KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;

    Passthrough(String bootstrap, Map<String, String> args, String in, String out, boolean exactlyOnce) {
        Map<String, Object> cc = new HashMap<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-pt-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, args.getOrDefault("fetch-wait-ms", "500")));
        consumer = new KafkaConsumer<>(cc, new StringDeserializer(), new ByteArrayDeserializer());
        // the service's producer settings (application.properties), so that only screening differs
        Map<String, Object> pc = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "5",
                ProducerConfig.COMPRESSION_TYPE_CONFIG, args.getOrDefault("passthrough-compression", "snappy"),
                ProducerConfig.BATCH_SIZE_CONFIG, args.getOrDefault("passthrough-batch-size", "16384")));
        if (exactlyOnce) {
            pc.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-pt-" + UUID.randomUUID());
            // as the service's transactional channels (application.properties): the default 100 ms
            // backoff on CONCURRENT_TRANSACTIONS would dominate the baseline's latency
            pc.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, args.getOrDefault("retry-backoff-ms", "10"));
        }
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(pc, new StringSerializer(), new ByteArraySerializer());
        if (exactlyOnce) {
            producer.initTransactions();
        }
        consumer.subscribe(List.of(in));
        thread = new Thread(() -> {
            try (producer) {
                while (running) {
                    ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                    if (records.isEmpty()) {
                        continue;
                    }
                    if (exactlyOnce) {
                        producer.beginTransaction();
                    }
                    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                    for (ConsumerRecord<String, byte[]> r : records) {
                        OrderEvent e = AvroCodec.instance().decode(r.value(), OrderEvent.class);
                        producer.send(new ProducerRecord<>(out, r.key(), AvroCodec.instance().encode(e)));
                        offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                    }
                    if (exactlyOnce) {
                        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                        producer.commitTransaction();
                    } else {
                        producer.flush(); // acknowledged before the offsets move on, as the service does
                        consumer.commitAsync(offsets, null);
                    }
                }
            } catch (WakeupException e) {
                // stopping
            } finally {
                consumer.close();
            }
        }, "passthrough");
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}

package io.dualuse.screening.testing;

import io.dualuse.screening.wire.AvroCodec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Produces to and reads from the test broker the way a logistics platform and a warehouse would.
 * Reads poll until what the test waits for has arrived or a deadline passes: no sleeps.
 */
public final class KafkaTestClient {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private KafkaTestClient() {
    }

    /** A new compacted topic of one partition, for a test whose state must not meet another test's. */
    public static String createCompactedTopic(String prefix) {
        String topic = prefix + "-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(Map.of("cleanup.policy", "compact")))).all().get();
        } catch (Exception e) {
            throw new IllegalStateException("could not create " + topic, e);
        }
        return topic;
    }

    private static final Map<String, String> OWN_TOPICS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The compacted topic of a test profile's {@code getConfigOverrides}, which Quarkus asks for more
     * than once: created at the first call for {@code prefix}, the same name after that.
     */
    public static String ownCompactedTopic(String prefix) {
        return OWN_TOPICS.computeIfAbsent(prefix, KafkaTestClient::createCompactedTopic);
    }

    public static RecordMetadata send(String topic, String key, byte[] value) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            return p.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A record as given, headers included, gzip-compressed and allowed up to 8 MiB uncompressed: how
     * a producer sends the oversized records the broker still takes (it checks compressed batches).
     */
    public static RecordMetadata sendLarge(ProducerRecord<String, byte[]> record) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 << 20, ProducerConfig.BUFFER_MEMORY_CONFIG, 64L << 20);
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            return p.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static RecordMetadata send(String topic, String key, SpecificRecord value) {
        return send(topic, key, AvroCodec.instance().encode(value));
    }

    /**
     * Records of {@code topic} with {@code key}, read from the beginning until {@code done} holds for
     * them; fails when the deadline passes first.
     */
    public static List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, String key,
                                                                    Predicate<List<ConsumerRecord<String, byte[]>>> done) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topic));
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                }
                if (done.test(found)) {
                    return found;
                }
            }
        }
        throw new AssertionError("waited " + DEADLINE + " on " + topic + " for key " + key + "; got " + found.size() + " record(s)");
    }

    /**
     * Records of the given topics by key, read from the beginning with one consumer until
     * {@code done} holds for what was read; fails when the deadline passes first.
     */
    public static Map<String, List<ConsumerRecord<String, byte[]>>> awaitKeys(List<String> topics,
                                                                              Predicate<Map<String, List<ConsumerRecord<String, byte[]>>>> done) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, List<ConsumerRecord<String, byte[]>>> byKey = new java.util.HashMap<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(topics);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    byKey.computeIfAbsent(r.topic() + "/" + r.key(), k -> new ArrayList<>()).add(r);
                }
                if (done.test(byKey)) {
                    return byKey;
                }
            }
        }
        throw new AssertionError("waited " + DEADLINE + " on " + topics + "; read " + byKey.size() + " key(s)");
    }

    /**
     * Every committed record of {@code topic} with {@code key} as of now: read up to the end offsets
     * the topic has when called, so that "none" or "only one" is a fact, not a wait that ran out.
     */
    public static List<ConsumerRecord<String, byte[]>> recordsNow(String topic, String key) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = c.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> c.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("waited " + DEADLINE + " to read " + topic + " to its end offsets " + ends);
                }
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key()) && r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
                        found.add(r);
                    }
                }
            }
        }
        return found;
    }

    /** Decoded values of {@code topic} with {@code key}, once there are at least {@code count}. */
    public static <T extends SpecificRecord> List<T> awaitValues(String topic, String key, int count, Class<T> type) {
        return awaitRecords(topic, key, rs -> rs.size() >= count).stream()
                .map(r -> AvroCodec.instance().decode(r.value(), type)).toList();
    }
}

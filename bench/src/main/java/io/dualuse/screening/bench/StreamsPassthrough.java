package io.dualuse.screening.bench;

import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.wire.AvroCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * The engine question of issue #24, measured: the passthrough's work (decode and re-encode every
 * order with the service's codec, the service's producer settings) as a Kafka Streams
 * application, exactly-once (v2), with or without a persistent key-value store written once per
 * order (RocksDB and its changelog topic: the least per-order state a Streams version of the
 * service would keep, where the service now writes its state topics only for holds and draws).
 */
final class StreamsPassthrough implements AutoCloseable {

    static final String STORE = "orders-seen";

    private final KafkaStreams streams;

    StreamsPassthrough(String bootstrap, Map<String, String> args, String in, String out, boolean store) throws Exception {
        Topology topology = new Topology();
        topology.addSource("in", Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), in);
        topology.addProcessor("reencode", () -> new Reencode(store), "in");
        if (store) {
            topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                    Serdes.ByteArray()), "reencode");
        }
        topology.addSink("out", out, Serdes.String().serializer(), Serdes.ByteArray().serializer(), "reencode");

        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-streams-" + UUID.randomUUID());
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        // Streams' own default under exactly-once; the plain pipelines commit once per poll instead
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, args.getOrDefault("streams-commit-ms", "100"));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("bench-streams").toString());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), args.getOrDefault("fetch-wait-ms", "500"));
        // the service's producer settings, as the plain passthrough has them
        p.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "5");
        p.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), args.getOrDefault("passthrough-compression", "snappy"));
        p.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), args.getOrDefault("passthrough-batch-size", "16384"));
        p.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), args.getOrDefault("retry-backoff-ms", "10"));
        streams = new KafkaStreams(topology, p);
        streams.start();
    }

    /** Decodes and re-encodes each order, and notes its version in the store when there is one. */
    private static final class Reencode implements Processor<String, byte[], String, byte[]> {
        private final boolean store;
        private ProcessorContext<String, byte[]> context;
        private KeyValueStore<String, byte[]> seen;

        Reencode(boolean store) {
            this.store = store;
        }

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
            if (store) {
                seen = context.getStateStore(STORE);
            }
        }

        @Override
        public void process(Record<String, byte[]> r) {
            OrderEvent e = AvroCodec.instance().decode(r.value(), OrderEvent.class);
            if (seen != null) {
                seen.put(e.getOrderId(), ByteBuffer.allocate(8).putLong(e.getOrderVersion()).array());
            }
            context.forward(r.withValue(AvroCodec.instance().encode(e)));
        }
    }

    @Override
    public void close() {
        streams.close(java.time.Duration.ofSeconds(10));
    }
}

package io.dualuse.screening.demo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.wire.AvroDefaults;
import io.dualuse.screening.wire.WireFormat;
import io.dualuse.screening.wire.WireSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Command-line producer: sends the orders of a JSON file (one order object, or an array of them)
 * to the orders topic in the service's wire format, so that anyone can feed a running service
 * without writing Avro by hand. The format is the service's switch: {@code SCREENING_WIRE_FORMAT=registry}
 * (and {@code SCREENING_REGISTRY_URL}, default the compose registry on localhost:8081), or the same
 * keys as system properties.
 *
 * <pre>./mvnw -q exec:java -Dexec.mainClass=io.dualuse.screening.demo.SendOrder -Dexec.args="order.json localhost:9092"</pre>
 */
public final class SendOrder {

    private SendOrder() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: SendOrder <orders.json> [bootstrap-servers] [topic]");
            System.exit(2);
        }
        String bootstrap = args.length > 1 ? args[1] : System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092");
        String topic = args.length > 2 ? args[2] : Topics.ORDERS;
        ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        JsonNode root = mapper.readTree(new File(args[0]));
        List<JsonNode> orders = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(orders::add);
        } else if (root.has("orders")) {
            root.get("orders").forEach(orders::add);
        } else {
            orders.add(root);
        }
        WireFormat wire = WireFormat.of(wireSettings());
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (JsonNode o : orders) {
                OrderEvent order = AvroDefaults.fill(mapper.treeToValue(o, OrderEvent.class));
                RecordMetadata m = producer.send(new ProducerRecord<>(topic, order.getOrderId(),
                        wire.encode(order))).get();
                System.out.printf("sent order %s v%d to %s-%d@%d%n", order.getOrderId(), order.getOrderVersion(),
                        m.topic(), m.partition(), m.offset());
            }
        }
    }

    /** The service's keys, from system properties or the environment (screening.wire.format: SCREENING_WIRE_FORMAT). */
    private static Map<String, String> wireSettings() {
        Map<String, String> keys = new java.util.HashMap<>(Map.of(WireSettings.REGISTRY_URL, WireSettings.LOCAL_REGISTRY_URL));
        for (String key : WireSettings.KEYS) {
            String value = System.getProperty(key, System.getenv(key.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_")));
            if (value != null) {
                keys.put(key, value);
            }
        }
        return keys;
    }
}

package io.dualuse.screening.ops;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.wire.AvroCodec;
import io.dualuse.screening.wire.AvroDefaults;
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
 * without writing Avro by hand.
 *
 * <pre>./mvnw -q exec:java -Dexec.mainClass=io.dualuse.screening.ops.SendOrder -Dexec.args="order.json localhost:9092"</pre>
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
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (JsonNode o : orders) {
                OrderEvent order = AvroDefaults.fill(mapper.treeToValue(o, OrderEvent.class));
                RecordMetadata m = producer.send(new ProducerRecord<>(topic, order.getOrderId(),
                        AvroCodec.instance().encode(order))).get();
                System.out.printf("sent order %s v%d to %s-%d@%d%n", order.getOrderId(), order.getOrderVersion(),
                        m.topic(), m.partition(), m.offset());
            }
        }
    }
}

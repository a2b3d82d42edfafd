package io.dualuse.screening.ops;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualuse.screening.license.LicenseEvents;
import io.dualuse.screening.license.event.LicenseRecord;
import io.dualuse.screening.order.Violation;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.wire.AvroDefaults;
import io.dualuse.screening.wire.WireFormat;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo of the one-command run: registers the sample licences and produces the sample orders of
 * {@code demo/samples.json} (the seed scenarios: Japanese military end user, civil magnet order,
 * licensed shipment...) plus one malformed record, to the orders topic of the embedded broker.
 * Active only when {@code screening.demo.enabled} is true (set by {@link ScreeningMain}).
 */
@ApplicationScoped
public class DemoFeeder {

    private static final Logger LOG = Logger.getLogger(DemoFeeder.class);

    void feed(@Observes StartupEvent start, ObjectMapper objectMapper, WireFormat wire,
              @ConfigProperty(name = "screening.demo.enabled", defaultValue = "false") boolean enabled,
              @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
              @ConfigProperty(name = "screening.topics.orders") String ordersTopic,
              @ConfigProperty(name = "screening.topics.licenses") String licensesTopic) throws Exception {
        if (!enabled) {
            return;
        }
        ObjectMapper mapper = objectMapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        JsonNode samples = read(mapper);
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            // the demo licence goes onto the licence topic, like any licence: the service picks it up from there
            for (JsonNode l : samples.path("licenses")) {
                LicenseRecord record = AvroDefaults.fill(mapper.convertValue(l, LicenseRecord.class));
                List<Violation> violations = new ArrayList<>();
                if (LicenseEvents.toLicense(record, violations) == null) {
                    throw new IllegalStateException("demo licence is invalid: " + violations);
                }
                record.setRegisteredBy("demo");
                producer.send(new ProducerRecord<>(licensesTopic, record.getLicenseNumber(), wire.encode(record))).get();
            }
            for (JsonNode o : samples.path("orders")) {
                OrderEvent order = AvroDefaults.fill(mapper.convertValue(o, OrderEvent.class));
                producer.send(new ProducerRecord<>(ordersTopic, order.getOrderId(), wire.encode(order)));
            }
            producer.send(new ProducerRecord<>(ordersTopic, "DEMO-MALFORMED",
                    "{\"orderId\":\"not avro\"}".getBytes(StandardCharsets.UTF_8)));
        }
        LOG.infof("demo: %d licence(s) registered, %d sample orders and 1 malformed record sent to %s; decisions follow",
                samples.path("licenses").size(), samples.path("orders").size(), ordersTopic);
    }

    private static JsonNode read(ObjectMapper mapper) {
        try (InputStream in = DemoFeeder.class.getClassLoader().getResourceAsStream("demo/samples.json")) {
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

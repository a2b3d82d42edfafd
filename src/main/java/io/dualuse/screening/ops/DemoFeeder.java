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
 * Active only when {@code screening.demo.enabled} is true (set by {@link ScreeningMain}). Dates in
 * the samples are days from today ({@code "+3"}, {@code "-30"}), so that the demo shows the same
 * decisions whenever it runs: a fixed export date would turn into a back-dated order.
 */
@ApplicationScoped
public class DemoFeeder {

    private static final Logger LOG = Logger.getLogger(DemoFeeder.class);

    private static final java.util.Set<String> DATES = java.util.Set.of("exportDate", "validFrom", "validTo");
    private static final java.util.regex.Pattern DAYS_FROM_TODAY = java.util.regex.Pattern.compile("[+-]\\d+");

    void feed(@Observes StartupEvent start, ObjectMapper objectMapper, WireFormat wire, java.time.Clock clock,
              @ConfigProperty(name = "screening.demo.enabled", defaultValue = "false") boolean enabled,
              @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
              @ConfigProperty(name = "screening.topics.orders") String ordersTopic,
              @ConfigProperty(name = "screening.topics.licenses") String licensesTopic) throws Exception {
        if (!enabled) {
            return;
        }
        ObjectMapper mapper = objectMapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        JsonNode samples = read(mapper);
        datedFrom(samples, java.time.LocalDate.now(clock));
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

    /** Turns every relative date of the samples ("+3": three days from today) into an ISO date. */
    private static void datedFrom(JsonNode node, java.time.LocalDate today) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            o.fields().forEachRemaining(f -> {
                if (DATES.contains(f.getKey()) && f.getValue().isTextual() && DAYS_FROM_TODAY.matcher(f.getValue().asText()).matches()) {
                    o.put(f.getKey(), today.plusDays(Long.parseLong(f.getValue().asText())).toString());
                } else {
                    datedFrom(f.getValue(), today);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> datedFrom(n, today));
        }
    }

    private static JsonNode read(ObjectMapper mapper) {
        try (InputStream in = DemoFeeder.class.getClassLoader().getResourceAsStream("demo/samples.json")) {
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.dualuse.screening.demo;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dualuse.screening.core.order.Violation;
import io.dualuse.screening.license.event.LicenseRecord;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.wire.AvroCodec;
import io.dualuse.screening.wire.AvroDefaults;
import io.dualuse.screening.wire.LicenseEvents;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The demo feed of the one-command run: registers the sample licences and produces the sample orders
 * of {@code demo/samples.json} (the seed scenarios: Japanese military end user, civil magnet order,
 * licensed shipment...) plus one malformed record, in single-object encoding. Dates in the samples
 * are days from today ({@code "+3"}, {@code "-30"}), so that the demo shows the same decisions
 * whenever it runs: a fixed export date would turn into a back-dated order.
 */
public final class DemoFeeder {

    private static final Set<String> DATES = Set.of("exportDate", "validFrom", "validTo");
    private static final Pattern DAYS_FROM_TODAY = Pattern.compile("[+-]\\d+");

    private DemoFeeder() {
    }

    /** Sends the licences (waiting for each), then the orders; returns a line saying what was sent. */
    public static String feed(String bootstrap, String ordersTopic, String licensesTopic, LocalDate today) throws Exception {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        JsonNode samples = read(mapper);
        datedFrom(samples, today);
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            // the demo licence goes onto the licence topic, like any licence: the service picks it up from there
            for (JsonNode l : samples.path("licenses")) {
                LicenseRecord record = AvroDefaults.fill(mapper.treeToValue(l, LicenseRecord.class));
                List<Violation> violations = new ArrayList<>();
                if (LicenseEvents.toLicense(record, violations) == null) {
                    throw new IllegalStateException("demo licence is invalid: " + violations);
                }
                record.setRegisteredBy("demo");
                producer.send(new ProducerRecord<>(licensesTopic, record.getLicenseNumber(), AvroCodec.instance().encode(record))).get();
            }
            for (JsonNode o : samples.path("orders")) {
                OrderEvent order = AvroDefaults.fill(mapper.treeToValue(o, OrderEvent.class));
                producer.send(new ProducerRecord<>(ordersTopic, order.getOrderId(), AvroCodec.instance().encode(order)));
            }
            producer.send(new ProducerRecord<>(ordersTopic, "DEMO-MALFORMED",
                    "{\"orderId\":\"not avro\"}".getBytes(StandardCharsets.UTF_8)));
        }
        return String.format("demo: %d licence(s) registered, %d sample orders and 1 malformed record sent to %s; decisions follow",
                samples.path("licenses").size(), samples.path("orders").size(), ordersTopic);
    }

    /** Turns every relative date of the samples ("+3": three days from today) into an ISO date. */
    private static void datedFrom(JsonNode node, LocalDate today) {
        if (node instanceof ObjectNode o) {
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
            if (in == null) {
                throw new IllegalStateException("demo/samples.json is not on the classpath");
            }
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.dualuse.screening.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dualuse.screening.order.event.OrderEvent;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Registry mode against the real Apicurio Registry 3.1.7 (in-memory storage, its image's default):
 * the schemas are registered with the BACKWARD rule, every record type round-trips through the
 * Kafka serdes the channels use, and an incompatible schema change is refused.
 *
 * <p>Needs a Docker engine: without one JUnit reports this class as skipped ("Docker is not
 * available"); RegistryFormatTest covers the serde side without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class RegistryModeContainerTest {

    @Container
    static final GenericContainer<?> REGISTRY = new GenericContainer<>(DockerImageName.parse("apicurio/apicurio-registry:3.1.7"))
            .withExposedPorts(8080)
            .waitingFor(Wait.forHttp("/apis/registry/v3/system/info").forStatusCode(200))
            .withStartupTimeout(Duration.ofMinutes(3));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static String base() {
        return "http://" + REGISTRY.getHost() + ":" + REGISTRY.getMappedPort(8080);
    }

    private static Map<String, String> settings(boolean confluentCompatible) {
        return Map.of(WireSettings.FORMAT, "registry", WireSettings.REGISTRY_URL, base() + "/apis/registry/v3",
                WireSettings.CONFLUENT_COMPATIBLE, String.valueOf(confluentCompatible));
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void openingTheRegistryFormatRegistersEverySchemaWithTheBackwardRule() throws Exception {
        WireFormat.of(settings(true));
        for (Class<? extends SpecificRecord> type : AvroCodec.recordTypes()) {
            String artifact = SpecificData.getForClass(type).getSchema(type).getFullName();
            HttpResponse<String> rule = get("/apis/registry/v3/groups/default/artifacts/" + artifact + "/rules/COMPATIBILITY");
            assertThat(rule.statusCode()).as(artifact).isEqualTo(200);
            assertThat(JSON.readTree(rule.body()).path("config").asText()).as(artifact).isEqualTo("BACKWARD");
        }
        // registering an unchanged schema again finds it: a restart adds no version
        SchemaRegistration registration = new SchemaRegistration(base());
        assertThat(registration.register(OrderEvent.getClassSchema())).isEqualTo(registration.register(OrderEvent.getClassSchema()));
    }

    @Test
    void everyRecordTypeRoundTripsThroughTheChannelSerdesInBothFramings() throws Exception {
        for (boolean confluent : new boolean[] {true, false}) {
            AvroSerializer serializer = new AvroSerializer();
            serializer.configure(settings(confluent), false);
            AvroDeserializer deserializer = new AvroDeserializer();
            deserializer.configure(settings(confluent), false);
            for (SpecificRecord record : WireSamples.oneOfEach()) {
                byte[] bytes = serializer.serialize("any.topic", record);
                assertThat(bytes[0]).as("magic byte").isZero();
                assertThat(deserializer.deserialize("any.topic", bytes)).isEqualTo(record);
                if (confluent) {
                    // a Confluent deserializer looks the 4-byte id up in the registry's Confluent-compatible API
                    int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
                    HttpResponse<String> schema = get("/apis/ccompat/v7/schemas/ids/" + id);
                    assertThat(schema.statusCode()).isEqualTo(200);
                    assertThat(schema.body()).contains(record.getSchema().getName());
                }
            }
            byte[] raw = {1, 2, 3};
            assertThat(serializer.serialize("orders.v1.dlq", raw)).isSameAs(raw);
        }
    }

    @Test
    void backwardIsEnforcedAnIncompatibleChangeIsRefusedACompatibleOneAccepted() throws Exception {
        WireFormat wire = WireFormat.of(settings(true));
        SchemaRegistration registration = new SchemaRegistration(base());

        // a new required field: the new schema could not read the records already written
        Schema incompatible = withExtraField(new ObjectMapper().createObjectNode()
                .put("name", "incoterm").put("type", "string").put("doc", "Delivery terms."));
        assertThatThrownBy(() -> registration.register(incompatible))
                .isInstanceOf(SchemaRegistration.Refused.class).hasMessageContaining("HTTP 409");

        // the same field, optional with a default: BACKWARD allows it
        ObjectNode optional = new ObjectMapper().createObjectNode().put("name", "incoterm").put("doc", "Delivery terms.");
        optional.putArray("type").add("null").add("string");
        optional.putNull("default");
        registration.register(withExtraField(optional));

        // the service keeps writing and reading its own version (found by content, not "latest")
        OrderEvent order = (OrderEvent) WireSamples.oneOfEach().get(0);
        assertThat(wire.decode(wire.encode(order), OrderEvent.class)).isEqualTo(order);
    }

    @Test
    void garbageIsUndecodableAndAnIdTheRegistryDoesNotKnowIsASchemaMismatch() {
        WireFormat wire = WireFormat.of(settings(true));
        assertThatThrownBy(() -> wire.decode("{\"orderId\":\"not avro\"}".getBytes()))
                .isInstanceOf(WireFormatException.class)
                .satisfies(e -> assertThat(((WireFormatException) e).kind()).isEqualTo(WireFormatException.Kind.UNDECODABLE));
        assertThatThrownBy(() -> wire.decode(new byte[] {0, 0x7f, 0x7f, 0x7f, 0x7f, 2, 4}))
                .isInstanceOf(WireFormatException.class)
                .satisfies(e -> assertThat(((WireFormatException) e).kind()).isEqualTo(WireFormatException.Kind.SCHEMA_MISMATCH));
    }

    private static Schema withExtraField(ObjectNode field) throws IOException {
        JsonNode order = JSON.readTree(OrderEvent.getClassSchema().toString());
        ((ArrayNode) order.get("fields")).add(field);
        return new Schema.Parser().parse(order.toString());
    }
}

package io.dualuse.screening.wire;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The switch: which format a configuration selects, and that the default is the single-object encoding of before. */
class WireFormatTest {

    @Test
    void noSettingOrSingleObjectSelectsSingleObjectEncodingUnchanged() {
        WireFormat unset = WireFormat.of(Map.of());
        assertThat(WireFormat.of(Map.of(WireSettings.FORMAT, "single-object"))).isSameAs(unset);
        assertThat(WireFormat.of(Map.of(WireSettings.FORMAT, " Single-Object ", WireSettings.REGISTRY_URL, "ignored"))).isSameAs(unset);
        for (SpecificRecord record : WireSamples.oneOfEach()) {
            byte[] bytes = unset.encode(record);
            assertThat(bytes).isEqualTo(AvroCodec.instance().encode(record));
            assertThat(unset.decode(bytes, record.getClass())).isEqualTo(record);
        }
    }

    @Test
    void theKafkaSerdesAreSingleObjectByDefaultAndPassRawBytesThrough() {
        SpecificRecord order = WireSamples.oneOfEach().get(0);
        AvroSerializer unconfigured = new AvroSerializer();
        AvroSerializer configured = new AvroSerializer();
        configured.configure(Map.of("bootstrap.servers", "localhost:9092"), false);
        byte[] expected = AvroCodec.instance().encode(order);
        assertThat(unconfigured.serialize("orders.v1", order)).isEqualTo(expected);
        assertThat(configured.serialize("orders.v1", order)).isEqualTo(expected);
        byte[] raw = "dead letter, byte for byte".getBytes(StandardCharsets.UTF_8);
        assertThat(configured.serialize("orders.v1.dlq", raw)).isSameAs(raw);

        AvroDeserializer deserializer = new AvroDeserializer();
        deserializer.configure(Map.of(WireSettings.FORMAT, "single-object"), false);
        assertThat(deserializer.deserialize("orders.v1", expected)).isEqualTo(order);
    }

    @Test
    void registryModeNeedsAUrlAndAKnownFormatName() {
        assertThatThrownBy(() -> WireFormat.of(Map.of(WireSettings.FORMAT, "registry")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("screening.registry.url");
        assertThatThrownBy(() -> WireFormat.of(Map.of(WireSettings.FORMAT, "confluent")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("single-object or registry");
        assertThat(WireSettings.from(Map.of(WireSettings.FORMAT, "registry", WireSettings.REGISTRY_URL, "http://r:8080")))
                .isEqualTo(new WireSettings(WireSettings.Format.REGISTRY, "http://r:8080", true));
        assertThat(WireSettings.from(Map.of(WireSettings.FORMAT, "registry", WireSettings.REGISTRY_URL, "http://r:8080",
                WireSettings.CONFLUENT_COMPATIBLE, "false")).confluentCompatible()).isFalse();
    }

    @Test
    void registryModeSelectsTheRegistryAndFailsFastWhenItIsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Map<String, String> registry = Map.of(WireSettings.FORMAT, "registry",
                WireSettings.REGISTRY_URL, "http://127.0.0.1:" + closedPort + "/apis/registry/v3");
        // the serializer Kafka configures takes the same road as the service's beans
        assertThatThrownBy(() -> new AvroSerializer().configure(registry, false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("is unreachable");
        assertThat(RegistryFormat.OPEN).as("nothing half-open is kept").doesNotContainKey(WireSettings.from(registry));
    }

    @Test
    void applicationPropertiesHandTheSwitchToTheKafkaClientsAndComposeMakesItOneVariable() throws IOException {
        Path root = Path.of("").toAbsolutePath();
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(root.resolve("src/main/resources/application.properties"), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        assertThat(p.getProperty(WireSettings.FORMAT)).isEqualTo("single-object");
        for (String key : WireSettings.KEYS) {
            assertThat(p.getProperty("mp.messaging.connector.smallrye-kafka." + key)).as(key).isEqualTo("${" + key + "}");
        }
        String compose = Files.readString(root.resolve("docker-compose.yml"));
        assertThat(compose).contains("SCREENING_WIRE_FORMAT: ${SCREENING_WIRE_FORMAT:-single-object}")
                .contains("SCREENING_REGISTRY_URL: http://apicurio-registry:8080/apis/registry/v3");
    }
}

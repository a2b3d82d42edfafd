package io.dualuse.screening.wire;

import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.review.event.HoldRecord;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Registry mode with Apicurio's real serdes and an in-memory registry client (no Docker needed): what
 * goes on the wire, what comes back, and which failures are the record's fault (dead letter) and
 * which are not. RegistryModeContainerTest repeats the essentials against the real registry.
 */
class RegistryFormatTest {

    /** The serde logs every schema it looks up at INFO (the service turns that down in application.properties). */
    private static final Logger RESOLVER_LOG = Logger.getLogger("DefaultSchemaResolver");

    static {
        RESOLVER_LOG.setLevel(Level.WARNING);
    }

    private final InMemoryRegistryClient registry = new InMemoryRegistryClient();

    RegistryFormatTest() {
        // what SchemaRegistration does at start-up: the class schemas, under their full names
        for (Class<? extends SpecificRecord> type : AvroCodec.recordTypes()) {
            Schema s = SpecificData.getForClass(type).getSchema(type);
            registry.register(s.getFullName(), s.toString());
        }
    }

    private RegistryFormat format(boolean confluentCompatible) {
        return new RegistryFormat(new WireSettings(WireSettings.Format.REGISTRY, "http://registry.invalid", confluentCompatible), registry);
    }

    @Test
    void theRegisteredSchemasAreExactlyTheOnesInSchemasDirectory() throws IOException {
        // registered is the text the generated classes carry (schemas/*.avsc plus the build's Java
        // string-type hints), because the serde finds a schema by its text; same schemas otherwise
        Schema.Parser parser = new Schema.Parser();
        parser.parse(Path.of("schemas/OrderEvent.avsc").toFile());
        parser.parse(Path.of("schemas/ScreeningDecision.avsc").toFile());
        Map<String, String> files = new TreeMap<>();
        try (var avsc = Files.list(Path.of("schemas"))) {
            for (Path f : avsc.filter(p -> p.toString().endsWith(".avsc")).toList()) {
                String name = f.getFileName().toString().replace(".avsc", "");
                Schema s = parser.getTypes().values().stream().filter(t -> t.getName().equals(name)).findFirst()
                        .orElseGet(() -> parseInto(parser, f));
                files.put(s.getFullName(), SchemaNormalization.toParsingForm(s));
            }
        }
        Map<String, String> registered = new TreeMap<>();
        for (Class<? extends SpecificRecord> type : AvroCodec.recordTypes()) {
            Schema s = SpecificData.getForClass(type).getSchema(type);
            registered.put(s.getFullName(), SchemaNormalization.toParsingForm(s));
        }
        assertThat(registered).isEqualTo(files);
    }

    private static Schema parseInto(Schema.Parser parser, Path file) {
        try {
            return parser.parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyRecordTypeRoundTripsInConfluentFraming() {
        // one sample per type the service writes: a new type without one would go untested here
        assertThat(WireSamples.oneOfEach()).extracting(Object::getClass)
                .containsExactlyInAnyOrderElementsOf(AvroCodec.recordTypes());
        RegistryFormat wire = format(true);
        for (SpecificRecord record : WireSamples.oneOfEach()) {
            byte[] bytes = wire.encode(record);
            assertThat(bytes[0]).as("magic byte").isZero();
            assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).as("4-byte content id of " + record.getSchema().getName())
                    .isEqualTo((int) registry.version(record.getSchema().getFullName()).contentId());
            assertThat(wire.decode(bytes, record.getClass())).isEqualTo(record);
        }
    }

    @Test
    void apicurio2FramingCarriesTheEightByteGlobalId() {
        RegistryFormat wire = format(false);
        for (SpecificRecord record : WireSamples.oneOfEach()) {
            byte[] bytes = wire.encode(record);
            assertThat(bytes[0]).isZero();
            assertThat(ByteBuffer.wrap(bytes, 1, 8).getLong())
                    .isEqualTo(registry.version(record.getSchema().getFullName()).globalId());
            assertThat(wire.decode(bytes)).isEqualTo(record);
        }
    }

    @Test
    void recordsWrittenInSingleObjectEncodingBeforeTheSwitchAreStillRead() {
        for (SpecificRecord record : WireSamples.oneOfEach()) {
            assertThat(format(true).decode(AvroCodec.instance().encode(record))).isEqualTo(record);
        }
    }

    @Test
    void bytesInNeitherFormatOrWithACorruptBodyAreUndecodable() {
        RegistryFormat wire = format(true);
        byte[] valid = wire.encode(WireSamples.oneOfEach().get(0));
        for (byte[] bad : new byte[][] {"{\"orderId\":\"not avro\"}".getBytes(), {}, {0, 0, 0, 7},
                Arrays.copyOf(valid, valid.length / 2)}) {
            assertThatThrownBy(() -> wire.decode(bad)).isInstanceOf(WireFormatException.class)
                    .satisfies(e -> assertThat(((WireFormatException) e).kind()).isEqualTo(WireFormatException.Kind.UNDECODABLE));
        }
    }

    @Test
    void anUnknownSchemaIdOrAnotherRecordTypeIsASchemaMismatch() {
        RegistryFormat wire = format(true);
        byte[] unknownId = {0, 0, 0, 0x7f, 0x7f, 2, 4, 6};
        assertThatThrownBy(() -> wire.decode(unknownId)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("no schema 32639")
                .satisfies(e -> assertThat(((WireFormatException) e).kind()).isEqualTo(WireFormatException.Kind.SCHEMA_MISMATCH));

        long foreign = registry.register("com.example.Shipment",
                "{\"type\":\"record\",\"name\":\"Shipment\",\"namespace\":\"com.example\",\"fields\":[]}").contentId();
        byte[] notOurs = ByteBuffer.allocate(6).put((byte) 0).putInt((int) foreign).put((byte) 0).array();
        assertThatThrownBy(() -> wire.decode(notOurs)).hasMessageContaining("com.example.Shipment")
                .satisfies(e -> assertThat(((WireFormatException) e).kind()).isEqualTo(WireFormatException.Kind.SCHEMA_MISMATCH));

        byte[] order = wire.encode(WireSamples.oneOfEach().get(0));
        assertThatThrownBy(() -> wire.decode(order, HoldRecord.class)).hasMessageContaining("expected HoldRecord")
                .satisfies(e -> assertThat(((WireFormatException) e).kind()).isEqualTo(WireFormatException.Kind.SCHEMA_MISMATCH));
    }

    @Test
    void aRegistryOutageIsNotBlamedOnTheRecord() {
        byte[] order = format(true).encode(WireSamples.oneOfEach().get(0));
        registry.down = true;
        RegistryFormat cold = format(true); // nothing cached yet
        assertThatThrownBy(() -> cold.decode(order, OrderEvent.class))
                .isInstanceOf(IllegalStateException.class).isNotInstanceOf(WireFormatException.class)
                .hasMessageContaining("cannot look up schema");
    }

    @Test
    void aSchemaThatWasNotRegisteredIsNotWritten() {
        InMemoryRegistryClient empty = new InMemoryRegistryClient();
        RegistryFormat wire = new RegistryFormat(new WireSettings(WireSettings.Format.REGISTRY, "http://registry.invalid", true), empty);
        assertThatThrownBy(() -> wire.encode(WireSamples.oneOfEach().get(0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cannot encode OrderEvent");
        assertThat(empty.version("io.dualuse.screening.order.event.OrderEvent")).as("auto-registration is off").isNull();
    }
}

package io.dualuse.screening.wire;

import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.license.event.LicenseRecord;
import io.dualuse.screening.order.event.OrderEvent;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Schema evolution is safe: the current schemas read what every released version wrote. A schema
 * change that breaks this fails here before it reaches a producer.
 */
class SchemaCompatibilityTest {

    @ParameterizedTest
    @CsvSource({
            "OrderEvent.v1.avsc, io.dualuse.screening.order.event.OrderEvent",
            "ScreeningDecision.v1.avsc, io.dualuse.screening.decision.event.ScreeningDecision",
            "LicenseRecord.v1.avsc, io.dualuse.screening.license.event.LicenseRecord",
            "LedgerEntry.v1.avsc, io.dualuse.screening.license.event.LedgerEntry",
            "HoldRecord.v1.avsc, io.dualuse.screening.review.event.HoldRecord",
            "ReviewRecord.v1.avsc, io.dualuse.screening.review.event.ReviewRecord",
            "RulesetActivation.v1.avsc, io.dualuse.screening.rules.event.RulesetActivation",
            "PartyListVersion.v1.avsc, io.dualuse.screening.parties.event.PartyListVersion",
            "PartyFinding.v1.avsc, io.dualuse.screening.parties.event.PartyFinding"})
    void currentSchemaReadsEveryReleasedVersion(String released, String currentClass) throws Exception {
        Schema.Parser parser = new Schema.Parser();
        if (released.startsWith("HoldRecord") || released.startsWith("ReviewRecord")) {
            parser.parse(Path.of("schemas/released/OrderEvent.v1.avsc").toFile());
            parser.parse(Path.of("schemas/released/ScreeningDecision.v1.avsc").toFile());
        }
        Schema writer = parser.parse(Path.of("schemas/released", released).toFile());
        Schema reader = ((SpecificRecord) Class.forName(currentClass).getDeclaredConstructor().newInstance()).getSchema();
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void everyCurrentSchemaHasAReleasedVersionAndDocsOnEveryField() throws IOException {
        Schema.Parser parser = new Schema.Parser();
        // in dependency order (a schema after those it names); every schema of schemas/ must be here
        List<String> names = List.of("OrderEvent", "ScreeningDecision", "LicenseRecord", "LedgerEntry", "HoldRecord", "ReviewRecord",
                "RulesetActivation", "PartyListVersion", "PartyFinding");
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(Path.of("schemas"))) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".avsc")).map(f -> f.replace(".avsc", "")))
                    .containsExactlyInAnyOrderElementsOf(names);
        }
        for (String name : names) {
            assertThat(Path.of("schemas/released", name + ".v1.avsc")).exists();
            assertDocumented(parser.parse(Path.of("schemas", name + ".avsc").toFile()));
        }
    }

    private static void assertDocumented(Schema s) {
        if (s.getType() == Schema.Type.RECORD) {
            for (Schema.Field f : s.getFields()) {
                assertThat(f.doc()).as(s.getName() + "." + f.name() + " doc").isNotBlank();
                for (Schema inner : branches(f.schema())) {
                    assertDocumented(inner);
                }
            }
        }
    }

    private static List<Schema> branches(Schema s) {
        return switch (s.getType()) {
            case UNION -> s.getTypes();
            case ARRAY -> List.of(s.getElementType());
            default -> List.of(s);
        };
    }

    @Test
    void recordWrittenByAnOlderProducerIsReadIntoTheCurrentClass() throws IOException {
        // an older OrderEvent without licenseNumbers and intermediaries: the fields get their defaults
        Schema current = OrderEvent.getClassSchema();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode tree =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(Path.of("schemas/OrderEvent.avsc").toFile());
        com.fasterxml.jackson.databind.node.ArrayNode fields = (com.fasterxml.jackson.databind.node.ArrayNode) tree.get("fields");
        for (int i = fields.size() - 1; i >= 0; i--) {
            String name = fields.get(i).get("name").asText();
            if (name.equals("licenseNumbers") || name.equals("intermediaries")) {
                fields.remove(i);
            }
        }
        Schema old = new Schema.Parser().parse(json.writeValueAsString(tree));
        assertThat(old.getField("licenseNumbers")).isNull();
        assertThat(old.getField("intermediaries")).isNull();
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, old).getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);

        GenericRecord written = minimalOrder(old);
        ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), old).encode(written);
        AvroCodec.instance().addWriterSchema(OrderEvent.class, old);

        OrderEvent read = AvroCodec.instance().decode(toArray(bytes), OrderEvent.class);
        assertThat(read.getOrderId()).isEqualTo("OLD-1");
        assertThat(read.getLicenseNumbers()).isEmpty();
        assertThat(read.getIntermediaries()).isEmpty();
    }

    @Test
    void anOrderWrittenByAVersionOneProducerIsReadWithoutTheLinesPrcContentShare() throws IOException {
        // v1 is what producers wrote before OrderLine.prcContentPercent: the codec knows its fingerprint itself
        Schema v1 = new Schema.Parser().parse(Path.of("schemas/released/OrderEvent.v1.avsc").toFile());
        assertThat(v1.getField("lines").schema().getElementType().getField("prcContentPercent")).isNull();
        GenericRecord order = minimalOrder(v1);
        order.put("intermediaries", List.of());
        order.put("licenseNumbers", List.of());
        ByteBuffer bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(order);

        OrderEvent read = AvroCodec.instance().decode(toArray(bytes), OrderEvent.class);

        assertThat(read.getLines().get(0).getPrcContentPercent()).isNull();
        assertThat(io.dualuse.screening.wire.OrderEvents.toOrder(read).lines().get(0).prcContentPercent()).isNull();
    }

    @Test
    void incompatibleChangeIsDetected() throws IOException {
        // a new required field without a default cannot be read from old data
        String broken = Files.readString(Path.of("schemas/OrderEvent.avsc"))
                .replace("{\"name\": \"orderId\"", "{\"name\": \"incoterm\", \"type\": \"string\", \"doc\": \"x\"},\n    {\"name\": \"orderId\"");
        Schema reader = new Schema.Parser().parse(broken);
        Schema writer = new Schema.Parser().parse(Path.of("schemas/released/OrderEvent.v1.avsc").toFile());
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.INCOMPATIBLE);
    }

    @Test
    void unknownFingerprintAndGarbageAreTellApart() {
        byte[] unknown = new byte[] {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0};
        assertThatThrownBy(() -> AvroCodec.instance().decode(unknown))
                .isInstanceOf(WireFormatException.class)
                .satisfies(e -> assertThat(((WireFormatException) e).kind()).isEqualTo(WireFormatException.Kind.SCHEMA_MISMATCH));
        assertThatThrownBy(() -> AvroCodec.instance().decode("hello world".getBytes()))
                .isInstanceOf(WireFormatException.class)
                .satisfies(e -> assertThat(((WireFormatException) e).kind()).isEqualTo(WireFormatException.Kind.UNDECODABLE));
        byte[] decision = AvroCodec.instance().encode(ScreeningDecision.newBuilder().setOrderId("x").setOrderVersion(1)
                .setStatus(io.dualuse.screening.decision.event.DecisionStatus.HOLD).setReasons(List.of())
                .setLicenseAllocations(List.of()).setRulesetVersion("v").setRulesetHash("h")
                .setDecidedAt(java.time.Instant.EPOCH).build());
        assertThatThrownBy(() -> AvroCodec.instance().decode(decision, LicenseRecord.class))
                .isInstanceOf(WireFormatException.class).hasMessageContaining("expected LicenseRecord");
    }

    private static GenericRecord minimalOrder(Schema s) {
        GenericRecord exporter = new GenericData.Record(s.getField("exporter").schema());
        exporter.put("id", "E1");
        GenericRecord line = new GenericData.Record(s.getField("lines").schema().getElementType());
        line.put("lineNo", 1);
        line.put("commodityCode", "6109100010");
        line.put("quantity", "1");
        line.put("unit", "PCS");
        line.put("composition", List.of());
        GenericRecord r = new GenericData.Record(s);
        r.put("orderId", "OLD-1");
        r.put("orderVersion", 1L);
        r.put("exportDate", "2026-11-24");
        r.put("exporter", exporter);
        r.put("shipFrom", "CN");
        r.put("shipTo", "DE");
        r.put("finalDestination", "DE");
        r.put("lines", List.of(line));
        return r;
    }

    private static byte[] toArray(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}

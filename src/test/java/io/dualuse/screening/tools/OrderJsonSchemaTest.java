package io.dualuse.screening.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.dualuse.screening.wire.OrderJson;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The published JSON Schema of an order: made from the Avro schema, and it agrees with the service. */
class OrderJsonSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A JSON order as a platform writes it from the README, not from the service's classes. */
    private static final String ORDER = """
            {"orderId": "PO-2026-0001", "orderVersion": 1, "exportDate": "2026-12-10",
             "exporter": {"id": "EXP-GZ-001", "name": "Ganzhou Rare Earth Trading Co., Ltd.", "country": "CN"},
             "consignee": {"name": "Osaka Tools K.K.", "country": "JP"},
             "endUser": {"name": "Osaka Tools K.K.", "country": "JP", "type": "COMMERCIAL"},
             "endUse": {"category": "CIVIL", "description": "cutting tools"},
             "shipFrom": "CN", "shipTo": "JP", "finalDestination": "JP",
             "lines": [{"lineNo": 1, "sku": "APT-99", "description": "ammonium paratungstate", "commodityCode": "2841801000",
                        "originCountry": "CN", "quantity": "300", "unit": "KG"}]}""";

    private static Schema schema() throws Exception {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(OrderJsonSchema.JSON_SCHEMA, StandardCharsets.UTF_8));
    }

    @Test
    void theCommittedSchemaIsWhatTheAvroSchemaMakes() throws Exception {
        assertThat(Files.readString(OrderJsonSchema.JSON_SCHEMA, StandardCharsets.UTF_8))
                .as("regenerate with ./mvnw -Pjson-schema process-test-classes")
                .isEqualTo(OrderJsonSchema.generate(Path.of(".")));
    }

    @Test
    void anOrderTheServiceReadsIsValidAndTheSchemaRefusesWhatItCannotRead() throws Exception {
        Schema schema = schema();
        assertThat(schema.validate(JSON.readTree(ORDER))).isEmpty();
        assertThat(OrderJson.read(ORDER.getBytes(StandardCharsets.UTF_8)).getOrderId()).isEqualTo("PO-2026-0001");

        ObjectNode noId = (ObjectNode) JSON.readTree(ORDER);
        noId.remove("orderId");
        List<Error> errors = schema.validate(noId);
        assertThat(errors).extracting(Error::getMessage).anySatisfy(m -> assertThat(m).contains("orderId"));

        ObjectNode wrongType = (ObjectNode) JSON.readTree(ORDER);
        wrongType.put("orderVersion", "one");
        assertThat(schema.validate(wrongType)).isNotEmpty();

        // optional fields may be absent or null, unknown ones are ignored, as by the service
        ObjectNode lenient = (ObjectNode) JSON.readTree(ORDER);
        lenient.put("platformReference", "X-1");
        JsonNode line = lenient.withArray("lines").get(0);
        ((ObjectNode) line).putNull("controlNumber");
        assertThat(schema.validate(lenient)).isEmpty();
    }
}

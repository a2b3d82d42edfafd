package io.dualuse.screening.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JSON Schema (draft 2020-12) of a JSON order, made from {@code schemas/OrderEvent.avsc} so the
 * two cannot drift: a field without a default is required, a union with null may be null or absent,
 * unknown fields are allowed (the service ignores them). Run with
 * {@code ./mvnw -Pjson-schema process-test-classes}; {@code OrderJsonSchemaTest} fails when the
 * committed file is not what this makes.
 */
public final class OrderJsonSchema {

    static final Path AVRO = Path.of("schemas", "OrderEvent.avsc");
    static final Path JSON_SCHEMA = Path.of("schemas", "OrderEvent.schema.json");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private OrderJsonSchema() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        Files.writeString(root.resolve(JSON_SCHEMA), generate(root), StandardCharsets.UTF_8);
        System.out.println("wrote " + root.resolve(JSON_SCHEMA));
    }

    static String generate(Path root) throws IOException {
        Schema avro = new Schema.Parser().parse(root.resolve(AVRO).toFile());
        ObjectNode schema = NODES.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "https://dualuse.io/schemas/OrderEvent.schema.json");
        schema.put("title", avro.getName() + " as JSON (content-type: application/json on orders.v1, or the dry-run body)");
        schema.put("description", "Generated from schemas/OrderEvent.avsc by tools.OrderJsonSchema; do not edit. " + avro.getDoc());
        schema.setAll(type(avro));
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(schema) + "\n";
    }

    private static ObjectNode type(Schema s) {
        ObjectNode node = NODES.objectNode();
        switch (s.getType()) {
            case RECORD -> {
                node.put("type", "object");
                ObjectNode properties = node.putObject("properties");
                ArrayNode required = NODES.arrayNode();
                for (Schema.Field f : s.getFields()) {
                    ObjectNode property = type(f.schema());
                    if (f.doc() != null) {
                        property.put("description", f.doc());
                    }
                    properties.set(f.name(), property);
                    if (!f.hasDefaultValue()) {
                        required.add(f.name());
                    }
                }
                if (!required.isEmpty()) {
                    node.set("required", required);
                }
            }
            case UNION -> {
                List<Schema> branches = s.getTypes();
                ArrayNode anyOf = node.putArray("anyOf");
                branches.forEach(b -> anyOf.add(type(b)));
            }
            case ARRAY -> {
                node.put("type", "array");
                node.set("items", type(s.getElementType()));
            }
            case MAP -> {
                node.put("type", "object");
                node.set("additionalProperties", type(s.getValueType()));
            }
            case ENUM -> {
                ArrayNode values = node.putArray("enum");
                s.getEnumSymbols().forEach(values::add);
            }
            case STRING -> node.put("type", "string");
            case INT, LONG -> node.put("type", "integer");
            case FLOAT, DOUBLE -> node.put("type", "number");
            case BOOLEAN -> node.put("type", "boolean");
            case NULL -> node.put("type", "null");
            case BYTES, FIXED -> throw new IllegalArgumentException("no JSON form for Avro " + s.getType() + " in the order schema");
        }
        return node;
    }
}

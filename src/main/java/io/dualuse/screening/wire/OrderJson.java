package io.dualuse.screening.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.dualuse.screening.order.event.OrderEvent;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Orders as JSON: the fields of {@code schemas/OrderEvent.avsc} as a JSON object, the body of the dry
 * run ({@code POST /api/v1/screenings}) and, with the header {@code content-type: application/json},
 * a record on {@code orders.v1}. One reader for both, so they accept exactly the same orders;
 * unknown fields are ignored and absent ones take the schema's defaults, as for an Avro producer
 * on an older schema. {@code schemas/OrderEvent.schema.json} describes the shape.
 */
public final class OrderJson {

    /** The header that tells a JSON order from an Avro one on the same topic. */
    public static final String CONTENT_TYPE = "content-type";
    public static final String JSON = "application/json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private OrderJson() {
    }

    /** True when the record says it is JSON ({@code application/json}, any parameters, any case). */
    public static boolean isJson(Headers headers) {
        Header h = headers.lastHeader(CONTENT_TYPE);
        if (h == null || h.value() == null) {
            return false;
        }
        String type = new String(h.value(), StandardCharsets.UTF_8).trim().toLowerCase(Locale.ROOT);
        return type.equals(JSON) || type.startsWith(JSON + ";");
    }

    /** @throws WireFormatException UNDECODABLE, with the line and column, for anything but a JSON order object */
    public static OrderEvent read(byte[] json) {
        if (json == null || json.length == 0) {
            throw new WireFormatException(WireFormatException.Kind.UNDECODABLE, "empty JSON order: an object is required");
        }
        try {
            OrderEvent event = MAPPER.readValue(json, OrderEvent.class);
            if (event == null) {
                throw new WireFormatException(WireFormatException.Kind.UNDECODABLE, "JSON order is null: an object is required");
            }
            AvroDefaults.fill(event);
            return event;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new WireFormatException(WireFormatException.Kind.UNDECODABLE, "malformed JSON order: " + e.getOriginalMessage() + where);
        } catch (IOException e) {
            throw new WireFormatException(WireFormatException.Kind.UNDECODABLE, "unreadable JSON order: " + e.getMessage());
        }
    }
}

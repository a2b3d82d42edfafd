package io.dualuse.screening.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualuse.screening.core.order.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * Reads JSON request bodies straight into the Avro record classes, so that the REST edge and the
 * Kafka edge accept exactly the same fields and go through the same contract checks.
 */
@ApplicationScoped
public class JsonBodies {

    private final ObjectMapper mapper;

    public JsonBodies(ObjectMapper mapper) {
        this.mapper = mapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw badRequest("empty body", List.of(new Violation("body", "a JSON object is required")));
        }
        try {
            T value = mapper.readValue(body, type);
            if (value == null) {
                throw badRequest("empty body", List.of(new Violation("body", "a JSON object is required, got null")));
            }
            if (value instanceof org.apache.avro.specific.SpecificRecord record) {
                io.dualuse.screening.wire.AvroDefaults.fill(record);
            }
            return value;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw badRequest("malformed JSON", List.of(new Violation("body", e.getOriginalMessage() + where)));
        }
    }

    public static BadRequestException badRequest(String error, List<Violation> violations) {
        return new BadRequestException(Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ViolationResponse(error, violations)).build());
    }
}

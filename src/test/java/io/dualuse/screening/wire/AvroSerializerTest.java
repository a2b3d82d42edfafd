package io.dualuse.screening.wire;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/** What a record says about itself in its headers, for clients that do not parse the bytes first. */
class AvroSerializerTest {

    private static String header(Headers h, String name) {
        return h.lastHeader(name) == null ? null : new String(h.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void everyRecordNamesItsSchemaContentTypeAndFingerprintAsOnTheWire() {
        AvroSerializer serializer = new AvroSerializer();
        for (SpecificRecord record : WireSamples.oneOfEach()) {
            Headers headers = new RecordHeaders();
            byte[] bytes = serializer.serialize("t", headers, record);
            assertThat(header(headers, "content-type")).isEqualTo("application/avro; framing=single-object");
            assertThat(header(headers, "avro-schema")).isEqualTo(record.getSchema().getFullName());
            assertThat(header(headers, "avro-fingerprint")).isEqualTo(HexFormat.of().formatHex(bytes, 2, 10)).hasSize(16);
            // bytes already encoded (the pipeline encodes once) get the same headers
            Headers again = new RecordHeaders();
            serializer.serialize("t", again, bytes);
            assertThat(again.toArray()).hasSize(3);
            assertThat(header(again, "avro-fingerprint")).isEqualTo(header(headers, "avro-fingerprint"));
        }
    }

    @Test
    void bytesThatAreNotAKnownAvroRecordKeepTheirHeaders() {
        AvroSerializer serializer = new AvroSerializer();
        Headers json = new RecordHeaders().add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        serializer.serialize("dlq", json, "{\"orderId\": 1}".getBytes(StandardCharsets.UTF_8));
        assertThat(json.toArray()).hasSize(1);
        assertThat(header(json, "content-type")).isEqualTo("application/json");

        byte[] unknown = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0};
        Headers none = new RecordHeaders();
        assertThat(serializer.serialize("dlq", none, unknown)).isSameAs(unknown);
        assertThat(none.toArray()).isEmpty();
    }
}

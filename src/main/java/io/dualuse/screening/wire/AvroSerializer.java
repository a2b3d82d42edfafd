package io.dualuse.screening.wire;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kafka serializer for the service's Avro records in the configured wire format: single-object
 * encoding unless the client configuration says {@code screening.wire.format=registry} (see
 * {@link WireSettings}). Raw bytes pass through unchanged: a transactional channel also
 * dead-letters records byte for byte.
 *
 * <p>Every Avro record it writes says what it is in its headers, so a client in any language can
 * pick its decoder without parsing the bytes first: {@value #CONTENT_TYPE} ({@value #SINGLE_OBJECT}
 * or {@value #REGISTRY}), {@value #SCHEMA} (the record's full name) and, in single-object
 * encoding, {@value #FINGERPRINT} (bytes 3-10 of the value, hex, as on the wire).
 */
public class AvroSerializer implements Serializer<Object> {

    public static final String CONTENT_TYPE = "content-type";
    public static final String SCHEMA = "avro-schema";
    public static final String FINGERPRINT = "avro-fingerprint";
    public static final String SINGLE_OBJECT = "application/avro; framing=single-object";
    public static final String REGISTRY = "application/avro; framing=registry";

    /** Header values per writer fingerprint: built once, they are added to every record. */
    private static final Map<Long, byte[][]> BY_FINGERPRINT = new ConcurrentHashMap<>();

    private WireFormat wire = WireFormat.of(WireSettings.SINGLE_OBJECT);

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        wire = WireFormat.of(configs);
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null || data instanceof byte[]) {
            return (byte[]) data;
        }
        if (data instanceof SpecificRecord record) {
            return wire.encode(record);
        }
        throw new IllegalArgumentException("cannot serialize " + data.getClass().getName() + " for " + topic);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Object data) {
        byte[] bytes = serialize(topic, data);
        if (headers == null || bytes == null) {
            return bytes;
        }
        if (AvroCodec.isSingleObject(bytes)) {
            long fingerprint = java.nio.ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
            byte[][] values = BY_FINGERPRINT.get(fingerprint);
            if (values == null) {
                // only known schemas are kept: a dead letter's made-up fingerprints must not grow the map
                values = AvroCodec.instance().typeOf(bytes)
                        .map(type -> new byte[][] {utf8(SINGLE_OBJECT), utf8(schemaName(type)), utf8(HexFormat.of().formatHex(bytes, 2, 10))})
                        .orElse(null);
                if (values != null) {
                    BY_FINGERPRINT.put(fingerprint, values);
                }
            }
            if (values != null) {
                set(headers, CONTENT_TYPE, values[0]);
                set(headers, SCHEMA, values[1]);
                set(headers, FINGERPRINT, values[2]);
            }
        } else if (data instanceof SpecificRecord record) {
            set(headers, CONTENT_TYPE, utf8(REGISTRY));
            set(headers, SCHEMA, utf8(record.getSchema().getFullName()));
        }
        return bytes;
    }

    private static String schemaName(Class<? extends SpecificRecord> type) {
        return Optional.ofNullable(org.apache.avro.specific.SpecificData.get().getSchema(type)).map(org.apache.avro.Schema::getFullName)
                .orElse(type.getName());
    }

    private static void set(Headers headers, String name, byte[] value) {
        headers.remove(name);
        headers.add(name, value);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

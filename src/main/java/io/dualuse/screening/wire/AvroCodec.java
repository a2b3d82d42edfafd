package io.dualuse.screening.wire;

import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.license.event.LedgerEntry;
import io.dualuse.screening.license.event.LicenseRecord;
import io.dualuse.screening.review.event.HoldRecord;
import io.dualuse.screening.review.event.ReviewRecord;
import io.dualuse.screening.order.event.OrderEvent;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Avro single-object encoding (2 magic bytes, the writer schema's 8-byte fingerprint, the binary
 * body) for the service's three record types: no registry is needed, and a reader can tell from
 * the fingerprint which type and which schema version wrote a record.
 *
 * <p>Every released version in {@code schemas/released/} is registered as a known writer schema, so
 * records written by older producers are read into the current classes (Avro schema resolution).
 */
public final class AvroCodec {

    /** The record types on the wire, with the released schema versions each one must still read. */
    private static final Map<Class<? extends SpecificRecord>, List<String>> TYPES = Map.of(
            OrderEvent.class, List.of("schemas/released/OrderEvent.v1.avsc"),
            ScreeningDecision.class, List.of("schemas/released/ScreeningDecision.v1.avsc"),
            LicenseRecord.class, List.of("schemas/released/LicenseRecord.v1.avsc"),
            LedgerEntry.class, List.of("schemas/released/LedgerEntry.v1.avsc"),
            HoldRecord.class, List.of("schemas/released/HoldRecord.v1.avsc"),
            ReviewRecord.class, List.of("schemas/released/ReviewRecord.v1.avsc"));

    private static final AvroCodec INSTANCE = new AvroCodec();

    private final Map<Long, BinaryMessageDecoder<? extends SpecificRecord>> decodersByFingerprint = new HashMap<>();
    private final Map<Class<?>, BinaryMessageEncoder<SpecificRecord>> encoders = new HashMap<>();

    public static AvroCodec instance() {
        return INSTANCE;
    }

    private AvroCodec() {
        TYPES.forEach((type, released) -> {
            SpecificData model = SpecificData.getForClass(type);
            Schema current = model.getSchema(type);
            BinaryMessageDecoder<SpecificRecord> decoder = new BinaryMessageDecoder<>(model, current);
            decodersByFingerprint.put(SchemaNormalization.parsingFingerprint64(current), decoder);
            for (String resource : released) {
                Schema old = readSchema(resource);
                decoder.addSchema(old);
                decodersByFingerprint.put(SchemaNormalization.parsingFingerprint64(old), decoder);
            }
            encoders.put(type, new BinaryMessageEncoder<>(model, current));
        });
    }

    /** Registers another writer schema for a type, e.g. a test's "previous version". */
    public void addWriterSchema(Class<? extends SpecificRecord> type, Schema writer) {
        BinaryMessageDecoder<? extends SpecificRecord> decoder = decodersByFingerprint.get(
                SchemaNormalization.parsingFingerprint64(SpecificData.getForClass(type).getSchema(type)));
        decoder.addSchema(writer);
        decodersByFingerprint.put(SchemaNormalization.parsingFingerprint64(writer), decoder);
    }

    public byte[] encode(SpecificRecord record) {
        BinaryMessageEncoder<SpecificRecord> encoder = encoders.get(record.getClass());
        if (encoder == null) {
            throw new IllegalArgumentException("no Avro encoder for " + record.getClass().getName());
        }
        try {
            ByteBuffer buffer = encoder.encode(record);
            byte[] out = new byte[buffer.remaining()];
            buffer.get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decodes a record of any known type and version; {@link WireFormatException} says why it could not. */
    public SpecificRecord decode(byte[] bytes) {
        if (bytes == null || bytes.length < 10) {
            throw new WireFormatException(WireFormatException.Kind.UNDECODABLE,
                    "not Avro single-object encoding: " + (bytes == null ? "no value" : bytes.length + " bytes"));
        }
        if (bytes[0] != (byte) 0xC3 || bytes[1] != (byte) 0x01) {
            throw new WireFormatException(WireFormatException.Kind.UNDECODABLE,
                    "not Avro single-object encoding: bad magic bytes");
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        BinaryMessageDecoder<? extends SpecificRecord> decoder = decodersByFingerprint.get(fingerprint);
        if (decoder == null) {
            throw new WireFormatException(WireFormatException.Kind.SCHEMA_MISMATCH,
                    "unknown writer schema fingerprint " + Long.toHexString(fingerprint));
        }
        try {
            return decoder.decode(bytes);
        } catch (BadHeaderException | MissingSchemaException e) {
            throw new WireFormatException(WireFormatException.Kind.SCHEMA_MISMATCH, e.getMessage());
        } catch (IOException | RuntimeException e) {
            throw new WireFormatException(WireFormatException.Kind.UNDECODABLE, "corrupt Avro body: " + e);
        }
    }

    public <T extends SpecificRecord> T decode(byte[] bytes, Class<T> type) {
        SpecificRecord r = decode(bytes);
        if (!type.isInstance(r)) {
            throw new WireFormatException(WireFormatException.Kind.SCHEMA_MISMATCH,
                    "expected " + type.getSimpleName() + ", got " + r.getSchema().getFullName());
        }
        return type.cast(r);
    }

    private static Schema readSchema(String resource) {
        try (InputStream in = AvroCodec.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("released schema " + resource + " is not on the classpath");
            }
            // released schemas may name types of other released schemas (HoldRecord embeds OrderEvent)
            Schema.Parser parser = new Schema.Parser();
            if (resource.contains("HoldRecord") || resource.contains("ReviewRecord")) {
                for (String dependency : List.of("schemas/released/OrderEvent.v1.avsc", "schemas/released/ScreeningDecision.v1.avsc")) {
                    try (InputStream d = AvroCodec.class.getClassLoader().getResourceAsStream(dependency)) {
                        parser.parse(d);
                    }
                }
            }
            return parser.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

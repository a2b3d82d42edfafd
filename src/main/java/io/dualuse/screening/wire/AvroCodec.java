package io.dualuse.screening.wire;

import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.license.event.LedgerEntry;
import io.dualuse.screening.license.event.LicenseRecord;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.parties.event.PartyFinding;
import io.dualuse.screening.parties.event.PartyListVersion;
import io.dualuse.screening.review.event.HoldRecord;
import io.dualuse.screening.review.event.ReviewRecord;
import io.dualuse.screening.rules.event.RulesetActivation;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Avro single-object encoding (2 magic bytes, the writer schema's 8-byte fingerprint, the binary
 * body) for the service's record types: no registry is needed, and a reader can tell from
 * the fingerprint which type and which schema version wrote a record.
 *
 * <p>Every released version in {@code schemas/released/} is registered as a known writer schema, so
 * records written by older producers are read into the current classes (Avro schema resolution).
 * Encoding goes through Avro's buffered binary encoder: the stock message encoder writes byte by
 * byte and halves the throughput (bench/README.md). Datum readers and writers are thread-safe.
 */
public final class AvroCodec {

    static {
        AvroLimits.apply(); // before the first decode, which reads Avro's limits once
    }

    /** The record types on the wire, with the released schema versions each one must still read. */
    private static final Map<Class<? extends SpecificRecord>, List<String>> TYPES = Map.of(
            OrderEvent.class, List.of("schemas/released/OrderEvent.v1.avsc"),
            ScreeningDecision.class, List.of("schemas/released/ScreeningDecision.v1.avsc"),
            LicenseRecord.class, List.of("schemas/released/LicenseRecord.v1.avsc"),
            LedgerEntry.class, List.of("schemas/released/LedgerEntry.v1.avsc"),
            HoldRecord.class, List.of("schemas/released/HoldRecord.v1.avsc"),
            ReviewRecord.class, List.of("schemas/released/ReviewRecord.v1.avsc"),
            RulesetActivation.class, List.of("schemas/released/RulesetActivation.v1.avsc"),
            PartyListVersion.class, List.of("schemas/released/PartyListVersion.v1.avsc"),
            PartyFinding.class, List.of("schemas/released/PartyFinding.v1.avsc"));

    private static final AvroCodec INSTANCE = new AvroCodec();
    private static final int HEADER = 10;

    /** A reader of one writer schema (current or released) into the current class of its type. */
    private record Reader(Class<? extends SpecificRecord> type, SpecificDatumReader<SpecificRecord> reader) {
    }

    /** The writer of a type's current schema, with its single-object header. */
    private record Writer(byte[] header, SpecificDatumWriter<SpecificRecord> writer) {
    }

    private final Map<Long, Reader> readersByFingerprint = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Class<?>, Writer> writers = new HashMap<>();

    public static AvroCodec instance() {
        return INSTANCE;
    }

    /** The record types the service writes, one schema each. */
    public static java.util.Set<Class<? extends SpecificRecord>> recordTypes() {
        return TYPES.keySet();
    }

    /** True when the bytes start like single-object encoding (magic bytes C3 01 and room for a fingerprint). */
    public static boolean isSingleObject(byte[] bytes) {
        return bytes != null && bytes.length >= HEADER && bytes[0] == (byte) 0xC3 && bytes[1] == (byte) 0x01;
    }

    private AvroCodec() {
        TYPES.forEach((type, released) -> {
            Schema current = SpecificData.getForClass(type).getSchema(type);
            addReader(type, current);
            for (String resource : released) {
                addReader(type, readSchema(resource));
            }
            byte[] header = new byte[HEADER];
            header[0] = (byte) 0xC3;
            header[1] = (byte) 0x01;
            ByteBuffer.wrap(header, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(SchemaNormalization.parsingFingerprint64(current));
            writers.put(type, new Writer(header, new SpecificDatumWriter<>(current, writerModel(type))));
        });
    }

    /**
     * The type's model with the generated encoders switched on: records without logical types get
     * a {@code customEncode} that writes their fields directly, where the generic writer looks up
     * every union branch by name (a hash lookup per nullable field, 4 % of the pipeline thread in a
     * profile). Same bytes; the readers keep Avro's fast reader, which resolves released versions.
     */
    private static SpecificData writerModel(Class<? extends SpecificRecord> type) {
        SpecificData shared = SpecificData.getForClass(type);
        SpecificData model = new SpecificData(type.getClassLoader());
        shared.getConversions().forEach(model::addLogicalTypeConversion);
        model.setCustomCoders(true);
        return model;
    }

    private void addReader(Class<? extends SpecificRecord> type, Schema writer) {
        SpecificData model = SpecificData.getForClass(type);
        readersByFingerprint.put(SchemaNormalization.parsingFingerprint64(writer),
                new Reader(type, new SpecificDatumReader<>(writer, model.getSchema(type), model)));
    }

    /** The type that wrote a single-object record, by its fingerprint; empty for other bytes or an unknown schema. */
    public java.util.Optional<Class<? extends SpecificRecord>> typeOf(byte[] bytes) {
        if (!isSingleObject(bytes)) {
            return java.util.Optional.empty();
        }
        Reader r = readersByFingerprint.get(ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
        return r == null ? java.util.Optional.empty() : java.util.Optional.of(r.type());
    }

    /** Registers another writer schema for a type, e.g. a test's "previous version". */
    public void addWriterSchema(Class<? extends SpecificRecord> type, Schema writer) {
        addReader(type, writer);
    }

    /** Encodes through Avro's buffered binary encoder (the message encoder writes byte by byte). */
    public byte[] encode(SpecificRecord record) {
        Writer w = writers.get(record.getClass());
        if (w == null) {
            throw new IllegalArgumentException("no Avro encoder for " + record.getClass().getName());
        }
        return EncodeBuffer.encode(w.header(), encoder -> w.writer().write(record, encoder));
    }

    /** The single-object header (magic bytes and fingerprint) of a type's current schema. */
    public byte[] header(Class<? extends SpecificRecord> type) {
        return writers.get(type).header().clone();
    }

    /** Length of the single-object header (magic bytes and fingerprint) before a record's binary body. */
    public static final int HEADER_LENGTH = HEADER;

    /**
     * True when a single-object record was written with {@code type}'s current schema, so that its
     * body (after {@link #HEADER_LENGTH} bytes) can be embedded as is in a record that contains one;
     * otherwise (an older writer schema) the body must be decoded and encoded again.
     */
    public boolean isCurrent(byte[] singleObject, Class<? extends SpecificRecord> type) {
        Writer w = writers.get(type);
        return w != null && singleObject != null && singleObject.length >= HEADER
                && Arrays.equals(singleObject, 0, HEADER, w.header(), 0, HEADER);
    }

    /** Decodes a record of any known type and version; {@link WireFormatException} says why it could not. */
    public SpecificRecord decode(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER) {
            throw new WireFormatException(WireFormatException.Kind.UNDECODABLE,
                    "not Avro single-object encoding: " + (bytes == null ? "no value" : bytes.length + " bytes"));
        }
        if (bytes[0] != (byte) 0xC3 || bytes[1] != (byte) 0x01) {
            throw new WireFormatException(WireFormatException.Kind.UNDECODABLE,
                    "not Avro single-object encoding: bad magic bytes");
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Reader r = readersByFingerprint.get(fingerprint);
        if (r == null) {
            // the 8 bytes as the producer wrote them (its fingerprint, little-endian), not the number they make
            throw new WireFormatException(WireFormatException.Kind.SCHEMA_MISMATCH,
                    "unknown writer schema: fingerprint " + java.util.HexFormat.of().formatHex(bytes, 2, 10)
                            + " (bytes 3-10 as on the wire; README, Topics, lists the schemas this service reads)");
        }
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, HEADER, bytes.length - HEADER, null);
            SpecificRecord record = r.reader().read(null, decoder);
            if (!decoder.isEnd()) {
                throw new IOException((bytes.length - HEADER) + " bytes hold more than one record");
            }
            return record;
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

package io.dualuse.screening.wire;

import org.apache.avro.specific.SpecificRecord;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the service's Avro records become Kafka values and back: Avro single-object encoding (the
 * default) or Apicurio Registry's serdes ({@code screening.wire.format=registry}). The Kafka
 * serializers and the code that decodes raw bytes itself get the same instance for the same settings.
 */
public interface WireFormat {

    /**
     * True when the wire bytes are the Avro single-object bytes the service also keeps in memory
     * (open holds, decision log): then one encoding serves both.
     */
    default boolean isSingleObject() {
        return false;
    }

    /** @throws IllegalArgumentException for a record type the service does not write */
    byte[] encode(SpecificRecord record);

    /** Decodes a record of any of the service's types; {@link WireFormatException} says why it could not. */
    SpecificRecord decode(byte[] bytes);

    default <T extends SpecificRecord> T decode(byte[] bytes, Class<T> type) {
        SpecificRecord r = decode(bytes);
        if (!type.isInstance(r)) {
            throw new WireFormatException(WireFormatException.Kind.SCHEMA_MISMATCH,
                    "expected " + type.getSimpleName() + ", got " + r.getSchema().getFullName());
        }
        return type.cast(r);
    }

    /** The format for these settings (keys of {@link WireSettings}); one instance per distinct settings. */
    static WireFormat of(Map<String, ?> config) {
        return of(WireSettings.from(config));
    }

    static WireFormat of(WireSettings settings) {
        if (settings.format() == WireSettings.Format.SINGLE_OBJECT) {
            return SingleObjectFormat.INSTANCE;
        }
        // opening registers the schemas: once per JVM, not once per Kafka client
        return RegistryFormat.OPEN.computeIfAbsent(settings, RegistryFormat::open);
    }
}

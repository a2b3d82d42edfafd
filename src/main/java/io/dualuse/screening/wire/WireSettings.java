package io.dualuse.screening.wire;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which wire format the service reads and writes, from configuration. The same keys work as
 * MicroProfile properties (environment: {@code SCREENING_WIRE_FORMAT}...) and as Kafka client
 * settings, so that the serializers Kafka instantiates make the same choice as the service's beans.
 *
 * @param registryUrl         the registry's v3 REST API; only for {@link Format#REGISTRY}
 * @param confluentCompatible registry framing: magic byte 0 and a 4-byte content id, what Confluent
 *                            deserializers read (true, the Apicurio 3 default); or Apicurio 2.x's
 *                            8-byte global id (false)
 */
public record WireSettings(Format format, String registryUrl, boolean confluentCompatible) {

    public static final String FORMAT = "screening.wire.format";
    public static final String REGISTRY_URL = "screening.registry.url";
    public static final String CONFLUENT_COMPATIBLE = "screening.registry.confluent-compatible";
    public static final List<String> KEYS = List.of(FORMAT, REGISTRY_URL, CONFLUENT_COMPATIBLE);
    /** The compose stack's registry, as seen from the host. */
    public static final String LOCAL_REGISTRY_URL = "http://localhost:8081/apis/registry/v3";

    public static final WireSettings SINGLE_OBJECT = new WireSettings(Format.SINGLE_OBJECT, null, true);

    public enum Format {
        /** Avro single-object encoding, no registry (the default). */
        SINGLE_OBJECT("single-object"),
        /** Apicurio Registry's Avro serdes. */
        REGISTRY("registry");

        private final String value;

        Format(String value) {
            this.value = value;
        }

        static Format parse(String value) {
            for (Format f : values()) {
                if (f.value.equals(value.trim().toLowerCase(Locale.ROOT))) {
                    return f;
                }
            }
            throw new IllegalArgumentException(FORMAT + "=" + value + ": expected single-object or registry");
        }

        @Override
        public String toString() {
            return value;
        }
    }

    public WireSettings {
        if (format == Format.REGISTRY && (registryUrl == null || registryUrl.isBlank())) {
            throw new IllegalArgumentException(FORMAT + "=registry needs " + REGISTRY_URL);
        }
        if (format == Format.SINGLE_OBJECT) {
            registryUrl = null; // ignored: two single-object settings are the same format
            confluentCompatible = true;
        }
    }

    /** Reads the keys from a Kafka client configuration or any other map; absent keys take the defaults. */
    public static WireSettings from(Map<String, ?> config) {
        Object format = config.get(FORMAT);
        if (format == null || format.toString().isBlank()) {
            return SINGLE_OBJECT;
        }
        Object url = config.get(REGISTRY_URL);
        Object confluent = config.get(CONFLUENT_COMPATIBLE);
        return new WireSettings(Format.parse(format.toString()), url == null ? null : url.toString().trim(),
                confluent == null || Boolean.parseBoolean(confluent.toString().trim()));
    }
}

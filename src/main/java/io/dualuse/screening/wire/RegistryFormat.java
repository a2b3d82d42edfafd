package io.dualuse.screening.wire;

import com.microsoft.kiota.ApiException;
import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import io.apicurio.registry.rest.client.models.ProblemDetails;
import io.apicurio.registry.serde.Default4ByteIdHandler;
import io.apicurio.registry.serde.Legacy8ByteIdHandler;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.strategy.QualifiedRecordIdStrategy;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.jboss.logging.Logger;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Apicurio Registry's Avro serdes: magic byte 0, the schema's registry id, the binary body. Records
 * carry their id in the value, not in Kafka headers, because stages forward and dead-letter raw
 * bytes and the state topics are read as bytes.
 *
 * <p>Schemas are registered when the format opens ({@link SchemaRegistration}); the serializer only
 * looks them up by content, so nothing reaches a topic with a schema the BACKWARD rule did not check.
 * Records written in single-object encoding before the switch are still read.
 */
final class RegistryFormat implements WireFormat {

    static final Map<WireSettings, RegistryFormat> OPEN = new ConcurrentHashMap<>();
    private static final Logger LOG = Logger.getLogger(RegistryFormat.class);
    private static final Set<String> TYPE_NAMES = AvroCodec.recordTypes().stream()
            .map(t -> schemaOf(t).getFullName()).collect(Collectors.toUnmodifiableSet());

    private final WireSettings settings;
    private final AvroKafkaSerializer<SpecificRecord> serializer;
    private final AvroKafkaDeserializer<SpecificRecord> deserializer;
    private final int idSize;
    /** Record type by registry id: ids are immutable, so one look-up each. */
    private final Map<Long, String> typeById = new ConcurrentHashMap<>();

    /** Registers the schemas (fails if the registry is unreachable or refuses one), then opens the serdes. */
    static RegistryFormat open(WireSettings settings) {
        SchemaRegistration registration = new SchemaRegistration(settings.registryUrl());
        AvroCodec.recordTypes().forEach(t -> registration.register(schemaOf(t)));
        LOG.infof("%d schemas registered at %s with compatibility BACKWARD", AvroCodec.recordTypes().size(),
                settings.registryUrl());
        return new RegistryFormat(settings, null);
    }

    /** @param facade a registry client to use instead of one for {@code settings.registryUrl()} (tests) */
    RegistryFormat(WireSettings settings, RegistryClientFacade facade) {
        this.settings = settings;
        this.idSize = settings.confluentCompatible() ? 4 : 8;
        Map<String, Object> config = serdeConfig(settings);
        this.serializer = facade == null ? new AvroKafkaSerializer<>() : new AvroKafkaSerializer<>(facade);
        this.serializer.configure(new HashMap<>(config), false);
        this.deserializer = facade == null ? new AvroKafkaDeserializer<>() : new AvroKafkaDeserializer<>(facade);
        this.deserializer.configure(new HashMap<>(config), false);
    }

    private static Map<String, Object> serdeConfig(WireSettings settings) {
        Map<String, Object> c = new HashMap<>();
        c.put("apicurio.registry.url", settings.registryUrl());
        c.put("apicurio.registry.artifact-resolver-strategy", QualifiedRecordIdStrategy.class.getName());
        // registered at start-up, with the rule: the serde must not add versions behind its back
        c.put("apicurio.registry.auto-register", "false");
        // one self-contained schema per record type, as registered (no artifact per nested type)
        c.put("apicurio.registry.dereference-schema", "true");
        c.put("apicurio.registry.use-specific-avro-reader", "true");
        // the JDK client: decoding may run on a Vert.x event loop, where a blocking Vert.x call would deadlock
        c.put("apicurio.registry.http.adapter", "JDK");
        c.put("apicurio.registry.headers.enabled", "false");
        if (settings.confluentCompatible()) {
            c.put("apicurio.registry.id-handler", Default4ByteIdHandler.class.getName());
            c.put("apicurio.registry.use-id", "contentId");
        } else {
            c.put("apicurio.registry.id-handler", Legacy8ByteIdHandler.class.getName());
            c.put("apicurio.registry.use-id", "globalId");
        }
        return c;
    }

    @Override
    public byte[] encode(SpecificRecord record) {
        if (!TYPE_NAMES.contains(record.getSchema().getFullName())) {
            throw new IllegalArgumentException("no Avro encoder for " + record.getClass().getName());
        }
        try {
            return serializer.serialize(null, record);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot encode " + record.getSchema().getName() + " with the schema registry at "
                    + settings.registryUrl() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public SpecificRecord decode(byte[] bytes) {
        if (AvroCodec.isSingleObject(bytes)) {
            return AvroCodec.instance().decode(bytes); // written before the switch to the registry
        }
        if (bytes == null || bytes.length <= 1 + idSize || bytes[0] != 0) {
            throw new WireFormatException(WireFormatException.Kind.UNDECODABLE, "neither registry framing (magic byte 0, "
                    + idSize + "-byte schema id) nor single-object encoding: "
                    + (bytes == null ? "no value" : bytes.length + " bytes"));
        }
        ByteBuffer id = ByteBuffer.wrap(bytes, 1, idSize);
        long schemaId = idSize == 4 ? Integer.toUnsignedLong(id.getInt()) : id.getLong();
        String type = typeById.computeIfAbsent(schemaId, this::lookUp);
        if (!TYPE_NAMES.contains(type)) {
            throw new WireFormatException(WireFormatException.Kind.SCHEMA_MISMATCH,
                    "schema " + schemaId + " is " + type + ", not a record type of this service");
        }
        try {
            return deserializer.deserialize(null, bytes);
        } catch (RuntimeException e) {
            throw new WireFormatException(WireFormatException.Kind.UNDECODABLE, "corrupt Avro body: " + e);
        }
    }

    /** The full name of the record type the registry holds under this id. */
    private String lookUp(long schemaId) {
        ArtifactReference ref = settings.confluentCompatible()
                ? ArtifactReference.builder().contentId(schemaId).build()
                : ArtifactReference.builder().globalId(schemaId).build();
        try {
            return deserializer.getSchemaResolver().resolveSchemaByArtifactReference(ref)
                    .getParsedSchema().getParsedSchema().getFullName();
        } catch (RuntimeException e) {
            if (httpStatus(e) == 404) {
                throw new WireFormatException(WireFormatException.Kind.SCHEMA_MISMATCH,
                        "the schema registry has no schema " + schemaId);
            }
            // not the record's fault: it must not be dead-lettered as undecodable
            throw new IllegalStateException("schema registry at " + settings.registryUrl() + ": cannot look up schema "
                    + schemaId + ": " + e, e);
        }
    }

    private static int httpStatus(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProblemDetails problem && problem.getStatus() != null) {
                return problem.getStatus();
            }
            if (t instanceof ApiException api) {
                return api.getResponseStatusCode();
            }
        }
        return -1;
    }

    private static Schema schemaOf(Class<? extends SpecificRecord> type) {
        return SpecificData.getForClass(type).getSchema(type);
    }

    @Override
    public String toString() {
        return "Apicurio Registry at " + settings.registryUrl() + (settings.confluentCompatible()
                ? ", Confluent-compatible framing (magic byte 0, 4-byte content id)"
                : ", Apicurio 2.x framing (magic byte 0, 8-byte global id)");
    }
}

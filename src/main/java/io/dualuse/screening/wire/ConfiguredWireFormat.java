package io.dualuse.screening.wire;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import java.util.HashMap;
import java.util.Map;

/**
 * The service's wire format, chosen once from {@code screening.wire.format} (and the registry keys),
 * for the beans that decode raw Kafka values themselves. application.properties passes the same keys
 * to the Kafka clients, so the channel serializers agree with it.
 */
@ApplicationScoped
public class ConfiguredWireFormat {

    private static final Logger LOG = Logger.getLogger(ConfiguredWireFormat.class);

    @Produces
    @Singleton
    WireFormat wireFormat(Config config) {
        Map<String, String> keys = new HashMap<>();
        for (String key : WireSettings.KEYS) {
            config.getOptionalValue(key, String.class).ifPresent(v -> keys.put(key, v));
        }
        return WireFormat.of(keys);
    }

    /**
     * Before the messaging channels start: in registry mode this registers the schemas, so an
     * unreachable registry or a refused schema stops the start-up with the reason.
     */
    void open(@Observes @Priority(1) StartupEvent start, WireFormat wire) {
        LOG.infof("wire format: %s", wire);
    }
}

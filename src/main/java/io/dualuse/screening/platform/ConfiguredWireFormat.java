package io.dualuse.screening.platform;

import io.dualuse.screening.wire.WireFormat;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

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
    WireFormat wireFormat(ScreeningConfig config) {
        return WireFormat.of(config.wireKeys());
    }

    /**
     * Before the messaging channels start: in registry mode this registers the schemas, so an
     * unreachable registry or a refused schema stops the start-up with the reason.
     */
    void open(@Observes @Priority(1) StartupEvent start, WireFormat wire) {
        LOG.infof("wire format: %s", wire);
    }
}

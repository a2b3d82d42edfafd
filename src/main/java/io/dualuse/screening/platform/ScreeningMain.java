package io.dualuse.screening.platform;

import io.dualuse.screening.wire.AvroLimits;
import io.dualuse.screening.wire.PackedBytes;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.jboss.logging.Logger;

/**
 * Entry point of the service. It sets what must be set before any other class runs, then starts
 * Quarkus. It starts no broker and feeds nothing: the one-command run's embedded broker and demo
 * feed are in {@code src/demo/java} ({@code demo.DemoRun}), outside the jar the image ships.
 */
@QuarkusMain
public class ScreeningMain {

    private static final Logger LOG = Logger.getLogger(ScreeningMain.class);

    public static void main(String... args) {
        FatalErrors.install();
        AvroLimits.apply();
        // before any Kafka client: Kafka's lz4 streams take their codec once, from a
        // fastestInstance() that does not load the native library from this class loader
        LOG.debugf("lz4: %s", PackedBytes.codec());
        Quarkus.run(args);
    }
}

package io.dualuse.screening.ops;

import io.dualuse.screening.wire.PackedBytes;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.jboss.logging.Logger;

/**
 * Entry point. With no broker configured ({@code kafka.bootstrap.servers} / {@code KAFKA_BOOTSTRAP_SERVERS}
 * unset) and {@code screening.embedded-broker=true} (the README's run command sets it), or in dev
 * mode, it starts a real embedded KRaft broker first and turns on the demo feed, so that a newcomer
 * with only a JDK sees decisions with one command. With a broker configured it uses that one and
 * feeds nothing. In production nothing is started implicitly.
 */
@QuarkusMain
public class ScreeningMain {

    private static final Logger LOG = Logger.getLogger(ScreeningMain.class);
    private static EmbeddedBroker broker;

    public static void main(String... args) {
        FatalErrors.install();
        io.dualuse.screening.wire.AvroLimits.apply();
        // before any Kafka client: Kafka's lz4 streams take their codec once, from a
        // fastestInstance() that does not load the native library from this class loader
        LOG.debugf("lz4: %s", PackedBytes.codec());
        if (wantsEmbeddedBroker()) {
            startEmbeddedBroker();
        }
        Quarkus.run(args);
    }

    static boolean wantsEmbeddedBroker() {
        boolean configured = System.getProperty("kafka.bootstrap.servers") != null
                || System.getenv("KAFKA_BOOTSTRAP_SERVERS") != null;
        String flag = System.getProperty("screening.embedded-broker", System.getenv("SCREENING_EMBEDDED_BROKER"));
        if (flag != null) {
            return Boolean.parseBoolean(flag) && !configured;
        }
        return !configured && LaunchMode.current() == LaunchMode.DEVELOPMENT;
    }

    private static synchronized void startEmbeddedBroker() {
        if (broker == null) { // dev-mode restarts call main again; one broker per JVM
            long t0 = System.nanoTime();
            broker = EmbeddedBroker.start(3);
            Topics.create(broker.bootstrapServers(), 3);
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "embedded-kafka-stop"));
            LOG.infof("no Kafka configured: started an embedded KRaft broker at %s in %d ms",
                    broker.bootstrapServers(), (System.nanoTime() - t0) / 1_000_000);
        }
        System.setProperty("kafka.bootstrap.servers", broker.bootstrapServers());
        System.setProperty("screening.demo.enabled", "true");
        if (System.getProperty("screening.security.demo-users.enabled") == null
                && System.getenv("SCREENING_SECURITY_DEMO_USERS_ENABLED") == null) {
            System.setProperty("screening.security.demo-users.enabled", "true"); // the demo's logins
        }
    }

    /** True in the one-command run: the broker is in this process, so this is a demo, not production. */
    static synchronized boolean embeddedBrokerRunning() {
        return broker != null;
    }
}

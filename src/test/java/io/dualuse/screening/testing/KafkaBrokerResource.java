package io.dualuse.screening.testing;

import io.dualuse.screening.demo.EmbeddedBroker;
import io.dualuse.screening.platform.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.jboss.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

import java.util.Map;

/**
 * A real Kafka broker for the pipeline tests: a Testcontainers broker (apache/kafka, same version as
 * the client) where a Docker engine exists, otherwise the in-JVM KRaft broker. Never a mock.
 *
 * <p>One broker per test JVM: a test profile that restarts the service (a "new instance") finds the
 * state topics the previous instance wrote, as a restarted service would.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static final Logger LOG = Logger.getLogger(KafkaBrokerResource.class);
    public static final int PARTITIONS = 3;

    private static String bootstrap;

    public static synchronized String bootstrapServers() {
        if (bootstrap == null) {
            bootstrap = startBroker();
            Topics.create(bootstrap, PARTITIONS);
        }
        return bootstrap;
    }

    private static String startBroker() {
        if (dockerAvailable()) {
            KafkaContainer container = new KafkaContainer("apache/kafka:4.1.1");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            LOG.infof("tests use a Testcontainers Kafka broker at %s", container.getBootstrapServers());
            return container.getBootstrapServers();
        }
        EmbeddedBroker embedded = EmbeddedBroker.start(PARTITIONS);
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
        LOG.infof("no Docker: tests use an in-JVM KRaft broker at %s", embedded.bootstrapServers());
        return embedded.bootstrapServers();
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Override
    public void stop() {
        // the broker outlives one service instance: it stops with the test JVM
    }
}

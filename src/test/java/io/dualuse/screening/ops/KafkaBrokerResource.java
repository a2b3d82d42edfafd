package io.dualuse.screening.ops;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.jboss.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

import java.util.Map;

/**
 * A real Kafka broker for the pipeline tests: a Testcontainers broker (apache/kafka, same version as
 * the client) where a Docker engine exists, otherwise the in-JVM KRaft broker. Never a mock.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static final Logger LOG = Logger.getLogger(KafkaBrokerResource.class);
    public static final int PARTITIONS = 3;

    private static String bootstrap;
    private KafkaContainer container;
    private EmbeddedBroker embedded;

    public static String bootstrapServers() {
        return bootstrap;
    }

    @Override
    public Map<String, String> start() {
        if (dockerAvailable()) {
            container = new KafkaContainer("apache/kafka:4.1.1");
            container.start();
            bootstrap = container.getBootstrapServers();
            Topics.create(bootstrap, PARTITIONS);
            LOG.infof("tests use a Testcontainers Kafka broker at %s", bootstrap);
        } else {
            embedded = EmbeddedBroker.start(PARTITIONS);
            bootstrap = embedded.bootstrapServers();
            Topics.create(bootstrap, PARTITIONS);
            LOG.infof("no Docker: tests use an in-JVM KRaft broker at %s", bootstrap);
        }
        return Map.of("kafka.bootstrap.servers", bootstrap);
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
        if (container != null) {
            container.stop();
        }
        if (embedded != null) {
            embedded.close();
        }
    }
}

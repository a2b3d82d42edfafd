package io.dualuse.screening.demo;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;


/**
 * A real single-node KRaft broker inside this JVM, listening on loopback. It is what the one-command
 * run and the tests use when no broker is configured and no Docker engine is there: the same Kafka
 * (4.1.1) as the client library, not a mock.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    private EmbeddedBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    public static EmbeddedBroker start(int defaultPartitions) {
        try {
            // our own directory, deleted by close() after the broker has stopped: the test kit's
            // default temp dirs are deleted by a JVM shutdown hook of their own, which can race a
            // still-running broker into a log-dir failure and make it halt the JVM with status 1
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("embedded-kafka-");
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setBaseDirectory(dir)
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build();
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setDeleteOnClose(true)
                    .setConfigProp("num.partitions", String.valueOf(defaultPartitions))
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new EmbeddedBroker(cluster);
        } catch (Exception e) {
            throw new IllegalStateException("embedded Kafka broker did not start: " + e, e);
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.dualuse.screening.ops;

import io.dualuse.screening.license.LicenseBook;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which exporters this instance screens. Orders are re-keyed by exporter, so the instance that owns
 * an exporter's partition is the only one that draws that exporter's licences: that is what makes
 * drawdown exact with several instances. On taking over partitions it first catches up with the
 * licence ledger, so that it sees everything the previous owner drew.
 */
@ApplicationScoped
@Identifier(PartitionOwnership.NAME)
@jakarta.enterprise.inject.Default
public class PartitionOwnership implements KafkaConsumerRebalanceListener {

    public static final String NAME = "screening-ownership";
    private static final Logger LOG = Logger.getLogger(PartitionOwnership.class);

    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private final LicenseBook licenses;
    private volatile int partitionCount;

    public PartitionOwnership(LicenseBook licenses) {
        this.licenses = licenses;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        String topic = partitions.iterator().next().topic();
        partitionCount = consumer.partitionsFor(topic).size();
        licenses.awaitLedgerCaughtUp();
        partitions.forEach(tp -> owned.add(tp.partition()));
        LOG.infof("screening partitions %s of %s (ledger caught up)", owned, topic);
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> owned.remove(tp.partition()));
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevoked(consumer, partitions);
    }

    /** True when orders of this exporter are screened here (Kafka's default partitioner on the key). */
    public boolean owns(String exporterId) {
        int n = partitionCount;
        if (n == 0) {
            return false;
        }
        return owned.contains(Utils.toPositive(Utils.murmur2(exporterId.getBytes(StandardCharsets.UTF_8))) % n);
    }
}

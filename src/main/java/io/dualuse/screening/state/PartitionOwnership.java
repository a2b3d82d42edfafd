package io.dualuse.screening.state;

import io.dualuse.screening.platform.ScreeningConfig;
import io.dualuse.screening.platform.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * Which exporters this instance screens: those whose partition of the routed topic
 * ({@code screening.orders.by-exporter.v1}, keyed by exporter) it owns. The owner of an exporter's
 * partition is the only instance that draws that exporter's licences: that is what makes drawdown
 * exact with several instances. On taking over partitions it first catches up with the licence
 * ledger, so that it sees everything the previous owner drew, then tells the rest of the instance
 * ({@link ExportersAssigned}, asynchronously).
 */
@ApplicationScoped
public class PartitionOwnership implements ConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(PartitionOwnership.class);

    /** Partitions of the routed topic this instance has just taken over, with their exporters. */
    public record ExportersAssigned(Set<Integer> partitions) {
    }

    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private final LicenseBook licenses;
    private final Event<ExportersAssigned> assigned;
    private final String routedTopic;
    private volatile ToIntFunction<String> partitionCount = topic -> 0;
    private volatile int routedPartitions;

    public PartitionOwnership(LicenseBook licenses, Event<ExportersAssigned> assigned, ScreeningConfig config) {
        this.licenses = licenses;
        this.assigned = assigned;
        this.routedTopic = config.topic(Topics.ORDERS_BY_EXPORTER);
    }

    /** How to learn a topic's partition count (the pipeline's consumer), set before it subscribes. */
    public void partitionCounts(ToIntFunction<String> partitionCount) {
        this.partitionCount = partitionCount;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        boolean routed = false;
        for (TopicPartition tp : partitions) {
            routed |= tp.topic().equals(routedTopic);
        }
        if (!routed) {
            return;
        }
        routedPartitions = partitionCount.applyAsInt(routedTopic);
        licenses.awaitLedgerCaughtUp();
        Set<Integer> taken = new java.util.TreeSet<>();
        partitions.stream().filter(tp -> tp.topic().equals(routedTopic)).forEach(tp -> taken.add(tp.partition()));
        owned.addAll(taken);
        LOG.infof("screening the exporters of partitions %s of %s (ledger caught up)", owned, routedTopic);
        assigned.fireAsync(new ExportersAssigned(Set.copyOf(taken)));
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        partitions.stream().filter(tp -> tp.topic().equals(routedTopic)).forEach(tp -> owned.remove(tp.partition()));
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        onPartitionsRevoked(partitions);
    }

    /** True when orders of this exporter are screened here (Kafka's default partitioner on the key). */
    public boolean owns(String exporterId) {
        int n = routedPartitions;
        if (n == 0) {
            return false;
        }
        return owned.contains(Utils.toPositive(Utils.murmur2(exporterId.getBytes(StandardCharsets.UTF_8))) % n);
    }
}

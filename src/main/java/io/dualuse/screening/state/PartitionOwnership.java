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
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * Which exporters this instance screens: those whose partition of the routed topic
 * ({@code screening.orders.by-exporter.v1}, keyed by exporter) it owns. The owner of an exporter's
 * partition is the only instance that draws that exporter's licences: that is what makes drawdown
 * exact with several instances.
 *
 * <p>It is also what this instance keeps: the open holds and licence draws of the exporters it owns
 * ({@link PartitionState}), not those of every exporter, so that adding instances divides the state.
 * On taking over partitions it first has each state read what it did not keep (the previous owner's
 * holds and draws) up to everything committed so far, then screens, then tells the rest of the
 * instance ({@link ExportersAssigned}, asynchronously). Partitions taken away are dropped at the next
 * assignment that does not give them back, so that a rebalance which returns them (every rebalance
 * of the eager protocol revokes everything first) reads nothing again.
 */
@ApplicationScoped
public class PartitionOwnership implements ConsumerRebalanceListener {

    private static final Logger LOG = Logger.getLogger(PartitionOwnership.class);

    /** Partitions of the routed topic this instance has just taken over, with their exporters. */
    public record ExportersAssigned(Set<Integer> partitions) {
    }

    /** State kept for the exporters of the partitions this instance owns. */
    public interface PartitionState {
        /**
         * Brings the state up to everything committed so far; with {@code replay}, reads again what
         * it did not keep, taking what {@link #taking} now accepts. Completes once done.
         */
        CompletableFuture<Void> catchUp(boolean replay);

        /** Forgets what it keeps of these partitions' exporters; {@link #keeps} no longer accepts them. */
        CompletableFuture<Void> drop(Set<Integer> partitions);
    }

    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    /** Partitions whose exporters' state is kept here: the last assignment's, once caught up. */
    private final Set<Integer> held = ConcurrentHashMap.newKeySet();
    /** Partitions being taken over: their state is being read. */
    private final Set<Integer> taking = ConcurrentHashMap.newKeySet();
    private final List<PartitionState> states = new CopyOnWriteArrayList<>();
    private final Event<ExportersAssigned> assigned;
    private final String routedTopic;
    private volatile ToIntFunction<String> partitionCount = topic -> 0;
    private volatile int routedPartitions;

    public PartitionOwnership(Event<ExportersAssigned> assigned, ScreeningConfig config) {
        this.assigned = assigned;
        this.routedTopic = config.topic(Topics.ORDERS_BY_EXPORTER);
    }

    /** How to learn a topic's partition count (the pipeline's consumer), set before it subscribes. */
    public void partitionCounts(ToIntFunction<String> partitionCount) {
        this.partitionCount = partitionCount;
    }

    /** Registers a state kept per owned partition; before the pipeline subscribes. */
    public void register(PartitionState state) {
        states.add(state);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        // the eager protocol (the range assignor) hands over the whole assignment: what is not in it is not ours
        Set<Integer> now = new TreeSet<>();
        partitions.stream().filter(tp -> tp.topic().equals(routedTopic)).forEach(tp -> now.add(tp.partition()));
        if (now.isEmpty()) {
            drop(new TreeSet<>(held)); // more instances than partitions: this one keeps nothing
            return;
        }
        int count = partitionCount.applyAsInt(routedTopic);
        if (routedPartitions != 0 && count != routedPartitions) {
            // partitions added: exporters moved between partitions, so nothing kept is known to be ours
            drop(new TreeSet<>(held));
        }
        routedPartitions = count;
        Set<Integer> gone = new TreeSet<>(held);
        gone.removeAll(now);
        drop(gone);
        Set<Integer> taken = new TreeSet<>(now);
        taken.removeAll(held);
        taking.addAll(taken);
        long started = System.nanoTime();
        CompletableFuture.allOf(states.stream().map(s -> s.catchUp(!taken.isEmpty())).toArray(CompletableFuture[]::new)).join();
        held.addAll(taken);
        taking.clear();
        owned.addAll(now);
        LOG.infof("screening the exporters of partitions %s of %s (state of %s read in %d ms, of %s dropped)", owned, routedTopic,
                taken, (System.nanoTime() - started) / 1_000_000, gone);
        assigned.fireAsync(new ExportersAssigned(Set.copyOf(now)));
    }

    private void drop(Set<Integer> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        held.removeAll(partitions); // readers stop keeping them first, then what was kept goes
        CompletableFuture.allOf(states.stream().map(s -> s.drop(java.util.Collections.unmodifiableSet(new TreeSet<>(partitions)))).toArray(CompletableFuture[]::new)).join();
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
        int p = partitionOf(exporterId);
        return p >= 0 && owned.contains(p);
    }

    /** True when this exporter's state is kept here: owned, or being taken over. */
    public boolean keeps(String exporterId) {
        int p = partitionOf(exporterId);
        return p >= 0 && (held.contains(p) || taking.contains(p));
    }

    /** True when this exporter's partition is being taken over: a replayed record of it is taken. */
    public boolean taking(String exporterId) {
        int p = partitionOf(exporterId);
        return p >= 0 && taking.contains(p);
    }

    /** The exporter's partition of the routed topic, or -1 before the first assignment. */
    public int partitionOf(String exporterId) {
        return partitionOfHash(exporterHash(exporterId));
    }

    /** The partition of an exporter of this {@link #exporterHash}, or -1 before the first assignment. */
    public int partitionOfHash(int exporterHash) {
        int n = routedPartitions;
        return n == 0 ? -1 : exporterHash % n;
    }

    /** Kafka's default partitioner on the exporter id, before the partition count. */
    public static int exporterHash(String exporterId) {
        return Utils.toPositive(Utils.murmur2(exporterId.getBytes(StandardCharsets.UTF_8)));
    }
}

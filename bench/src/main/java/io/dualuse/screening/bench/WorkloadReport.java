package io.dualuse.screening.bench;

import io.dualuse.screening.core.classification.CatalogIndex;
import io.dualuse.screening.core.classification.Classifier;
import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.decision.DecisionStatus;
import io.dualuse.screening.core.decision.Reason;
import io.dualuse.screening.core.order.Order;
import io.dualuse.screening.core.order.OrderLine;
import io.dualuse.screening.core.screening.Screener;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.wire.AvroCodec;
import io.dualuse.screening.wire.DecisionEvents;
import io.dualuse.screening.wire.PackedBytes;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.MemoryRecords;
import org.apache.kafka.common.record.MemoryRecordsBuilder;
import org.apache.kafka.common.record.TimestampType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints what the benchmark pool contains, so the numbers can be judged against the mix:
 * {@code java -cp bench/target/benchmarks.jar io.dualuse.screening.bench.WorkloadReport [orders] [controlledShare]}.
 */
public final class WorkloadReport {

    private WorkloadReport() {
    }

    /** records per producer batch: a 500-record poll's decisions spread over a few partitions */
    private static final int BATCH = 25;

    /** What the codec packs the decisions to as the producer writes them: record batches of {@link #BATCH}. */
    private static long batched(List<byte[]> values, Compression compression) {
        long bytes = 0;
        for (int from = 0; from < values.size(); from += BATCH) {
            MemoryRecordsBuilder b = MemoryRecords.builder(ByteBuffer.allocate(1 << 20), compression, TimestampType.CREATE_TIME, 0);
            for (byte[] v : values.subList(from, Math.min(values.size(), from + BATCH))) {
                b.append(System.currentTimeMillis(), null, v);
            }
            bytes += b.build().sizeInBytes();
        }
        return bytes / values.size();
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1024;
        double share = args.length > 1 ? Double.parseDouble(args[1]) : 0.30;
        Workload w = Workload.generate(n, share);
        Screener screener = w.screener();
        Classifier classifier = new Classifier(new CatalogIndex(w.ruleset()));
        Map<String, Integer> classification = new TreeMap<>();
        Map<String, Integer> status = new TreeMap<>();
        Map<String, Integer> reasons = new TreeMap<>();
        Map<String, Integer> destinations = new TreeMap<>();
        Map<String, Integer> endUsers = new TreeMap<>();
        long reasonCount = 0;
        long orderBytes = 0;
        long decisionBytes = 0;
        long heldPacked = 0;
        long held = 0;
        List<byte[]> decisions = new ArrayList<>();
        for (OrderEvent e : w.events()) {
            orderBytes += AvroCodec.instance().encode(e).length;
        }
        int index = 0;
        for (Order o : w.orders()) {
            OrderEvent event = w.events().get(index++);
            for (OrderLine l : o.lines()) {
                classification.merge(classifier.classify(l, o.exportDate()).status().name(), 1, Integer::sum);
            }
            Decision d = screener.screen(o, w.licenses());
            status.merge(d.status().name(), 1, Integer::sum);
            for (Reason r : d.reasons()) {
                reasons.merge(r.code().name(), 1, Integer::sum);
            }
            reasonCount += d.reasons().size();
            byte[] encodedDecision = AvroCodec.instance().encode(DecisionEvents.toEvent(d));
            decisionBytes += encodedDecision.length;
            decisions.add(encodedDecision);
            if (d.status() != DecisionStatus.RELEASE) {
                held++;
                heldPacked += PackedBytes.pack(
                        AvroCodec.instance().encode(event), encodedDecision).length;
            }
            destinations.merge(o.shipFrom() + "->" + o.finalDestination(), 1, Integer::sum);
            endUsers.merge(o.endUser().type() == null ? "UNKNOWN" : o.endUser().type().name(), 1, Integer::sum);
        }
        System.out.printf("orders %d, lines %d, mean %.3f lines/order, %.2f reasons/order, %d licences%n",
                n, w.totalLines(), w.meanLinesPerOrder(), (double) reasonCount / n, w.licenses().all().size());
        System.out.printf("encoded (Avro single-object): order %d bytes, decision %d bytes on average%n",
                orderBytes / n, decisionBytes / n);
        System.out.printf("held orders: %d; order and decision lz4-packed as kept in memory: %d bytes on average%n",
                held, held == 0 ? 0 : heldPacked / held);
        System.out.println("decision bytes per record in Kafka batches of " + BATCH + " (record overhead included): "
                + batched(decisions, Compression.NONE) + " uncompressed, " + batched(decisions, Compression.lz4().build())
                + " lz4, " + batched(decisions, Compression.snappy().build()) + " snappy, "
                + batched(decisions, Compression.zstd().build()) + " zstd");
        System.out.println("line classification: " + classification);
        System.out.println("order status:        " + status);
        System.out.println("routes:              " + destinations);
        System.out.println("end-user types:      " + endUsers);
        System.out.println("reason codes:        " + reasons);
    }
}

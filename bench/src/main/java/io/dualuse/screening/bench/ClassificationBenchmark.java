package io.dualuse.screening.bench;

import io.dualuse.screening.core.classification.CatalogIndex;
import io.dualuse.screening.core.classification.Classification;
import io.dualuse.screening.core.classification.Classifier;
import io.dualuse.screening.core.order.Order;
import io.dualuse.screening.core.order.OrderLine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Classification of single order lines ({@code Classifier.classify(line, exportDate)} over the
 * {@link CatalogIndex} of the seed ruleset): the per-line step of screening before measures and
 * licences. One operation = one line. {@code kind}: the lines of the realistic pool ({@code mixed}),
 * only its uncontrolled lines, or only its controlled / possibly-controlled lines. {@code remembered}:
 * the classifier's default memory of classified products (the pool repeats its products, as order
 * streams do), or none, every line classified anew (a stream of products never seen before).
 * Each operation gives the classifier a line with strings of its own, as the pipeline's decoder
 * does: the pool's lines share their strings, whose hash codes would otherwise be free.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class ClassificationBenchmark {

    @Param({"mixed", "uncontrolled", "controlled"})
    public String kind;

    @Param({"20000", "0"})
    public int remembered;

    private Classifier classifier;
    private OrderLine[] lines;
    private LocalDate[] dates;
    private int mask;
    private int cursor;

    @Setup
    public void setUp() {
        Workload w = Workload.generate(1024, 0.30);
        classifier = new Classifier(new CatalogIndex(w.ruleset()), remembered);
        List<OrderLine> picked = new ArrayList<>();
        List<LocalDate> pickedDates = new ArrayList<>();
        for (Order o : w.orders()) {
            for (OrderLine l : o.lines()) {
                boolean dualUse = classifier.classify(l, o.exportDate()).dualUse();
                if (kind.equals("mixed") || (kind.equals("controlled") == dualUse)) {
                    picked.add(l);
                    pickedDates.add(o.exportDate());
                }
            }
        }
        int n = Integer.highestOneBit(picked.size()); // a power of two, for the wrap-around mask
        lines = picked.subList(0, n).toArray(OrderLine[]::new);
        dates = pickedDates.subList(0, n).toArray(LocalDate[]::new);
        mask = n - 1;
        System.out.printf("%n[workload] %s: %d lines in the pool%n", kind, n);
    }

    @Benchmark
    public Classification classify() {
        int i = cursor++ & mask;
        return classifier.classify(decoded(lines[i]), dates[i]);
    }

    /** The line as the decoder hands it over: new strings, from bytes. */
    private static OrderLine decoded(OrderLine l) {
        return new OrderLine(l.lineNo(), l.sku(), fresh(l.description()), fresh(l.commodityCode()),
                fresh(l.controlNumber()), l.originCountry(), l.quantity(), l.unit(), l.composition());
    }

    private static String fresh(String s) {
        return s == null ? null : new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}

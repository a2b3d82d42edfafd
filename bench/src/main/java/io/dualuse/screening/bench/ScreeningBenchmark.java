package io.dualuse.screening.bench;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.license.LicenseRegistry;
import io.dualuse.screening.core.order.Order;
import io.dualuse.screening.core.screening.Screener;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Throughput of the screening core, {@code Screener.screen(order, licences)}, on one thread, over a
 * pre-generated pool of realistic orders (see {@link Workload}) screened round-robin against the
 * shipped ruleset (the whole catalog) and, in the same run, its hand-curated part alone, with a
 * 200-licence in-memory registry.
 *
 * <p>The primary score is ORDERS per second. The secondary score {@code lines} (an
 * {@link AuxCounters} counter, reported by JMH with its own error) is ORDER LINES per second: the sum of
 * the lines of the orders screened, divided by the measured time. That is the number to hold against
 * the target of 1,000,000 lines/s on one core. The pool's mean lines per order is printed at setup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class ScreeningBenchmark {

    /** Number of orders in the pool; a power of two so the cursor wraps with a mask. */
    @Param("1024")
    public int poolSize;

    /** Share of lines carrying a controlled or possibly-controlled code. */
    @Param("0.30")
    public double controlledShare;

    /** Exporters in the licence registry, 5 licences each: 40 gives a 200-licence registry. */
    @Param("40")
    public int exporters;

    /** "full": the shipped ruleset, the whole 2026 catalog; "curated": its hand-curated part alone. */
    @Param({"full", "curated"})
    public String ruleset;

    private Screener screener;
    private LicenseRegistry licenses;
    private Order[] pool;
    private int[] lineCounts;
    private int mask;
    private int cursor;

    /** Lines screened, reported by JMH as lines per second next to the orders-per-second score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class LineCounter {
        public long lines;

        @Setup(Level.Iteration)
        public void reset() {
            lines = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        if (Integer.bitCount(poolSize) != 1) {
            throw new IllegalArgumentException("poolSize must be a power of two, got " + poolSize);
        }
        Workload w = Workload.generate(poolSize, 1, 20, controlledShare, exporters, ruleset);
        screener = w.screener();
        licenses = w.licenses();
        pool = w.orders().toArray(Order[]::new);
        lineCounts = new int[pool.length];
        for (int i = 0; i < pool.length; i++) {
            lineCounts[i] = pool[i].lines().size();
        }
        mask = pool.length - 1;
        System.out.printf("%n[workload] %d orders, %d lines, mean %.3f lines/order, controlled share %.2f,"
                        + " %d licences%n", pool.length, w.totalLines(), w.meanLinesPerOrder(),
                controlledShare, w.licenses().all().size());
    }

    @Benchmark
    public Decision screen(LineCounter counter) {
        int i = cursor++ & mask;
        counter.lines += lineCounts[i];
        return screener.screen(pool[i], licenses);
    }
}

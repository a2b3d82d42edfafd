package io.dualuse.screening.bench;

import io.dualuse.screening.decision.DecisionEvents;
import io.dualuse.screening.decision.Screener;
import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.wire.AvroCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * WHAT-IF EXPERIMENT, not part of the default run (run-jmh.sh excludes it unless EXPERIMENTS=1):
 * the records of {@link SerdeBenchmark}, encoded and decoded with {@link BufferedSingleObjectCodec}
 * (buffered encoder, array-backed decoder) instead of {@code AvroCodec}, to size the gain of changing
 * {@code AvroCodec} that way. Compare with {@code SerdeBenchmark.encode*}/{@code decode*}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class SerdeExperimentBenchmark {

    private final BufferedSingleObjectCodec<OrderEvent> orders = new BufferedSingleObjectCodec<>(OrderEvent.class);
    private final BufferedSingleObjectCodec<ScreeningDecision> decisions =
            new BufferedSingleObjectCodec<>(ScreeningDecision.class);

    private OrderEvent orderEvent;
    private byte[] orderBytes;
    private ScreeningDecision decisionEvent;
    private byte[] decisionBytes;

    @Setup
    public void setUp() {
        SerdeBenchmark same = new SerdeBenchmark();
        same.setUp();
        orderEvent = same.orderEvent();
        decisionEvent = same.decisionEvent();
        AvroCodec codec = AvroCodec.instance();
        orderBytes = codec.encode(orderEvent);
        decisionBytes = codec.encode(decisionEvent);
        // the experiment only counts if it produces and reads exactly what the service does
        check(Arrays.equals(orders.encode(orderEvent), orderBytes), "OrderEvent bytes differ from AvroCodec's");
        check(Arrays.equals(decisions.encode(decisionEvent), decisionBytes), "ScreeningDecision bytes differ from AvroCodec's");
        check(orders.decode(orderBytes).equals(orderEvent), "OrderEvent decodes differently");
        check(decisions.decode(decisionBytes).equals(decisionEvent), "ScreeningDecision decodes differently");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    @Benchmark
    public byte[] encodeOrderEventBuffered() {
        return orders.encode(orderEvent);
    }

    @Benchmark
    public OrderEvent decodeOrderEventFromArray() {
        return orders.decode(orderBytes);
    }

    @Benchmark
    public byte[] encodeDecisionBuffered() {
        return decisions.encode(decisionEvent);
    }

    @Benchmark
    public ScreeningDecision decodeDecisionFromArray() {
        return decisions.decode(decisionBytes);
    }
}

package io.dualuse.screening.bench;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.license.LicenseRegistry;
import io.dualuse.screening.core.order.Order;
import io.dualuse.screening.core.screening.Screener;
import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.wire.AvroCodec;
import io.dualuse.screening.wire.DecisionEvents;
import io.dualuse.screening.wire.OrderEvents;
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

import java.util.concurrent.TimeUnit;

/**
 * The wire side of one message, on one thread: Avro single-object encoding and decoding
 * ({@link AvroCodec}) of a realistic 5-line {@link OrderEvent} and of the {@link ScreeningDecision}
 * screening it produces, the mappings between the Avro records and the core model
 * ({@link OrderEvents#toOrder}, {@link DecisionEvents#toEvent}), and the whole per-message path
 * (decode, map, screen, map, encode) for comparison with the screening core alone.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class SerdeBenchmark {

    private final AvroCodec codec = AvroCodec.instance();

    private OrderEvent orderEvent;
    private byte[] orderBytes;
    private Decision decision;
    private ScreeningDecision decisionEvent;
    private byte[] decisionBytes;
    private Screener screener;
    private LicenseRegistry licenses;

    @Setup
    public void setUp() {
        // 5-line orders from the same generator; take the first one that has controlled lines, so the
        // decision carries the usual mix of NOT_CONTROLLED, LICENSE_REQUIRED/LICENSED and review reasons
        Workload w = Workload.generate(64, 5, 5, 0.30);
        screener = w.screener();
        licenses = w.licenses();
        int pick = 0;
        for (int i = 0; i < w.orders().size(); i++) {
            Decision d = screener.screen(w.orders().get(i), licenses);
            long lineReasons = d.reasons().stream().filter(r -> r.lineNo() != null).count();
            if (w.events().get(i).getShipFrom().equals("CN") && lineReasons > 5
                    && d.reasons().stream().anyMatch(r -> r.code().name().equals("NOT_CONTROLLED"))) {
                pick = i;
                break;
            }
        }
        orderEvent = w.events().get(pick);
        orderBytes = codec.encode(orderEvent);
        decision = screener.screen(w.orders().get(pick), licenses);
        decisionEvent = DecisionEvents.toEvent(decision);
        decisionBytes = codec.encode(decisionEvent);
        System.out.printf("%n[workload] OrderEvent %s: %d lines, %d bytes; ScreeningDecision %s: %d reasons, %d bytes%n",
                orderEvent.getOrderId(), orderEvent.getLines().size(), orderBytes.length,
                decision.status(), decision.reasons().size(), decisionBytes.length);
    }

    OrderEvent orderEvent() {
        return orderEvent;
    }

    ScreeningDecision decisionEvent() {
        return decisionEvent;
    }

    @Benchmark
    public byte[] encodeOrderEvent() {
        return codec.encode(orderEvent);
    }

    @Benchmark
    public OrderEvent decodeOrderEvent() {
        return codec.decode(orderBytes, OrderEvent.class);
    }

    @Benchmark
    public Order orderEventToOrder() {
        return OrderEvents.toOrder(orderEvent);
    }

    @Benchmark
    public ScreeningDecision decisionToEvent() {
        return DecisionEvents.toEvent(decision);
    }

    @Benchmark
    public byte[] encodeDecision() {
        return codec.encode(decisionEvent);
    }

    @Benchmark
    public ScreeningDecision decodeDecision() {
        return codec.decode(decisionBytes, ScreeningDecision.class);
    }

    /** One message end to end, without Kafka: bytes in, decision bytes out. */
    @Benchmark
    public byte[] decodeScreenEncode() {
        Order order = OrderEvents.toOrder(codec.decode(orderBytes, OrderEvent.class));
        return codec.encode(DecisionEvents.toEvent(screener.screen(order, licenses)));
    }
}

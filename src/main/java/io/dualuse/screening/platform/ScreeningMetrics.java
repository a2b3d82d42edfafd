package io.dualuse.screening.platform;

import io.dualuse.screening.core.decision.Decision;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What ops watch: decisions by status (hold rate), screening latency, and dead letters by reason.
 * Exposed on /q/metrics in Prometheus format.
 */
@ApplicationScoped
public class ScreeningMetrics {

    private final MeterRegistry registry;
    private final Timer latency;
    private final java.util.Map<io.dualuse.screening.core.decision.DecisionStatus, Counter> byStatus =
            new java.util.EnumMap<>(io.dualuse.screening.core.decision.DecisionStatus.class);

    public ScreeningMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("screening.latency")
                .description("Time from reading an order record to its decision")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(1))
                .register(registry);
        // one counter per status, looked up once: this runs for every order
        for (var status : io.dualuse.screening.core.decision.DecisionStatus.values()) {
            byStatus.put(status, Counter.builder("screening.decisions").description("Decisions by status")
                    .tag("status", status.name()).register(registry));
        }
    }

    public void screened(Decision decision, long nanos) {
        latency.record(nanos, TimeUnit.NANOSECONDS);
        byStatus.get(decision.status()).increment();
    }

    public void deadLettered(String code) {
        Counter.builder("screening.dead.letters").description("Order records sent to the dead-letter topic, by reason")
                .tag("code", code).register(registry).increment();
    }
}

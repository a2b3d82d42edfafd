package io.dualuse.screening.decision;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest decision this instance made per order. It answers {@code GET /api/v1/decisions/{id}}
 * and tells the pipeline whether an order version was already decided (re-delivery) or is older
 * than one already decided (late arrival). In memory: durable state is the holds-lifecycle issue.
 */
@ApplicationScoped
public class DecisionLog {

    private final Map<String, Decision> latest = new ConcurrentHashMap<>();

    public Optional<Decision> latest(String orderId) {
        return Optional.ofNullable(latest.get(orderId));
    }

    /** Puts back what {@link #latest} said before (undo of an aborted transaction). */
    public void restore(String orderId, Decision previous) {
        if (previous == null) {
            latest.remove(orderId);
        } else {
            latest.put(orderId, previous);
        }
    }

    /** Records a published decision unless a newer version is already recorded. */
    public void record(Decision d) {
        latest.merge(d.orderId(), d, (old, neu) -> neu.orderVersion() >= old.orderVersion() ? neu : old);
    }
}

package io.dualuse.screening.review;

import io.dualuse.screening.decision.Decision;
import io.dualuse.screening.order.Order;
import io.dualuse.screening.order.event.OrderEvent;

import java.time.Instant;
import java.util.List;

/**
 * An order waiting for compliance: the order (as received, to screen it again), the decision in
 * force, when it was first held, and what happened since.
 */
public record HeldOrder(Order order, OrderEvent event, Decision decision, Instant openedAt, List<HoldStep> history) {

    public HeldOrder {
        history = List.copyOf(history);
    }

    public String orderId() {
        return order.orderId();
    }
}

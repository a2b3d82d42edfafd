package io.dualuse.screening.state;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.decision.DecisionStatus;
import io.dualuse.screening.core.decision.Reason;
import io.dualuse.screening.core.decision.ReasonCode;
import io.dualuse.screening.core.order.Order;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.wire.AvroCodec;
import io.dualuse.screening.wire.DecisionEvents;
import io.dualuse.screening.wire.OrderEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static io.dualuse.screening.testing.TestOrders.civil;
import static io.dualuse.screening.testing.TestOrders.tShirts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Released orders come back, whole, until their export date; the oldest leave first, their bytes with them. */
class ReleasedOrdersTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-11-22");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T12:00:00Z"), ZoneOffset.UTC);

    private final DiskHoldPayloads store = DiskHoldPayloads.open(Optional.empty());

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aReleasedOrderComesBackWholeUntilItsExportDate() {
        ReleasedOrders released = new ReleasedOrders(store, 10, CLOCK);
        release(released, "R-SHIPPED", 1, "2026-11-21");
        release(released, "R-TODAY", 1, "2026-11-22");
        release(released, "R-LATER", 2, "2026-12-01");

        List<HeldOrder> due = released.notShippedAsOf(TODAY);

        assertThat(due).extracting(HeldOrder::orderId, HeldOrder::orderVersion, h -> h.decision().status(),
                        h -> h.order().exportDate())
                .containsExactly(tuple("R-TODAY", 1L, DecisionStatus.RELEASE, LocalDate.parse("2026-11-22")),
                        tuple("R-LATER", 2L, DecisionStatus.RELEASE, LocalDate.parse("2026-12-01")));
        assertThat(due.get(1).event().getLines()).extracting(l -> l.getCommodityCode()).containsExactly("6109100010");
        assertThat(released.size()).isEqualTo(2);
        assertThat(store.get("released/R-SHIPPED")).as("a shipped order's bytes are deleted").isNull();
    }

    @Test
    void theOldestReleaseLeavesFirstWithItsBytesAndANewVersionReplacesTheOld() {
        ReleasedOrders released = new ReleasedOrders(store, 2, CLOCK);
        release(released, "R-1", 1, "2026-12-01");
        release(released, "R-2", 1, "2026-12-01");
        release(released, "R-1", 2, "2026-12-01"); // amended: now the newest
        release(released, "R-3", 1, "2026-12-01");

        assertThat(released.isCurrent("R-1", 2)).isTrue();
        assertThat(released.isCurrent("R-1", 1)).isFalse();
        assertThat(released.isCurrent("R-2", 1)).isFalse();
        assertThat(store.get("released/R-2")).isNull();
        assertThat(released.notShippedAsOf(TODAY)).extracting(HeldOrder::orderId).containsExactly("R-1", "R-3");

        released.remove("R-3");
        assertThat(released.isCurrent("R-3", 1)).isFalse();
        assertThat(store.get("released/R-3")).isNull();
    }

    @Test
    void aReleasePushedOutBeforeItsExportDateIsCountedAsForgotten() {
        ReleasedOrders released = new ReleasedOrders(store, 2, CLOCK);
        release(released, "R-SHIPPED", 1, "2026-11-21");
        release(released, "R-1", 1, "2026-12-01");
        release(released, "R-2", 1, "2026-12-01");
        assertThat(released.forgotten()).as("the one pushed out had shipped").isZero();

        release(released, "R-3", 1, "2026-11-22");
        assertThat(released.forgotten()).as("R-1 ships on 2026-12-01").isEqualTo(1);
        assertThat(released.notShippedAsOf(TODAY)).extracting(HeldOrder::orderId).containsExactly("R-2", "R-3");
    }

    private static void release(ReleasedOrders released, String orderId, long version, String exportDate) {
        OrderEvent event = civil(orderId, "DE", tShirts(1)).setOrderVersion(version).setExportDate(exportDate).build();
        Order order = OrderEvents.toOrder(event);
        Decision decision = new Decision(orderId, version, DecisionStatus.RELEASE,
                List.of(new Reason(ReasonCode.NOT_CONTROLLED, 1, null, null, null, "not listed", List.of())),
                List.of(), "test", "hash", Instant.parse("2026-11-22T10:00:00Z"));
        released.put(order, new HeldOrder.Encoded(AvroCodec.instance().encode(event),
                AvroCodec.instance().encode(DecisionEvents.toEvent(decision))));
    }
}

package io.dualuse.screening.pipeline;

import io.dualuse.screening.decision.event.DecisionStatus;
import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.license.event.LedgerEntry;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.testing.KafkaBrokerResource;
import io.dualuse.screening.testing.TestLicences;
import io.dualuse.screening.testing.TestOrders;
import io.dualuse.screening.wire.AvroCodec;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.dualuse.screening.testing.KafkaTestClient.awaitRecords;
import static io.dualuse.screening.testing.KafkaTestClient.awaitValues;
import static io.dualuse.screening.testing.KafkaTestClient.send;
import static io.dualuse.screening.testing.Logins.ops;
import static io.dualuse.screening.testing.TestOrders.freshId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * The ledger stays bounded: the draw of an order exported more than 30 days ago is folded into its
 * licence's settled record and its own key tombstoned (the test profile settles every second),
 * while the licence's balance, and so "never overdrawn", stay exactly as they were.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class LedgerSettlementServiceTest {

    private static OrderEvent apt(String id, String exporter, String kg, String exportDate) {
        return TestOrders.aptToOsakaTools(id, exporter, kg).setExportDate(exportDate).build();
    }

    private static LedgerEntry entry(ConsumerRecord<String, byte[]> r) {
        return AvroCodec.instance().decode(r.value(), LedgerEntry.class);
    }

    @Test
    void theDrawOfAnOrderExportedLongAgoIsSettledAndTheBalanceStaysExact() {
        String exporter = freshId("EXP-SETTLE");
        String licence = freshId("LIC-SETTLE");
        TestLicences.registerAptToOsaka(licence, exporter);

        String shipped = freshId("SHIPPED-IN-JANUARY");
        send(Topics.ORDERS, shipped, apt(shipped, exporter, "400", "2026-01-10"));
        assertThat(awaitValues(Topics.RELEASES, shipped, 1, ScreeningDecision.class)).isNotEmpty();
        List<ConsumerRecord<String, byte[]>> draw = awaitRecords(Topics.LICENSE_LEDGER, licence + "/" + shipped, rs -> rs.size() == 2);
        assertThat(entry(draw.get(0))).satisfies(e -> {
            assertThat(e.getExportDate()).isEqualTo("2026-01-10");
            assertThat(new BigDecimal(e.getQuantity())).isEqualByComparingTo("0.4");
        });
        assertThat(draw.get(1).value()).as("tombstoned once settled").isNull();
        LedgerEntry settled = entry(awaitRecords(Topics.LICENSE_LEDGER, licence + "/", rs -> !rs.isEmpty()).get(0));
        assertThat(settled.getOrderId()).isEmpty();
        assertThat(settled.getOrderVersion()).isEqualTo(1);
        assertThat(new BigDecimal(settled.getQuantity())).isEqualByComparingTo("0.4");

        // an order shipping in 2030 still draws on its own key; the settled 0.4 t still counts
        String later = freshId("SHIPS-IN-2030");
        send(Topics.ORDERS, later, apt(later, exporter, "500", "2030-06-01"));
        assertThat(awaitValues(Topics.RELEASES, later, 1, ScreeningDecision.class)).isNotEmpty();
        ops().when().get("/api/v1/licenses/" + licence).then().statusCode(200).body("drawn", equalTo(0.9f));
        String tooMuch = freshId("ONE-TOO-MANY");
        send(Topics.ORDERS, tooMuch, apt(tooMuch, exporter, "200", "2030-06-01"));
        assertThat(awaitValues(Topics.HOLDS, tooMuch, 1, ScreeningDecision.class).get(0).getStatus()).isEqualTo(DecisionStatus.HOLD);
        assertThat(entry(awaitRecords(Topics.LICENSE_LEDGER, licence + "/" + later, rs -> !rs.isEmpty()).get(0)).getExportDate())
                .isEqualTo("2030-06-01");
        // an amendment that moves only the export date rewrites the draw: its new date says when it settles
        send(Topics.ORDERS, later, TestOrders.aptToOsakaTools(later, exporter, "500").setExportDate("2030-07-01").setOrderVersion(2).build());
        assertThat(entry(awaitRecords(Topics.LICENSE_LEDGER, licence + "/" + later, rs -> rs.size() == 2).get(1)))
                .satisfies(e -> {
                    assertThat(e.getExportDate()).isEqualTo("2030-07-01");
                    assertThat(e.getOrderVersion()).isEqualTo(2);
                    assertThat(new BigDecimal(e.getQuantity())).isEqualByComparingTo("0.5");
                });
    }
}

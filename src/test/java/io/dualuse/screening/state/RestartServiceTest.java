package io.dualuse.screening.state;

import io.dualuse.screening.decision.event.DecisionStatus;
import io.dualuse.screening.decision.event.Reason;
import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.license.event.LedgerEntry;
import io.dualuse.screening.license.event.LicenseRecord;
import io.dualuse.screening.license.event.LicenseStatus;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.order.event.Party;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.review.event.HoldEvent;
import io.dualuse.screening.review.event.HoldRecord;
import io.dualuse.screening.testing.Fixtures;
import io.dualuse.screening.testing.KafkaBrokerResource;
import io.dualuse.screening.testing.TestOrders;
import io.dualuse.screening.wire.AvroCodec;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.dualuse.screening.testing.KafkaTestClient.awaitRecords;
import static io.dualuse.screening.testing.KafkaTestClient.awaitValues;
import static io.dualuse.screening.testing.KafkaTestClient.send;
import static io.dualuse.screening.testing.Logins.ops;
import static io.dualuse.screening.testing.TestOrders.freshId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A new service instance (a separate Quarkus start, on the same broker) rebuilds its state from the
 * topics alone: the licences, what was drawn from them, and the open holds that an earlier instance
 * wrote there before it stopped.
 */
@QuarkusTest
@TestProfile(RestartServiceTest.NewInstance.class)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class RestartServiceTest {

    static final String EXPORTER = freshId("EXP-RESTART");
    static final String LICENSE = freshId("LIC-RESTART");
    static final String HELD = freshId("HELD-RESTART");
    static final String SETTLED_LICENSE = freshId("LIC-SETTLED");

    /** A profile of its own makes Quarkus start a fresh instance for this class. */
    public static class NewInstance implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PreviousInstanceState.class));
        }
    }

    /** Writes what an earlier instance would have left on the state topics, before this one starts. */
    public static class PreviousInstanceState implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            send(Topics.LICENSES, LICENSE, new LicenseRecord(LICENSE, EXPORTER, List.of("1C117.d"), List.of(), "DE",
                    "Stuttgart Hartmetall GmbH", "1", "T", "2026-01-01", "2026-12-31", LicenseStatus.ACTIVE, "officer"));
            send(Topics.LICENSE_LEDGER, LICENSE + "/ORDER-BEFORE-RESTART",
                    new LedgerEntry(LICENSE, "ORDER-BEFORE-RESTART", 1L, "0.4", "T", null));
            // a licence of its own, no other test draws: 0.1 t settled from three orders, and 0.3 t
            // drawn by an order exported in January, which the new instance settles at start
            send(Topics.LICENSES, SETTLED_LICENSE, new LicenseRecord(SETTLED_LICENSE, freshId("EXP-SETTLED"), List.of("1C117.d"),
                    List.of(), "DE", "Stuttgart Hartmetall GmbH", "1", "T", "2026-01-01", "2026-12-31", LicenseStatus.ACTIVE, "officer"));
            send(Topics.LICENSE_LEDGER, SETTLED_LICENSE + "/", new LedgerEntry(SETTLED_LICENSE, "", 3L, "0.1", "T", null));
            send(Topics.LICENSE_LEDGER, SETTLED_LICENSE + "/SHIPPED-IN-JANUARY",
                    new LedgerEntry(SETTLED_LICENSE, "SHIPPED-IN-JANUARY", 1L, "0.3", "T", "2026-01-05"));
            OrderEvent order = TestOrders.civil(HELD, "DE", TestOrders.apt(1, "50")).build();
            ScreeningDecision hold = ScreeningDecision.newBuilder().setOrderId(HELD).setOrderVersion(1)
                    .setStatus(DecisionStatus.HOLD)
                    .setReasons(List.of(new Reason("ENHANCED_REVIEW", DecisionStatus.HOLD, 1, "1C117.d", "TEST", "test", "review", List.of())))
                    .setLicenseAllocations(List.of()).setRulesetVersion("CN-DU-2026.12.05")
                    // decided with the ruleset in force: a hold decided with another one is screened again at start
                    .setRulesetHash(Fixtures.SEED_RULESET.contentHash())
                    .setDecidedAt(Instant.parse("2026-11-20T08:00:00Z")).build();
            send(Topics.HOLDS_STATE, HELD, new HoldRecord(HELD, order, hold, Instant.parse("2026-11-20T08:00:00Z"),
                    List.of(new HoldEvent(Instant.parse("2026-11-20T08:00:00Z"), "SCREENED", DecisionStatus.HOLD, null, null))));
            return Map.of();
        }

        @Override
        public void stop() {
        }
    }

    private static OrderEvent order(String id, String kg) {
        return TestOrders.civil(id, "DE", TestOrders.apt(1, kg))
                .setExporter(Party.newBuilder().setId(EXPORTER).setName("E").setCountry("CN").build())
                .setEndUser(Party.newBuilder().setName("Stuttgart Hartmetall").setCountry("DE").setType("COMMERCIAL").build())
                .build();
    }

    /** A new instance answers from its state once it has its partitions and has read their holds and draws. */
    @BeforeEach
    void partitionsRead() {
        io.dualuse.screening.testing.Readiness.awaitReady();
    }

    @Test
    void openHoldsAreRebuiltFromTheStateTopic() {
        ops().when().get("/api/v1/holds/" + HELD).then().statusCode(200)
                .body("summary.openedAt", equalTo("2026-11-20T08:00:00Z"))
                .body("history.kind", equalTo(List.of("SCREENED")))
                .body("summary.reasons", equalTo(List.of("ENHANCED_REVIEW")));
        ops().when().get("/api/v1/decisions/" + HELD).then().statusCode(200).body("status", equalTo("HOLD"));
    }

    @Test
    void anOrderExportedLongAgoIsSettledIntoTheLicencesSettledRecordAtStart() {
        List<LedgerEntry> settled = awaitRecords(Topics.LICENSE_LEDGER, SETTLED_LICENSE + "/",
                rs -> rs.stream().anyMatch(r -> AvroCodec.instance().decode(r.value(), LedgerEntry.class).getOrderVersion() == 4))
                .stream().map(r -> AvroCodec.instance().decode(r.value(), LedgerEntry.class)).toList();
        assertThat(settled).last().satisfies(e -> {
            assertThat(e.getOrderId()).isEmpty();
            assertThat(new java.math.BigDecimal(e.getQuantity())).isEqualByComparingTo("0.4");
            assertThat(e.getExportDate()).isNull();
        });
        assertThat(awaitRecords(Topics.LICENSE_LEDGER, SETTLED_LICENSE + "/SHIPPED-IN-JANUARY", rs -> rs.size() == 2).get(1).value())
                .as("the folded draw's tombstone").isNull();
        ops().when().get("/api/v1/licenses/" + SETTLED_LICENSE).then().statusCode(200).body("drawn", equalTo(0.4f));
    }

    @Test
    void licenceBalancesSurviveTheRestart() {
        ops().when().get("/api/v1/licenses/" + LICENSE).then().statusCode(200)
                .body("drawn", equalTo(0.4f)).body("remaining", equalTo(0.6f));

        String tooMuch = freshId("AFTER-RESTART-700");
        send(Topics.ORDERS, tooMuch, order(tooMuch, "700"));
        assertThat(awaitValues(Topics.HOLDS, tooMuch, 1, ScreeningDecision.class).get(0).getStatus())
                .isEqualTo(DecisionStatus.HOLD);

        String fits = freshId("AFTER-RESTART-600");
        send(Topics.ORDERS, fits, order(fits, "600"));
        assertThat(awaitValues(Topics.RELEASES, fits, 1, ScreeningDecision.class).get(0).getLicenseAllocations())
                .extracting(a -> a.getLicenseNumber() + " " + a.getQuantity()).containsExactly(LICENSE + " 0.6");
        ops().when().get("/api/v1/licenses/" + LICENSE).then().statusCode(200).body("remaining", equalTo(0));
    }
}

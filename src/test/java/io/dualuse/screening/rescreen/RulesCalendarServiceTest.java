package io.dualuse.screening.rescreen;

import io.dualuse.screening.decision.event.DecisionStatus;
import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.order.event.ElementContent;
import io.dualuse.screening.order.event.OrderLine;
import io.dualuse.screening.order.event.Party;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.testing.KafkaBrokerResource;
import io.dualuse.screening.testing.KafkaTestClient;
import io.dualuse.screening.testing.MovableClock;
import io.dualuse.screening.testing.TestOrders;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.dualuse.screening.testing.KafkaTestClient.awaitValues;
import static io.dualuse.screening.testing.KafkaTestClient.send;
import static io.dualuse.screening.testing.TestOrders.freshId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * When the calendar reaches a day on which the rules change by themselves (here: the end of the
 * No. 70 of 2025 suspension, so holmium items are controlled again from 2026-11-11), the open holds
 * are screened again with no restart and no new ruleset: an order held with an export date that has
 * passed is judged under the rules of the new day too. The clock is moved, not waited for.
 */
@QuarkusTest
@TestProfile(RulesCalendarServiceTest.MovingCalendar.class)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class RulesCalendarServiceTest {

    public static class MovingCalendar implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "test";
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(MovableClock.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            // the service's own defaults for past export dates, and holds of its own
            return Map.of("screening.export-date.max-past-days", "7",
                    "screening.topics.holds-state", KafkaTestClient.ownCompactedTopic("holds-state-calendar-test"));
        }
    }

    @Inject
    MovableClock clock;
    @Inject
    RulesCalendarWatch calendar;

    @Test
    void openHoldsAreScreenedAgainWhenASuspensionEndsAndTheirExportDateHasPassed() {
        clock.set("2026-11-09T12:00:00Z");
        calendar.look();
        String id = freshId("HOLMIUM-PAST-SUSPENSION");
        OrderLine holmiumOxide = OrderLine.newBuilder().setLineNo(2).setDescription("holmium oxide powder").setCommodityCode("2846909090")
                .setOriginCountry("CN").setQuantity("20").setUnit("KG")
                .setComposition(List.of(new ElementContent("Ho", "87.3"), new ElementContent("O", "12.7"))).build();
        send(Topics.ORDERS, id, TestOrders.civil(id, "DE", TestOrders.apt(1, "400"), holmiumOxide).setExportDate("2026-11-08")
                .setExporter(Party.newBuilder().setId(freshId("EXP-CALENDAR")).setName("Calendar Metals Co.").setCountry("CN").build())
                .build());
        ScreeningDecision held = awaitValues(Topics.HOLDS, id, 1, ScreeningDecision.class).get(0);
        assertThat(held.getStatus()).isEqualTo(DecisionStatus.HOLD);
        assertThat(held.getReasons()).extracting(r -> r.getCode(), r -> r.getLineNo(), r -> r.getControlNumber())
                .contains(tuple("LICENSE_REQUIRED", 1, "1C117.d.1"), tuple("CONTROL_SUSPENDED", 2, "1C909.b"))
                .doesNotContain(tuple("LICENSE_REQUIRED", 2, "1C909.b"));

        clock.set("2026-11-10T23:00:00Z");
        assertThat(calendar.look()).as("no rule changes on the 10th").isNull();
        clock.set("2026-11-11T06:00:00Z");
        assertThat(calendar.look()).isEqualTo(LocalDate.parse("2026-11-11"));

        ScreeningDecision again = awaitValues(Topics.HOLDS, id, 2, ScreeningDecision.class).get(1);
        assertThat(again.getStatus()).isEqualTo(DecisionStatus.HOLD);
        assertThat(again.getReasons()).filteredOn(r -> r.getLineNo() != null && r.getLineNo() == 2 && r.getCode().equals("LICENSE_REQUIRED"))
                .singleElement()
                .satisfies(r -> assertThat(r.getControlNumber()).isEqualTo("1C909.b"))
                .satisfies(r -> assertThat(r.getMessage()).contains("under the rules in force today (2026-11-11"));
        assertThat(calendar.look()).as("the same day again changes nothing").isNull();
    }
}

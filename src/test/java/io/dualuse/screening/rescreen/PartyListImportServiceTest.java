package io.dualuse.screening.rescreen;

import io.dualuse.screening.core.parties.PartyListLoader;
import io.dualuse.screening.decision.event.DecisionStatus;
import io.dualuse.screening.decision.event.Reason;
import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.order.event.Party;
import io.dualuse.screening.parties.event.PartyListVersion;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.testing.KafkaBrokerResource;
import io.dualuse.screening.testing.KafkaTestClient;
import io.dualuse.screening.testing.TestOrders;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.dualuse.screening.testing.KafkaTestClient.awaitValues;
import static io.dualuse.screening.testing.KafkaTestClient.send;
import static io.dualuse.screening.testing.Logins.officer;
import static io.dualuse.screening.testing.Logins.ops;
import static io.dualuse.screening.testing.TestOrders.freshId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

/**
 * An officer imports new party lists: they go to the party-list topic, this instance puts them in
 * force, and the open holds and released orders not yet shipped are screened again against them.
 * On its own party-list and hold-state topics: the other tests keep the shipped lists.
 */
@QuarkusTest
@TestProfile(PartyListImportServiceTest.OwnLists.class)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class PartyListImportServiceTest {

    public static class OwnLists implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "test";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("screening.topics.parties", partiesTopic(), "screening.topics.holds-state", holdsStateTopic(),
                    "screening.topics.party-findings", findingsTopic());
        }
    }

    private static String partiesTopic() {
        return KafkaTestClient.ownCompactedTopic("parties-import-test");
    }

    private static String findingsTopic() {
        return KafkaTestClient.ownCompactedTopic("party-findings-test");
    }

    private static String holdsStateTopic() {
        return KafkaTestClient.ownCompactedTopic("holds-state-parties-test");
    }

    private static String shipped() throws IOException {
        try (InputStream in = PartyListImportServiceTest.class.getClassLoader().getResourceAsStream("parties/cn-entity-lists.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static OrderEvent shirtsFor(String id, String endUser) {
        // export date in the future: a release is watched until it ships, whatever day the test runs
        return TestOrders.civil(id, "US", TestOrders.tShirts(1)).setExportDate("2030-06-03")
                .setEndUser(Party.newBuilder().setName(endUser).setCountry("US").setType("COMMERCIAL").build()).build();
    }

    @Test
    void importedListsAreInForceOnTheTopicAndReScreenWhatTheyAffect() throws IOException {
        // the shipped lists are on the topic, published by this instance at start
        String bundled = PartyListLoader.bundled().version();
        PartyListVersion first = awaitValues(partiesTopic(), bundled, 1, PartyListVersion.class).get(0);
        assertThat(first.getSource()).isEqualTo("bundled");
        assertThat(first.getCsv()).isEqualTo(shipped());
        ops().when().get("/api/v1/parties").then().statusCode(200).body("version", equalTo(first.getVersion()))
                .body("source", equalTo("bundled"));

        String possible = freshId("BOEING-DEFENSE");
        send(Topics.ORDERS, possible, shirtsFor(possible, "Boeing Defense"));
        ScreeningDecision held = awaitValues(Topics.HOLDS, possible, 1, ScreeningDecision.class).get(0);
        assertThat(held.getReasons()).extracting(Reason::getCode).contains("LISTED_PARTY_REVIEW");
        String unlisted = freshId("NORTHWIND");
        send(Topics.ORDERS, unlisted, shirtsFor(unlisted, "Northwind Test Foods Inc."));
        assertThat(awaitValues(Topics.RELEASES, unlisted, 1, ScreeningDecision.class)).isNotEmpty();

        // the new lists: without Boeing Defense, Space & Security (on the control list and the UEL), with a
        // (fictitious, test-only) UEL entry
        String csv = shipped();
        String fictitious = "UEL-TEST-01,unreliable,\"test list, not MOFCOM's\",2026-01-01,2026-01-01,IN_FORCE,,,"
                + "\"Northwind Test Foods Inc.\",,,US,\"test\",false,\"fictitious test entry\",test\n";
        String next = csv.lines().filter(l -> !l.contains("Boeing Defense, Space & Security")).map(l -> l + "\n")
                .collect(Collectors.joining()) + fictitious;

        ops().contentType("text/csv; charset=UTF-8").body(next).when().post("/api/v1/parties").then().statusCode(403);
        officer().contentType("text/csv; charset=UTF-8").body(next.replace(",2026-01-01,2026-01-01,", ",2026-13-01,2026-01-01,"))
                .when().post("/api/v1/parties").then().statusCode(400)
                .body("violations.field", hasItem(startsWith("line ")));
        ops().when().get("/api/v1/parties").then().body("version", equalTo(first.getVersion()));

        String version = officer().contentType("text/csv; charset=UTF-8").body(next).when().post("/api/v1/parties").then().statusCode(200)
                .body("counts.ADDED", equalTo(1))
                .body("counts.REMOVED", equalTo(2))
                .body("counts.UNCHANGED", equalTo(272))
                .body("rescreened", greaterThanOrEqualTo(2))
                .extract().path("version");

        PartyListVersion published = awaitValues(partiesTopic(), version, 1, PartyListVersion.class).get(0);
        assertThat(published.getSource()).isEqualTo("import");
        assertThat(published.getPublishedBy()).isEqualTo("officer");
        ops().when().get("/api/v1/parties").then().statusCode(200).body("version", equalTo(version))
                .body("source", equalTo("import")).body("entries", equalTo(273));
        assertThat(ops().when().get("/api/v1/parties/export").then().statusCode(200).extract().asString()).isEqualTo(next);

        // re-screened: the possible match is gone, the newly listed end user is rejected
        List<ScreeningDecision> released = awaitValues(Topics.RELEASES, possible, 1, ScreeningDecision.class);
        assertThat(released.get(released.size() - 1).getStatus()).isEqualTo(DecisionStatus.RELEASE);
        List<ScreeningDecision> rejected = awaitValues(Topics.HOLDS, unlisted, 1, ScreeningDecision.class);
        assertThat(rejected.get(rejected.size() - 1).getStatus()).isEqualTo(DecisionStatus.REJECT);
        assertThat(rejected.get(rejected.size() - 1).getReasons().stream().map(Reason::getCode).collect(Collectors.toList()))
                .contains("UNRELIABLE_ENTITY");
    }

    @Test
    void anOfficersFindingReleasesAPossibleMatchAndIsCitedThenWithdrawn() {
        // "Summit Foods Inc." may be "Summit Technologies Inc." of the UEL (2025): held for review, whatever the goods
        String id = freshId("SUMMIT-FOODS");
        send(Topics.ORDERS, id, shirtsFor(id, "Summit Foods Inc."));
        ScreeningDecision held = awaitValues(Topics.HOLDS, id, 1, ScreeningDecision.class).get(0);
        Reason review = held.getReasons().stream().filter(r -> r.getCode().equals("LISTED_PARTY_REVIEW")).findFirst().orElseThrow();
        String entry = review.getMeasureId();

        ops().contentType("application/json").body(Map.of("entryId", entry, "partyName", "Summit Foods Inc.", "reason", "x"))
                .when().post("/api/v1/parties/findings").then().statusCode(403);
        officer().contentType("application/json").body(Map.of("entryId", "NO-SUCH-ENTRY", "partyName", "Summit Foods Inc.", "reason", ""))
                .when().post("/api/v1/parties/findings").then().statusCode(400)
                .body("violations.field", hasItem("entryId")).body("violations.field", hasItem("reason"));
        officer().contentType("application/json").body(Map.of("entryId", entry, "partyName", "Bavaria Motors GmbH", "reason", "not it"))
                .when().post("/api/v1/parties/findings").then().statusCode(400).body("violations.field", hasItem("partyName"));

        officer().contentType("application/json").body(Map.of("entryId", entry, "partyName", "Summit Foods Inc.",
                        "reason", "a food wholesaler in Ohio, registry 123; not the defence contractor"))
                .when().post("/api/v1/parties/findings").then().statusCode(201).body("recordedBy", equalTo("officer"));
        assertThat(awaitValues(findingsTopic(), entry + "|" + io.dualuse.screening.core.parties.PartyNames.of("Summit Foods Inc.").key(), 1,
                io.dualuse.screening.parties.event.PartyFinding.class).get(0).getRecordedBy()).isEqualTo("officer");

        // the hold is re-screened and released, citing the finding
        ScreeningDecision released = awaitValues(Topics.RELEASES, id, 1, ScreeningDecision.class).get(0);
        assertThat(released.getReasons()).extracting(Reason::getCode).contains("PARTY_NOT_LISTED").doesNotContain("LISTED_PARTY_REVIEW");
        // the same name in another spelling is not held again for that entry
        String again = freshId("SUMMIT-FOODS-AGAIN");
        send(Topics.ORDERS, again, shirtsFor(again, "SUMMIT FOODS, INC"));
        assertThat(awaitValues(Topics.RELEASES, again, 1, ScreeningDecision.class).get(0).getStatus()).isEqualTo(DecisionStatus.RELEASE);
        ops().when().get("/api/v1/parties/findings").then().statusCode(200).body("entryId", hasItem(entry));

        // withdrawn: the released orders not yet shipped are held again
        officer().queryParam("entryId", entry).queryParam("partyName", "Summit Foods Inc.").when().delete("/api/v1/parties/findings")
                .then().statusCode(204);
        List<ScreeningDecision> reheld = awaitValues(Topics.HOLDS, again, 1, ScreeningDecision.class);
        assertThat(reheld.get(reheld.size() - 1).getStatus()).isEqualTo(DecisionStatus.HOLD);
        officer().queryParam("entryId", entry).queryParam("partyName", "Summit Foods Inc.").when().delete("/api/v1/parties/findings")
                .then().statusCode(404);
    }
}

package io.dualuse.screening.core.screening;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.decision.DecisionStatus;
import io.dualuse.screening.core.decision.Evidence;
import io.dualuse.screening.core.decision.Reason;
import io.dualuse.screening.core.decision.ReasonCode;
import io.dualuse.screening.core.license.InMemoryLicenseRegistry;
import io.dualuse.screening.core.license.License;
import io.dualuse.screening.core.license.LicenseStatus;
import io.dualuse.screening.core.order.EndUserType;
import io.dualuse.screening.core.order.Order;
import io.dualuse.screening.core.order.OrderLine;
import io.dualuse.screening.core.parties.PartyFindings;
import io.dualuse.screening.core.parties.PartyListLoader;
import io.dualuse.screening.core.parties.PartyNames;
import io.dualuse.screening.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static io.dualuse.screening.testing.Fixtures.order;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parties against MOFCOM's lists (rules/cn-control-lists/SOURCE.md): the export control list
 * prohibits dual-use exports to a listed entity, the watch list holds them for verification, the
 * Unreliable Entity List prohibits any China-related trade, each from its announcement's date,
 * whatever the order says its end user is.
 */
class PartyScreeningTest {

    private final Screener screener = new Screener(Fixtures.SEED_RULESET, ScreeningPolicy.defaults().asOfExportDate(),
            Fixtures.TODAY, PartyListLoader.bundled());
    private final InMemoryLicenseRegistry licenses = new InMemoryLicenseRegistry();


    private static OrderLine gallium() {
        return new OrderLine(1, "GA-6N", "gallium metal 6N", "8112929090", "3C001.a", "CN", new BigDecimal("20"), "KG", List.of());
    }

    private static OrderLine tShirts() {
        return Fixtures.line(1, "cotton T-shirts", "6109100000", "500", "PCS");
    }

    private Decision screen(Fixtures.OrderBuilder b) {
        Order o = b.build();
        // a licence for this destination and end user covers the gallium: without the lists, these orders RELEASE
        String number = "L-GA-" + Math.abs(o.endUser().name().hashCode()) + "-" + o.finalDestination();
        licenses.put(new License(number, "EXP-001", Set.of("3C001.a"), Set.of(), o.finalDestination(), o.endUser().name(),
                new BigDecimal("1000"), "KG", LocalDate.parse("2023-01-01"), LocalDate.parse("2026-12-31"), LicenseStatus.ACTIVE));
        return screener.screen(new Order(o.orderId(), o.orderVersion(), o.exportDate(), o.exporter(), o.consignee(), o.endUser(),
                o.endUse(), o.intermediaries(), o.shipFrom(), o.shipTo(), o.finalDestination(), o.lines(), List.of(number)), licenses);
    }

    private static List<ReasonCode> codes(Decision d) {
        return d.reasons().stream().map(Reason::code).toList();
    }

    @Test
    void aDualUseLineForJaxaTypedCommercialIsRejectedFromTheDayOfNo11Of2026() {
        Fixtures.OrderBuilder o = order().to("JP").endUser("Japan Aerospace Exploration Agency", EndUserType.COMMERCIAL)
                .line(gallium());
        Decision after = screen(o.exportDate("2026-02-24"));
        assertThat(after.status()).isEqualTo(DecisionStatus.REJECT);
        Reason r = after.reasons().stream().filter(x -> x.code() == ReasonCode.PROHIBITED).findFirst().orElseThrow();
        assertThat(r.measureId()).startsWith("CTRL-20260224-");
        assertThat(r.legalBasis()).contains("Export Control Law").contains("2026年第11号");
        assertThat(r.evidence()).extracting(Evidence::name).contains("partyName", "listedName", "score", "listEntry");
        assertThat(r.evidence()).contains(Evidence.of("partyName", "Japan Aerospace Exploration Agency"));

        Decision before = screen(o.exportDate("2026-02-23"));
        assertThat(codes(before)).doesNotContain(ReasonCode.PROHIBITED, ReasonCode.LISTED_PARTY_REVIEW);
        assertThat(before.status()).isEqualTo(DecisionStatus.RELEASE);
    }

    @Test
    void theListedEntityIsFoundInOtherScriptsAndAsConsigneeOrIntermediary() {
        for (String name : List.of("宇宙航空研究開発機構", "国立研究開発法人 宇宙航空研究開発機構", "日本宇宙航空研究开发机构", "JAXA", "ＪＡＸＡ")) {
            Decision d = screen(order().exportDate("2026-06-01").to("JP").endUser(name, EndUserType.GOVERNMENT).line(gallium()));
            assertThat(d.status()).as(name).isEqualTo(DecisionStatus.REJECT);
        }
        Decision consignee = screen(order().exportDate("2026-06-01").to("JP").consignee("JAXA").line(gallium()));
        assertThat(consignee.status()).isEqualTo(DecisionStatus.REJECT);
        Decision forwarder = screen(order().exportDate("2026-06-01").to("JP").intermediary("JAXA", "JP").line(gallium()));
        assertThat(forwarder.status()).isEqualTo(DecisionStatus.REJECT);
    }

    @Test
    void aUsRareEarthProducerOnNo23Of2026IsRejectedForDualUseButNotForTShirts() {
        Fixtures.OrderBuilder o = order().exportDate("2026-07-01").to("US").endUser("MP Materials Corp.", EndUserType.GOVERNMENT);
        assertThat(codes(screen(o.line(gallium())))).contains(ReasonCode.PROHIBITED);
        Decision shirts = screen(order().exportDate("2026-07-01").to("US").endUser("MP Materials Corp.", EndUserType.COMMERCIAL)
                .line(tShirts()));
        assertThat(shirts.status()).isEqualTo(DecisionStatus.RELEASE);
    }

    @Test
    void theUnreliableEntityListRejectsAnyGoods() {
        Decision d = screen(order().exportDate("2026-03-02").to("US").endUser("Lockheed Martin Corporation", EndUserType.COMMERCIAL)
                .line(tShirts()));
        assertThat(d.status()).isEqualTo(DecisionStatus.REJECT);
        assertThat(codes(d)).contains(ReasonCode.UNRELIABLE_ENTITY);
        // listed 2023-02-16
        assertThat(screen(order().exportDate("2023-02-15").to("US").endUser("洛克希德·马丁公司", EndUserType.COMMERCIAL)
                .line(tShirts())).status()).isEqualTo(DecisionStatus.RELEASE);
        assertThat(screen(order().exportDate("2023-02-16").to("US").endUser("洛克希德·马丁公司", EndUserType.COMMERCIAL)
                .line(tShirts())).status()).isEqualTo(DecisionStatus.REJECT);
    }

    @Test
    void theWatchListHoldsDualUseLinesForVerificationOnly() {
        Decision d = screen(order().exportDate("2026-03-02").to("JP").endUser("株式会社SUBARU", EndUserType.COMMERCIAL).line(gallium()));
        assertThat(d.status()).isEqualTo(DecisionStatus.HOLD);
        assertThat(codes(d)).contains(ReasonCode.WATCH_LIST_PARTY);
        assertThat(screen(order().exportDate("2026-03-02").to("JP").endUser("SUBARU Corporation", EndUserType.COMMERCIAL)
                .line(tShirts())).status()).isEqualTo(DecisionStatus.RELEASE);
    }

    @Test
    void suspendedAndCeasedListingsAreReviewedNotDecided() {
        // No. 21 of 2025: suspended, status after 2026-11-10 not known
        Decision suspended = screen(order().exportDate("2026-03-02").to("US").endUser("High Point Aerotechnologies", EndUserType.COMMERCIAL)
                .line(gallium()));
        assertThat(suspended.status()).isEqualTo(DecisionStatus.HOLD);
        assertThat(codes(suspended)).contains(ReasonCode.LISTED_PARTY_REVIEW).doesNotContain(ReasonCode.PROHIBITED);
        // No. 22 of 2025: in force from 2025-04-10, ceased from 2025-08-12
        Fixtures.OrderBuilder echodyne = order().to("US").endUser("Echodyne Corp.", EndUserType.COMMERCIAL).line(gallium());
        assertThat(codes(screen(echodyne.exportDate("2025-08-11")))).contains(ReasonCode.PROHIBITED);
        Decision ceased = screen(echodyne.exportDate("2025-08-12"));
        assertThat(codes(ceased)).contains(ReasonCode.LISTED_PARTY_REVIEW).doesNotContain(ReasonCode.PROHIBITED);
        assertThat(codes(screen(echodyne.exportDate("2025-04-09")))).doesNotContain(ReasonCode.PROHIBITED, ReasonCode.LISTED_PARTY_REVIEW);
    }

    @Test
    void aPossibleMatchIsHeldWithItsScore() {
        // "Boeing Defense, Space & Security" is on the UEL (2024-05-20); "Boeing Defense" may be it, or not
        Decision d = screen(order().exportDate("2026-03-02").to("US").endUser("Boeing Defense", EndUserType.COMMERCIAL)
                .line(tShirts()));
        Reason r = d.reasons().stream().filter(x -> x.code() == ReasonCode.LISTED_PARTY_REVIEW).findFirst().orElseThrow();
        assertThat(d.status()).isEqualTo(DecisionStatus.HOLD);
        assertThat(r.evidence()).extracting(Evidence::name).contains("score", "listedName");
        assertThat(r.message()).contains("Boeing Defense, Space & Security");
        assertThat(codes(d)).doesNotContain(ReasonCode.UNRELIABLE_ENTITY);
    }

    @Test
    void unlistedPartiesAreNotHeld() {
        for (String name : List.of("Bavaria Motors GmbH", "Toyota Motor Corporation", "三菱電機株式会社", "General Mills, Inc.")) {
            Decision d = screen(order().exportDate("2026-03-02").to("JP").endUser(name, EndUserType.COMMERCIAL).line(gallium()));
            assertThat(codes(d)).as(name).doesNotContain(ReasonCode.LISTED_PARTY_REVIEW, ReasonCode.PROHIBITED,
                    ReasonCode.WATCH_LIST_PARTY, ReasonCode.UNRELIABLE_ENTITY);
        }
    }

    @Test
    void aFindingThatThePartyIsNotTheEntityReleasesAndIsCited() {
        String uel = PartyListLoader.bundled().screen("Boeing Defense", "US").stream()
                .filter(m -> m.entry().list() == io.dualuse.screening.core.parties.ListKind.UNRELIABLE).findFirst().orElseThrow().entry().id();
        PartyFindings found = (entryId, name) -> entryId.equals(uel) && PartyNames.of(name).key().equals(PartyNames.of("Boeing Defense").key())
                ? java.util.Optional.of(new PartyFindings.Finding(entryId, "Boeing Defense", "a different company", "officer",
                java.time.Instant.parse("2026-03-01T00:00:00Z")))
                : java.util.Optional.empty();
        Screener withFinding = new Screener(Fixtures.SEED_RULESET, ScreeningPolicy.defaults().asOfExportDate(), Fixtures.TODAY,
                PartyListLoader.bundled(), found);
        Decision d = withFinding.screen(order().exportDate("2026-03-02").to("US").endUser("BOEING DEFENSE", EndUserType.COMMERCIAL)
                .line(tShirts()).build(), licenses);
        assertThat(d.status()).isEqualTo(DecisionStatus.RELEASE);
        Reason r = d.reasons().stream().filter(x -> x.code() == ReasonCode.PARTY_NOT_LISTED).findFirst().orElseThrow();
        assertThat(r.message()).contains("a different company");
        assertThat(r.evidence()).contains(Evidence.of("findingBy", "officer"));
        // another name is screened as usual
        assertThat(withFinding.screen(order().exportDate("2026-03-02").to("US").endUser("Lockheed Martin", EndUserType.COMMERCIAL)
                .line(tShirts()).build(), licenses).status()).isEqualTo(DecisionStatus.REJECT);
    }
}

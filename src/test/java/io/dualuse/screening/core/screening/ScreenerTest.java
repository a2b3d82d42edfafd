package io.dualuse.screening.core.screening;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.decision.DecisionStatus;
import io.dualuse.screening.core.decision.Evidence;
import io.dualuse.screening.core.decision.LicenseAllocation;
import io.dualuse.screening.core.decision.Reason;
import io.dualuse.screening.core.decision.ReasonCode;
import io.dualuse.screening.core.license.InMemoryLicenseRegistry;
import io.dualuse.screening.core.license.License;
import io.dualuse.screening.core.license.LicenseStatus;
import io.dualuse.screening.core.order.EndUseCategory;
import io.dualuse.screening.core.order.EndUserType;
import io.dualuse.screening.core.order.Order;
import io.dualuse.screening.core.order.OrderLine;
import io.dualuse.screening.core.rules.Ruleset;
import io.dualuse.screening.core.rules.RulesetLoader;
import io.dualuse.screening.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;

import static io.dualuse.screening.testing.Fixtures.el;
import static io.dualuse.screening.testing.Fixtures.line;
import static io.dualuse.screening.testing.Fixtures.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * One test per rule family of the seed ruleset, written from the announcements, with their
 * boundaries: the day before and the day a measure takes effect, suspension start and end days,
 * the 0.1 % threshold, a licence used up exactly.
 */
class ScreenerTest {

    private final Screener screener = Fixtures.screener();
    private final InMemoryLicenseRegistry licenses = new InMemoryLicenseRegistry();

    private static OrderLine dyMagnet(int no, String kg) {
        return line(no, "sintered NdFeB magnet", "8505111000", kg, "KG", el("Nd", "29.5"), el("Dy", "0.3"));
    }

    private static OrderLine tShirts(int no) {
        return line(no, "cotton T-shirts", "6109100010", "200", "PCS");
    }

    /** Gallium metal, classified by the exporter itself: the customs code alone also covers other gallium goods. */
    private static OrderLine gallium(int no) {
        return new OrderLine(no, "GA-6N", "gallium metal 6N", "8112929090", "3C001.a", "CN", new BigDecimal("20"),
                "KG", java.util.List.of());
    }

    private Decision screen(Order o) {
        return screener.screen(o, licenses);
    }

    // --- Japan, MOFCOM Announcement No. 1 of 2026, in force 2026-01-06 ---

    @Test
    void japaneseMilitaryEndUserIsRejectedFromTheDayTheBanTakesEffect() {
        Fixtures.OrderBuilder o = order().to("JP").endUser("JGSDF Procurement", EndUserType.MILITARY).line(dyMagnet(1, "50"));

        Decision dayBefore = screen(o.exportDate("2026-01-05").build());
        Decision dayOf = screen(o.exportDate("2026-01-06").build());

        assertThat(dayBefore.status()).isEqualTo(DecisionStatus.HOLD);
        assertThat(dayBefore.reasons()).extracting(Reason::code).doesNotContain(ReasonCode.PROHIBITED);
        assertThat(dayOf.status()).isEqualTo(DecisionStatus.REJECT);
        assertThat(dayOf.reasons()).filteredOn(r -> r.code() == ReasonCode.PROHIBITED)
                .extracting(Reason::lineNo, Reason::controlNumber, Reason::measureId)
                .containsExactly(tuple(1, "1C905.a.4", "CN-JP-2026-1-MILITARY"));
        assertThat(dayOf.reasons()).filteredOn(r -> r.code() == ReasonCode.PROHIBITED).singleElement()
                .satisfies(r -> assertThat(r.legalBasis()).contains("No. 1 of 2026"))
                .satisfies(r -> assertThat(r.evidence()).extracting(Evidence::name, Evidence::value)
                        .contains(tuple("endUser", "JGSDF Procurement (JP)"), tuple("endUserType", "MILITARY"), tuple("Dy", "0.3 %")));
    }

    @Test
    void transshipmentThroughAThirdCountryStillReachesJapan() {
        Decision d = screen(order().exportDate("2026-02-10").shipTo("KR").finalDestination("JP")
                .endUse(EndUseCategory.MILITARY, "radar components").line(dyMagnet(1, "5")).build());
        assertThat(d.status()).isEqualTo(DecisionStatus.REJECT);
        assertThat(d.reasons()).filteredOn(r -> r.code() == ReasonCode.PROHIBITED).singleElement()
                .satisfies(r -> assertThat(r.evidence()).contains(new Evidence("finalDestination", "JP")));
    }

    @Test
    void reExportOfPrcOriginItemsToJapanIsCoveredButForeignOriginIsNot() {
        OrderLine prcOrigin = dyMagnet(1, "5");
        OrderLine vietnamese = new OrderLine(2, "S2", "NdFeB magnet", "8505111000", null, "VN", BigDecimal.ONE, "KG",
                prcOrigin.composition());
        Decision d = screen(order().exportDate("2026-02-10").from("VN").to("JP")
                .endUser("JMSDF", EndUserType.MILITARY).line(prcOrigin).line(vietnamese).build());

        assertThat(d.status()).isEqualTo(DecisionStatus.REJECT);
        assertThat(d.reasons()).extracting(Reason::lineNo, Reason::code)
                .contains(tuple(1, ReasonCode.PROHIBITED), tuple(2, ReasonCode.OUTSIDE_JURISDICTION))
                .doesNotContain(tuple(2, ReasonCode.PROHIBITED));
    }

    @Test
    void goodsThatAreNotDualUseMayGoToAMilitaryUser() {
        Decision d = screen(order().exportDate("2026-02-10").to("JP").endUser("JASDF Base Exchange", EndUserType.MILITARY)
                .line(tShirts(1)).build());
        assertThat(d.status()).isEqualTo(DecisionStatus.RELEASE);
        assertThat(d.reasons()).extracting(Reason::code).containsExactly(ReasonCode.NOT_CONTROLLED);
    }

    @Test
    void unknownEndUseInJapanIsHeldForReview() {
        Decision d = screen(order().exportDate("2026-02-10").to("JP").endUser("Tokyo Trading", EndUserType.COMMERCIAL)
                .endUse(EndUseCategory.UNKNOWN, null).line(dyMagnet(1, "5")).build());
        assertThat(d.status()).isEqualTo(DecisionStatus.HOLD);
        assertThat(d.reasons()).extracting(Reason::code, Reason::measureId)
                .contains(tuple(ReasonCode.ENHANCED_REVIEW, "CN-JP-2026-1-MIL-STRENGTH"));
    }

    // --- United States, MOFCOM Announcement No. 46 of 2024 ---

    @Test
    void usMilitaryEndUseIsRejectedUnderClauseOne() {
        Decision d = screen(order().exportDate("2026-03-02").to("US").endUse(EndUseCategory.MILITARY, "sonar")
                .line(dyMagnet(1, "5")).build());
        assertThat(d.status()).isEqualTo(DecisionStatus.REJECT);
        assertThat(d.reasons()).extracting(Reason::code, Reason::measureId)
                .contains(tuple(ReasonCode.PROHIBITED, "CN-US-2024-46-C1-MILITARY"));
    }

    @Test
    void galliumToTheUsFollowsTheSuspensionWindowOfClauseTwo() {
        Fixtures.OrderBuilder o = order().to("US").endUser("Boston Semiconductors Inc.", EndUserType.COMMERCIAL)
                .line(gallium(1));

        Decision beforeSuspension = screen(o.exportDate("2025-11-08").build());
        Decision firstDay = screen(o.exportDate("2025-11-09").build());
        Decision lastDay = screen(o.exportDate("2026-11-27").build());
        Decision after = screen(o.exportDate("2026-11-28").build());

        assertThat(beforeSuspension.status()).isEqualTo(DecisionStatus.REJECT);
        assertThat(beforeSuspension.reasons()).extracting(Reason::code).contains(ReasonCode.DENIAL_PRESUMPTION);
        for (Decision suspended : new Decision[] {firstDay, lastDay}) {
            assertThat(suspended.status()).isEqualTo(DecisionStatus.HOLD);
            assertThat(suspended.reasons()).extracting(Reason::code, Reason::measureId).contains(
                    tuple(ReasonCode.MEASURE_SUSPENDED, "CN-US-2024-46-C2-DENY"),
                    tuple(ReasonCode.LICENSE_REQUIRED, "CN-GENERAL-LICENSE"));
        }
        // the ruleset, published 2026-12-05, knows that the suspension ended on 2026-11-27 and was not extended
        assertThat(after.status()).isEqualTo(DecisionStatus.REJECT);
        assertThat(after.reasons()).extracting(Reason::code, Reason::measureId)
                .contains(tuple(ReasonCode.DENIAL_PRESUMPTION, "CN-US-2024-46-C2-DENY"));
    }

    @Test
    void aRulesetPublishedBeforeTheSuspensionEndedHoldsAfterIt() throws IOException {
        Screener earlier = new Screener(seedPublishedOn("2026-11-22"), ScreeningPolicy.defaults().asOfExportDate(), Fixtures.TODAY);
        Decision d = earlier.screen(order().exportDate("2026-11-28").to("US").line(gallium(1)).build(), licenses);
        // it cannot know whether the suspension was extended: HOLD, not REJECT
        assertThat(d.status()).isEqualTo(DecisionStatus.HOLD);
        assertThat(d.reasons()).extracting(Reason::code, Reason::measureId)
                .contains(tuple(ReasonCode.SUSPENSION_STATUS_UNCONFIRMED, "CN-US-2024-46-C2-DENY"));
    }

    @Test
    void presumptionOfDenialGivesWayToALicenceThatCoversTheItem() {
        licenses.put(license("L-GA-1", "EXP-001", Set.of("3C001.a"), "US", "Boston Semiconductors", "100", "KG"));
        Decision d = screen(order().exportDate("2025-06-02").to("US").endUser("Boston Semiconductors Inc.", EndUserType.COMMERCIAL)
                .line(gallium(1)).build());
        assertThat(d.status()).isEqualTo(DecisionStatus.RELEASE);
        assertThat(d.reasons()).extracting(Reason::code, Reason::measureId).contains(
                tuple(ReasonCode.LICENSED, "CN-US-2024-46-C2-DENY"), tuple(ReasonCode.LICENSED, "CN-GENERAL-LICENSE"));
    }

    @Test
    void graphiteToTheUsIsReviewedOutsideTheSuspension() {
        OrderLine graphite = line(1, "spherical graphite", "2504101000", "1000", "KG");
        Decision before = screen(order().exportDate("2025-06-02").to("US").line(graphite).build());
        Decision during = screen(order().exportDate("2026-06-02").to("US").line(graphite).build());
        assertThat(before.reasons()).extracting(Reason::code, Reason::measureId)
                .contains(tuple(ReasonCode.ENHANCED_REVIEW, "CN-US-2024-46-C2-GRAPHITE"));
        assertThat(during.reasons()).extracting(Reason::code).doesNotContain(ReasonCode.ENHANCED_REVIEW);
        assertThat(during.status()).isEqualTo(DecisionStatus.HOLD);
    }

    // --- October 2025 announcements, suspended by No. 70 of 2025 until 2026-11-10 ---

    @Test
    void october2025ControlsAreSuspendedUntilTheTenthOfNovember2026() {
        OrderLine holmium = line(1, "holmium metal", "2805301900", "10", "KG");
        Decision lastDay = screen(order().exportDate("2026-11-10").line(holmium).build());
        Decision dayAfter = screen(order().exportDate("2026-11-11").line(holmium).build());

        assertThat(lastDay.status()).isEqualTo(DecisionStatus.RELEASE);
        assertThat(lastDay.reasons()).extracting(Reason::code, Reason::controlNumber)
                .contains(tuple(ReasonCode.CONTROL_SUSPENDED, "1C909.a"));
        assertThat(dayAfter.status()).isEqualTo(DecisionStatus.HOLD);
        assertThat(dayAfter.reasons()).extracting(Reason::controlNumber).contains("1C909.a");
    }

    // --- General licence requirement and licences ---

    @Test
    void controlledLineWithoutLicenceIsHeldAndNamesWhatIsMissing() {
        Decision d = screen(order().line(line(1, "ammonium paratungstate", "2841801000", "500", "KG")).build());
        assertThat(d.status()).isEqualTo(DecisionStatus.HOLD);
        assertThat(d.reasons()).extracting(Reason::code, Reason::lineNo, Reason::controlNumber, Reason::measureId)
                .containsExactly(tuple(ReasonCode.LICENSE_REQUIRED, 1, "1C117.d.1", "CN-GENERAL-LICENSE"));
    }

    @Test
    void licenceIsDrawnToTheLastKilogramAndNoFurther() {
        licenses.put(license("L-W-1", "EXP-001", Set.of("1C117.d"), "DE", "BAVARIA MOTORS", "1", "T"));
        Order exact = order().id("A").line(line(1, "APT", "2841801000", "600", "KG"))
                .line(line(2, "APT", "2841801000", "400", "KG")).build();
        Decision d = screen(exact);
        assertThat(d.status()).isEqualTo(DecisionStatus.RELEASE);
        assertThat(d.licenseAllocations()).extracting(LicenseAllocation::licenseNumber, LicenseAllocation::lineNo,
                        a -> a.quantity().toPlainString(), LicenseAllocation::unit)
                .containsExactly(tuple("L-W-1", 1, "0.6", "T"), tuple("L-W-1", 2, "0.4", "T"));

        licenses.draw("L-W-1", "A", new BigDecimal("1.0"));
        Decision next = screen(order().id("B").line(line(1, "APT", "2841801000", "1", "KG")).build());
        assertThat(next.status()).isEqualTo(DecisionStatus.HOLD);
        // re-screening order A itself must not count its own draw twice
        assertThat(screen(exact).status()).isEqualTo(DecisionStatus.RELEASE);
    }

    @Test
    void secondLineCannotSpendWhatTheFirstAlreadyTook() {
        licenses.put(license("L-W-2", "EXP-001", Set.of("1C117.d"), "DE", "Bavaria Motors GmbH", "100", "KG"));
        Decision d = screen(order().line(line(1, "APT", "2841801000", "60", "KG"))
                .line(line(2, "APT", "2841801000", "50", "KG")).build());
        assertThat(d.status()).isEqualTo(DecisionStatus.HOLD);
        assertThat(d.reasons()).extracting(Reason::lineNo, Reason::code)
                .containsExactly(tuple(1, ReasonCode.LICENSED), tuple(2, ReasonCode.LICENSE_REQUIRED));
    }

    @Test
    void licenceMustMatchDestinationEndUserDatesAndStatus() {
        licenses.put(license("L-FR", "EXP-001", Set.of("1C117.d"), "FR", "Bavaria Motors", "100", "KG"));
        licenses.put(new License("L-REV", "EXP-001", Set.of("1C117.d"), Set.of(), "DE", "Bavaria Motors", new BigDecimal("100"),
                "KG", LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), LicenseStatus.REVOKED));
        licenses.put(new License("L-OLD", "EXP-001", Set.of("1C117.d"), Set.of(), "DE", "Bavaria Motors", new BigDecimal("100"),
                "KG", LocalDate.parse("2025-01-01"), LocalDate.parse("2025-12-31"), LicenseStatus.ACTIVE));
        licenses.put(license("L-OTHER", "EXP-001", Set.of("1C117.d"), "DE", "Munich Motors", "100", "KG"));
        Decision d = screen(order().license("L-FR").license("L-REV").license("L-OLD").license("L-OTHER").license("L-NONE")
                .line(line(1, "APT", "2841801000", "10", "KG")).build());

        assertThat(d.status()).isEqualTo(DecisionStatus.HOLD);
        assertThat(d.reasons()).filteredOn(r -> r.code() == ReasonCode.NAMED_LICENSE_NOT_APPLICABLE)
                .extracting(Reason::message).containsExactly(
                        "no licence L-NONE is on file",
                        "licence L-FR is for destination FR, the order's final destination is DE",
                        "licence L-REV is REVOKED",
                        "licence L-OLD is valid 2025-01-01 to 2025-12-31, the export date is 2026-03-02",
                        "licence L-OTHER names end user 'Munich Motors', the order 'Bavaria Motors GmbH'");
    }

    @Test
    void licenceByACustomsCodeOfOneItemCoversItsLines() {
        licenses.put(new License("L-APT", "EXP-001", Set.of(), Set.of("2841801000"), "DE", "Bavaria Motors GmbH",
                new BigDecimal("1000"), "KG", LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), LicenseStatus.ACTIVE));
        Decision d = screen(order().line(line(1, "ammonium paratungstate", "2841801000", "10", "KG")).build());
        assertThat(d.status()).isEqualTo(DecisionStatus.RELEASE);
        assertThat(d.reasons()).extracting(Reason::code, Reason::controlNumber).contains(tuple(ReasonCode.LICENSED, "1C117.d.1"));
    }

    @Test
    void licenceByACustomsCodeThatSeveralItemsShareCoversNone() {
        // 2805301910 covers samarium, gadolinium and lutetium metal: the licence does not say which was granted
        licenses.put(new License("L-RE", "EXP-001", Set.of(), Set.of("2805301910"), "DE", "Bavaria Motors GmbH",
                new BigDecimal("1000"), "KG", LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), LicenseStatus.ACTIVE));
        Decision d = screen(order().license("L-RE")
                .line(line(1, "gadolinium metal ingot", "2805301910", "10", "KG", el("Gd", "99.9"))).build());
        assertThat(d.status()).isEqualTo(DecisionStatus.HOLD);
        assertThat(d.reasons()).extracting(Reason::code, Reason::controlNumber)
                .contains(tuple(ReasonCode.LICENSE_REQUIRED, "1C903.a.1"))
                .doesNotContain(tuple(ReasonCode.LICENSED, "1C903.a.1"));
        assertThat(d.reasons()).filteredOn(r -> r.code() == ReasonCode.NAMED_LICENSE_NOT_APPLICABLE).singleElement()
                .satisfies(r -> assertThat(r.message()).contains("names only customs code 2805301910"));
    }

    @Test
    void licenceForOneRareEarthMetalDoesNotCoverAnotherUnderTheSameCode() {
        licenses.put(license("L-SM", "EXP-001", Set.of("1C902.a.1"), "DE", "Bavaria Motors GmbH", "1000", "KG"));
        Decision samarium = screen(order().line(line(1, "samarium metal", "2805301910", "10", "KG", el("Sm", "99.9"))).build());
        Decision gadolinium = screen(order().line(line(1, "gadolinium metal", "2805301910", "10", "KG", el("Gd", "99.9"))).build());
        assertThat(samarium.status()).isEqualTo(DecisionStatus.RELEASE);
        assertThat(gadolinium.status()).isEqualTo(DecisionStatus.HOLD);
        assertThat(gadolinium.reasons()).extracting(Reason::code, Reason::controlNumber)
                .contains(tuple(ReasonCode.LICENSE_REQUIRED, "1C903.a.1"));
    }

    // --- Fail-safe and explainability ---

    @Test
    void possiblyControlledLineIsHeldForClassificationReview() {
        Decision d = screen(order().line(line(1, "magnet", "8505111000", "10", "KG")).build());
        assertThat(d.status()).isEqualTo(DecisionStatus.HOLD);
        assertThat(d.reasons()).extracting(Reason::code).contains(ReasonCode.CLASSIFICATION_REVIEW)
                .doesNotContain(ReasonCode.NOT_CONTROLLED);
    }

    @Test
    void unknownUnitAndUnreadableCompositionHoldInsteadOfRelease() {
        Decision d = screen(order().line(line(1, "magnet", "8505111000", "10", "BARRELS", el("Dy", "n/a"))).build());
        assertThat(d.status()).isEqualTo(DecisionStatus.HOLD);
        assertThat(d.reasons()).extracting(Reason::code)
                .contains(ReasonCode.UNKNOWN_UNIT, ReasonCode.CLASSIFICATION_REVIEW);
    }

    @Test
    void redFlagWordsInTheEndUseHoldADualUseOrder() {
        Decision d = screen(order().endUse(EndUseCategory.CIVIL, "Guidance fins for a missile programme")
                .line(dyMagnet(1, "1")).build());
        assertThat(d.reasons()).filteredOn(r -> r.code() == ReasonCode.END_USE_RED_FLAG).singleElement()
                .satisfies(r -> assertThat(r.lineNo()).isNull())
                .satisfies(r -> assertThat(r.message()).contains("missile"));
        Decision plain = screen(order().endUse(EndUseCategory.CIVIL, "Guidance fins for a missile programme")
                .line(tShirts(1)).build());
        assertThat(plain.status()).isEqualTo(DecisionStatus.RELEASE);
    }

    @Test
    void staleRulesetHoldsEveryOrder() {
        Clock muchLater = Clock.fixed(Instant.parse("2027-06-01T00:00:00Z"), ZoneOffset.UTC);
        Screener stale = new Screener(Fixtures.SEED_RULESET, ScreeningPolicy.defaults().asOfExportDate(), muchLater);
        Decision d = stale.screen(order().line(tShirts(1)).build(), licenses);
        assertThat(d.status()).isEqualTo(DecisionStatus.HOLD);
        assertThat(d.reasons()).extracting(Reason::code).contains(ReasonCode.RULESET_STALE);
    }

    // --- Export dates in the past: back-dated orders, and rules that changed since ---

    private static Screener screenerOn(String day) {
        return new Screener(Fixtures.SEED_RULESET, ScreeningPolicy.defaults(),
                Clock.fixed(Instant.parse(day + "T09:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void anExportDateMoreThanSevenDaysBeforeTheOrderArrivesIsHeldForReview() {
        Screener today = screenerOn("2026-12-05");
        Decision sevenDays = today.screen(order().exportDate("2026-11-28").line(tShirts(1)).build(), licenses);
        Decision eightDays = today.screen(order().exportDate("2026-11-27").line(tShirts(1)).build(), licenses);
        assertThat(sevenDays.status()).isEqualTo(DecisionStatus.RELEASE);
        assertThat(eightDays.status()).isEqualTo(DecisionStatus.HOLD);
        assertThat(eightDays.reasons()).extracting(Reason::code).containsExactly(ReasonCode.NOT_CONTROLLED, ReasonCode.EXPORT_DATE_PAST);
        // a hold screened again weeks later is judged as of the day it first came in
        assertThat(screenerOn("2027-01-20").screen(order().exportDate("2026-11-28").line(tShirts(1)).build(), licenses,
                LocalDate.parse("2026-12-05")).status()).isEqualTo(DecisionStatus.RELEASE);
    }

    @Test
    void anExportDateThatPassedWhileTheRulesChangedIsScreenedUnderTodaysRulesToo() {
        OrderLine holmiumOxide = line(1, "holmium oxide", "2846909090", "10", "KG", el("Ho", "87.3"), el("O", "12.7"));
        Order order = order().exportDate("2026-11-09").line(holmiumOxide).build();

        Decision onTheDay = screenerOn("2026-11-09").screen(order, licenses);
        Decision threeDaysLater = screenerOn("2026-11-12").screen(order, licenses);

        assertThat(onTheDay.status()).isEqualTo(DecisionStatus.RELEASE);
        assertThat(onTheDay.reasons()).extracting(Reason::code).containsExactly(ReasonCode.CONTROL_SUSPENDED);
        // the No. 70 suspension ended on 2026-11-10: goods still here on the 12th leave under the control
        assertThat(threeDaysLater.status()).isEqualTo(DecisionStatus.HOLD);
        assertThat(threeDaysLater.reasons()).filteredOn(r -> r.code() == ReasonCode.LICENSE_REQUIRED).singleElement()
                .satisfies(r -> assertThat(r.controlNumber()).isEqualTo("1C909.b"))
                .satisfies(r -> assertThat(r.message()).startsWith("under the rules in force today (2026-11-12; they changed on 2026-11-11"));
    }

    @Test
    void orderTakesItsWorstLine() {
        Decision d = screen(order().exportDate("2026-02-10").to("JP").endUser("JGSDF", EndUserType.MILITARY)
                .line(tShirts(1)).line(line(2, "magnet", "8505111000", "10", "KG")).line(dyMagnet(3, "2")).build());
        assertThat(d.status()).isEqualTo(DecisionStatus.REJECT);
        assertThat(d.reasons()).extracting(Reason::lineNo, Reason::outcome).contains(
                tuple(1, DecisionStatus.RELEASE), tuple(2, DecisionStatus.HOLD), tuple(3, DecisionStatus.REJECT));
    }

    @Test
    void sameOrderRulesetAndLicencesGiveTheSameDecision() {
        Order o = order().exportDate("2026-02-10").to("JP").line(dyMagnet(1, "5")).line(tShirts(2)).build();
        Screener other = new Screener(Fixtures.SEED_RULESET, ScreeningPolicy.defaults().asOfExportDate(),
                Clock.fixed(Instant.parse("2026-11-23T00:00:00Z"), ZoneOffset.UTC));
        Decision a = screen(o);
        Decision b = other.screen(o, licenses);
        assertThat(b.decidedAt()).isNotEqualTo(a.decidedAt());
        assertThat(b).usingRecursiveComparison().ignoringFields("decidedAt").isEqualTo(a);
        assertThat(a.rulesetVersion()).isEqualTo(Fixtures.SEED_RULESET.version());
        assertThat(a.rulesetHash()).isEqualTo(Fixtures.SEED_RULESET.contentHash());
    }

    private static License license(String no, String exporter, Set<String> cns, String dest, String endUser,
                                   String qty, String unit) {
        return new License(no, exporter, cns, Set.of(), dest, endUser, new BigDecimal(qty), unit,
                LocalDate.parse("2025-01-01"), LocalDate.parse("2026-12-31"), LicenseStatus.ACTIVE);
    }

    private static Ruleset seedPublishedOn(String date) throws IOException {
        try (InputStream in = ScreenerTest.class.getClassLoader().getResourceAsStream(Fixtures.SEED)) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("publishedAt: 2026-12-05", "publishedAt: " + date);
            return new RulesetLoader().parse(yaml.getBytes(StandardCharsets.UTF_8), "seed@" + date);
        }
    }
}

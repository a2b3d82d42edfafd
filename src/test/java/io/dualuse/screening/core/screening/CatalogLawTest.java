package io.dualuse.screening.core.screening;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.decision.DecisionStatus;
import io.dualuse.screening.core.decision.Evidence;
import io.dualuse.screening.core.decision.Reason;
import io.dualuse.screening.core.decision.ReasonCode;
import io.dualuse.screening.core.license.InMemoryLicenseRegistry;
import io.dualuse.screening.core.order.ElementContent;
import io.dualuse.screening.core.order.EndUseCategory;
import io.dualuse.screening.core.order.EndUserType;
import io.dualuse.screening.core.order.Order;
import io.dualuse.screening.core.order.OrderLine;
import io.dualuse.screening.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;

import static io.dualuse.screening.testing.Fixtures.el;
import static io.dualuse.screening.testing.Fixtures.line;
import static io.dualuse.screening.testing.Fixtures.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The whole catalog and the measures over it, written from the announcements (rules/RESEARCH-metals.md
 * and the 2026 catalog), not from the engine: each of the 15 metals on both sides of its line, an item
 * of every catalog category to a Japanese military user and to a German company, civilian goods to a
 * military user, classification by composition and form whatever the customs code, and the
 * thresholds that keep plainly uncontrolled grades from being held. Orders are screened at their
 * export date as given (the time rules have their own tests).
 */
class CatalogLawTest {

    private final Screener screener = Fixtures.screener();
    private final InMemoryLicenseRegistry licenses = new InMemoryLicenseRegistry();
    private static final String DATE = "2026-12-10";

    private Decision toGermany(OrderLine line) {
        return screener.screen(order().exportDate(DATE).line(line).build(), licenses);
    }

    private Decision toJapaneseMilitary(OrderLine line) {
        return screener.screen(order().exportDate(DATE).to("JP").endUser("Japan Ministry of Defense", EndUserType.MILITARY)
                .endUse(EndUseCategory.MILITARY, "defence procurement").line(line).build(), licenses);
    }

    private static OrderLine declared(String description, String code, String controlNumber) {
        return new OrderLine(1, "SKU", description, code, controlNumber, "CN", BigDecimal.ONE, "PCS", List.of());
    }

    private static ElementContent[] els(String... pairs) {
        ElementContent[] out = new ElementContent[pairs.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = el(pairs[2 * i], pairs[2 * i + 1]);
        }
        return out;
    }

    // --- the 15 metals, graphite and superhard materials: controlled and uncontrolled either side of the line ---

    static Stream<Arguments> metalsEitherSideOfTheLine() {
        return Stream.of(
                // element, controlled line, its control number, uncontrolled line next to it
                Arguments.of("gallium", line(1, "gallium metal ingot", "8112929010", "5", "KG", els("Ga", "99.99")), "3C001.a",
                        line(1, "gallium-indium-tin liquid alloy", "8112929090", "5", "KG", els("Ga", "68.5", "In", "21.5", "Sn", "10"))),
                Arguments.of("germanium", line(1, "germanium ingot 5N", "8112921090", "5", "KG", els("Ge", "99.999")), "3C002.a",
                        line(1, "silicon-germanium epitaxial wafer", "3818009090", "5", "KG", els("Si", "80", "Ge", "20"))),
                Arguments.of("indium", line(1, "InP wafer, 3 inch", "2853904051", "10", "PCS", els("In", "78.8", "P", "21.2")), "3C004.a",
                        line(1, "indium ingot 4N5", "8112929090", "5", "KG", els("In", "99.995"))),
                Arguments.of("tellurium", line(1, "tellurium ingot", "2804500001", "5", "KG", els("Te", "99.99")), "6C002.a",
                        line(1, "tellurium dioxide powder", "2811290090", "5", "KG", els("Te", "79.9", "O", "20.1"))),
                Arguments.of("tungsten", line(1, "tungsten alloy bar", "8101940001", "5", "KG", els("W", "97", "Ni", "2", "Fe", "1")), "1C117.c.1.a",
                        line(1, "copper tungsten electrode", "8101940001", "5", "KG", els("W", "79.99", "Cu", "20.01"))),
                Arguments.of("molybdenum", line(1, "molybdenum powder", "8102100001", "5", "KG", els("Mo", "97")), "1C117.b",
                        line(1, "molybdenum powder", "8102100001", "5", "KG", els("Mo", "96.9", "Ni", "3.1"))),
                Arguments.of("antimony", line(1, "antimony trioxide", "2825800010", "5", "KG", els("Sb", "99.99")), "3C003.c",
                        line(1, "antimony trioxide", "2825800010", "5", "KG", els("Sb", "99.8"))),
                Arguments.of("bismuth", line(1, "bismuth needles", "8106101091", "5", "KG", els("Bi", "99.99")), "6C001.a",
                        line(1, "bismuth subsalicylate tablets", "3004909099", "5", "KG", els("Bi", "58"))),
                Arguments.of("samarium", line(1, "samarium metal ingot", "2805301910", "5", "KG", els("Sm", "99.9")), "1C902.a.1",
                        line(1, "lanthanum metal ingot", "2805301910", "5", "KG", els("La", "99.9"))),
                Arguments.of("gadolinium", line(1, "gadolinium oxide powder", "2846901930", "5", "KG", els("Gd", "86.7", "O", "13.3")), "1C903.b",
                        line(1, "cerium oxide polishing powder", "2846101000", "5", "KG", els("Ce", "81.4", "O", "18.6"))),
                Arguments.of("terbium", line(1, "sintered NdFeB magnet", "8505111000", "5", "KG", els("Nd", "30", "Tb", "0.11")), "1C904.a.4",
                        line(1, "sintered NdFeB magnet", "8505111000", "5", "KG", els("Nd", "30", "Tb", "0.1"))),
                Arguments.of("dysprosium", line(1, "sintered NdFeB magnet", "8505111000", "5", "KG", els("Nd", "30", "Dy", "0.10001")), "1C905.a.4",
                        line(1, "sintered NdFeB magnet", "8505111000", "5", "KG", els("Nd", "30", "Dy", "0.1"))),
                Arguments.of("lutetium", line(1, "lutetium oxide", "2846901800", "5", "KG", els("Lu", "87.9", "O", "12.1")), "1C906.b",
                        line(1, "rare earth oxide mixture", "2846901993", "5", "KG", els("La", "50", "Ce", "30", "O", "20"))),
                Arguments.of("scandium", line(1, "Al-Sc master alloy ingot", "7601200090", "5", "KG", els("Al", "98", "Sc", "2")), "1C907.a.2.a",
                        line(1, "aluminium alloy 6061 ingot", "7601200090", "5", "KG", els("Al", "97.9", "Mg", "1", "Si", "0.6", "Cu", "0.3", "Cr", "0.2"))),
                Arguments.of("yttrium", line(1, "yttrium oxide powder", "2846901100", "5", "KG", els("Y", "78.7", "O", "21.3")), "1C908.b",
                        line(1, "zirconia ceramic balls", "6909120000", "5", "KG", els("Zr", "70", "O", "30"))),
                Arguments.of("graphite", line(1, "natural flake graphite", "2504101000", "5", "T", els("C", "95")), "1C108.c",
                        line(1, "graphite electrodes for arc furnaces", "8545110000", "5", "T", els("C", "99"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("metalsEitherSideOfTheLine")
    void eachMetalIsControlledOnOneSideOfItsLineOnly(String element, OrderLine controlled, String controlNumber, OrderLine uncontrolled) {
        Decision c = toGermany(controlled);
        assertThat(c.status()).as("%s, controlled side", element).isEqualTo(DecisionStatus.HOLD);
        assertThat(c.reasons()).extracting(Reason::code, Reason::controlNumber)
                .contains(tuple(ReasonCode.LICENSE_REQUIRED, controlNumber));

        Decision military = toJapaneseMilitary(controlled);
        assertThat(military.status()).as("%s to a Japanese military user", element).isEqualTo(DecisionStatus.REJECT);
        assertThat(military.reasons()).extracting(Reason::code, Reason::controlNumber, Reason::measureId)
                .contains(tuple(ReasonCode.PROHIBITED, controlNumber, "CN-JP-2026-1-MILITARY"));

        Decision u = toGermany(uncontrolled);
        assertThat(u.status()).as("%s, uncontrolled side: %s", element, u.reasons()).isEqualTo(DecisionStatus.RELEASE);
    }

    @Test
    void heavyRareEarthsInAMagnetAreSummedAgainstTheOneTenthPercentLine() {
        Decision summed = toJapaneseMilitary(line(1, "sintered NdFeB magnet", "8505111000", "5", "KG", els("Nd", "30", "Dy", "0.06", "Tb", "0.05")));
        Decision below = toJapaneseMilitary(line(1, "sintered NdFeB magnet", "8505111000", "5", "KG", els("Nd", "30", "Dy", "0.05", "Tb", "0.05")));
        assertThat(summed.status()).isEqualTo(DecisionStatus.REJECT);
        assertThat(summed.reasons()).filteredOn(r -> r.code() == ReasonCode.PROHIBITED).singleElement()
                .satisfies(r -> assertThat(r.evidence()).contains(new Evidence("classifiedAs", "1C904.a.4, 1C905.a.4")));
        assertThat(below.status()).isEqualTo(DecisionStatus.RELEASE);
    }

    @Test
    void aHeavyTungstenAlloyBelowNinetySevenPercentIsNeitherTungstenItemButNeedsClassification() {
        // W-Ni-Fe at 95 % W: not 1C117.c (W >= 97 %, or W-Cu / W-Ag infiltrated); 1C004 turns on properties an order does not state
        Decision d = toJapaneseMilitary(line(1, "tungsten heavy alloy rod", "8101940001", "5", "KG", els("W", "95", "Ni", "3.5", "Fe", "1.5")));
        assertThat(d.status()).isEqualTo(DecisionStatus.HOLD);
        assertThat(d.reasons()).extracting(Reason::controlNumber).doesNotContain("1C117.c.1.a", "1C117.c.1.b", "1C117.c.1.c");
        assertThat(d.reasons()).extracting(Reason::code, Reason::controlNumber)
                .contains(tuple(ReasonCode.PROHIBITED_IF_CONTROLLED, "1C004"));
        Decision infiltrated = toGermany(line(1, "copper tungsten electrode", "8101940001", "5", "KG", els("W", "80", "Cu", "20")));
        assertThat(infiltrated.reasons()).extracting(Reason::code, Reason::controlNumber)
                .contains(tuple(ReasonCode.LICENSE_REQUIRED, "1C117.c.1.b"));
    }

    // --- composition and form classify on their own: a customs code is a pointer, not the test ---

    static Stream<Arguments> compositionAndFormWhateverTheCode() {
        return Stream.of(
                Arguments.of(line(1, "dysprosium ingot", "8112999000", "5", "KG", els("Dy", "99.9")), "1C905.a.1"),
                Arguments.of(line(1, "terbium metal", "7326909000", "5", "KG", els("Tb", "99.95")), "1C904.a.1"),
                Arguments.of(line(1, "6N gallium", "8112929090", "5", "KG", els("Ga", "99.9999")), "3C001.a"),
                Arguments.of(line(1, "oxide powder", "2846909090", "5", "KG", els("Dy", "87.1", "O", "12.9")), "1C905.b"),
                Arguments.of(line(1, "镝锭", "8112999000", "5", "KG", els("Dy", "99.9")), "1C905.a.1"),
                Arguments.of(line(1, "氧化铽粉末", "2846909090", "5", "KG", els("Tb", "85", "O", "15")), "1C904.b"),
                Arguments.of(line(1, "ＧａＡｓ ｗａｆｅｒ", "3818009090", "5", "PCS", els("Ga", "48.2", "As", "51.8")), "3C001.e"),
                Arguments.of(line(1, "neodymium magnets for motors", "8505119000", "5", "KG", els("Nd", "29", "Fe", "66", "B", "1", "Dy", "0.8")), "1C905.a.4"),
                Arguments.of(line(1, "germanium dioxide", "2825600090", "5", "KG", els("GeO2", "99.999")), "3C002.e"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compositionAndFormWhateverTheCode")
    void compositionAndFormMakeALineControlledWhateverItsCode(OrderLine l, String controlNumber) {
        Decision d = toJapaneseMilitary(l);
        assertThat(d.status()).isEqualTo(DecisionStatus.REJECT);
        assertThat(d.reasons()).filteredOn(r -> r.code() == ReasonCode.PROHIBITED)
                .extracting(Reason::controlNumber).contains(controlNumber);
        assertThat(d.reasons()).filteredOn(r -> r.code() == ReasonCode.PROHIBITED).first()
                .satisfies(r -> assertThat(r.evidence()).extracting(Evidence::name).contains("classifiedBy"));
    }

    @Test
    void theFormMatters_anAlloyIsNotTheMetal() {
        Decision d = toGermany(line(1, "dysprosium iron alloy", "7202999000", "5", "KG", els("Dy", "80", "Fe", "20")));
        assertThat(d.reasons()).extracting(Reason::controlNumber).contains("1C905.a.2.a").doesNotContain("1C905.a.1");
    }

    // --- over-holding is a defect too ---

    static Stream<OrderLine> plainlyUncontrolledGrades() {
        return Stream.of(
                line(1, "antimony trioxide 99.8%", "2825800010", "1", "T"),
                line(1, "Sb2O3 flame retardant synergist", "2825800090", "1", "T", els("Sb2O3", "99.8")),
                line(1, "bismuth subsalicylate", "2918230000", "25", "KG"),
                line(1, "bismuth subcitrate potassium capsules", "3004909099", "25", "KG"),
                line(1, "molybdenum sheet", "8102950000", "25", "KG", els("Mo", "99.95")),
                line(1, "indium tin oxide target", "8486909190", "2", "PCS", els("In", "74", "Sn", "8", "O", "18")),
                line(1, "cotton T-shirts", "6109100010", "200", "PCS"),
                line(1, "office chairs", "9401300000", "40", "PCS"),
                line(1, "polished rice", "1006309000", "5", "T"),
                line(1, "ceramic floor tiles", "6907210000", "300", "M"));
    }

    @ParameterizedTest
    @MethodSource("plainlyUncontrolledGrades")
    void plainlyUncontrolledGoodsAreReleasedEvenToAMilitaryUser(OrderLine l) {
        Decision d = toJapaneseMilitary(l);
        assertThat(d.status()).as("%s: %s", l.description(), d.reasons()).isEqualTo(DecisionStatus.RELEASE);
    }

    @Test
    void diamondPowderIsReleasedWhileItsControlIsSuspendedAndHeldAfter() {
        OrderLine powder = line(1, "synthetic diamond micropowder", "7105102000", "10", "KG");
        Decision during = screener.screen(order().exportDate("2026-11-10").line(powder).build(), licenses);
        Decision after = screener.screen(order().exportDate("2026-11-11").line(powder).build(), licenses);
        assertThat(during.status()).isEqualTo(DecisionStatus.RELEASE);
        assertThat(during.reasons()).extracting(Reason::code, Reason::controlNumber)
                .contains(tuple(ReasonCode.CONTROL_SUSPENDED, "2C902.a"));
        assertThat(after.status()).isEqualTo(DecisionStatus.HOLD);
        assertThat(after.reasons()).extracting(Reason::controlNumber).contains("2C902.a");
    }

    // --- every catalog category, outside the metals ---

    static Stream<Arguments> anItemOfEveryCategory() {
        return Stream.of(
                Arguments.of(declared("high-pressure water cannon", "8424899930", "0A901"), "0A901"),
                Arguments.of(declared("filament wound composite tube", "6815990000", "1A202"), "1A202"),
                Arguments.of(declared("thiodiglycol", "2930909099", "1C450.b.13"), "1C450.b.13"),
                Arguments.of(declared("5-axis CNC machining centre", "8457101000", "2B201.b"), "2B201.b"),
                Arguments.of(declared("flash X-ray generator", "8543100010", "3A201.c.1"), "3A201.c.1"),
                Arguments.of(declared("high performance computer", "8471491010", "4A003.a"), "4A003.a"),
                Arguments.of(declared("hardware security module", "8543709950", "5A002.b"), "5A002.b"),
                Arguments.of(declared("radar seeker", "8526109030", "6A108.a"), "6A108.a"),
                Arguments.of(declared("fibre optic gyroscope", "9014209015", "7A102"), "7A102"),
                Arguments.of(declared("cutter suction dredger", "8905100010", "8A901.b"), "8A901.b"),
                Arguments.of(declared("unmanned aerial vehicle", "8806221011", "9A012.a.2"), "9A012.a.2"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("anItemOfEveryCategory")
    void aDeclaredItemOfEveryCategoryIsRejectedToAJapaneseMilitaryUserAndNeedsALicenceElsewhere(OrderLine l, String controlNumber) {
        Decision military = toJapaneseMilitary(l);
        assertThat(military.status()).isEqualTo(DecisionStatus.REJECT);
        assertThat(military.reasons()).extracting(Reason::code, Reason::measureId)
                .contains(tuple(ReasonCode.PROHIBITED, "CN-JP-2026-1-MILITARY"));
        assertThat(military.reasons()).filteredOn(r -> r.code() == ReasonCode.PROHIBITED)
                .extracting(Reason::controlNumber).contains(controlNumber);

        Decision germany = toGermany(l);
        assertThat(germany.status()).isEqualTo(DecisionStatus.HOLD);
        assertThat(germany.reasons()).extracting(Reason::code).contains(ReasonCode.LICENSE_REQUIRED);
    }

    static Stream<OrderLine> undeclaredDualUseGoods() {
        return Stream.of(
                line(1, "5-axis CNC machining centre", "8457101000", "1", "SET"),
                line(1, "carbon-fibre prepreg", "3921909090", "200", "KG"),
                line(1, "unmanned aerial vehicle", "8806929090", "2", "PCS"),
                line(1, "无人机", "8806929090", "2", "PCS"),
                line(1, "quartz flexure accelerometer", "9031809090", "20", "PCS"),
                line(1, "thiodiglycol 111-48-8", "2930909099", "200", "KG"),
                line(1, "cipher machine", "8543709990", "1", "PCS"),
                line(1, "cutter suction dredger", "8905100090", "1", "PCS"),
                line(1, "fibre optic gyroscope", "9014209090", "4", "PCS"),
                line(1, "water cannon truck", "8705909000", "1", "PCS"));
    }

    @ParameterizedTest
    @MethodSource("undeclaredDualUseGoods")
    void dualUseGoodsNamedInTheDescriptionAreNeverReleasedToAMilitaryUser(OrderLine l) {
        Decision d = toJapaneseMilitary(l);
        assertThat(d.status()).as("%s: %s", l.description(), d.reasons()).isNotEqualTo(DecisionStatus.RELEASE);
        assertThat(d.reasons()).extracting(Reason::measureId).contains("CN-JP-2026-1-MILITARY");
    }

    @Test
    void declaredHeadingsAndOtherSpellingsOfAControlNumberAreFound() {
        for (String spelling : List.of("9A012", "9a012.a.2", "９Ａ０１２．ａ．２", " 9A012.a.2. ")) {
            Decision d = toJapaneseMilitary(declared("UAV", "8806929090", spelling));
            assertThat(d.status()).as(spelling).isEqualTo(DecisionStatus.REJECT);
        }
    }

    // --- measures over every party, and re-exports ---

    @Test
    void aJapaneseMilitaryConsigneeOrIntermediaryCountsLikeAnEndUser() {
        Order viaConsignee = new Order("C-1", 1, java.time.LocalDate.parse(DATE), order().build().exporter(),
                new io.dualuse.screening.core.order.Party(null, "JGSDF Supply Depot", "JP", EndUserType.MILITARY, null),
                null, new io.dualuse.screening.core.order.EndUse(EndUseCategory.UNKNOWN, null), List.of(),
                "CN", "JP", "JP", List.of(declared("UAV", "8806929090", "9A012.a.2")), List.of());
        assertThat(screener.screen(viaConsignee, licenses).status()).isEqualTo(DecisionStatus.REJECT);
    }

    @Test
    void usMilitaryUsersAreReachedByReExportsOfPrcOriginItems() {
        Order reexport = order().exportDate(DATE).from("MX").to("US").endUser("US Army Contracting Command", EndUserType.MILITARY)
                .line(line(1, "gallium arsenide wafers", "3818009020", "50", "PCS", els("Ga", "48.2", "As", "51.8"))).build();
        Decision d = screener.screen(reexport, licenses);
        assertThat(d.status()).isEqualTo(DecisionStatus.REJECT);
        assertThat(d.reasons()).extracting(Reason::measureId).contains("CN-US-2024-46-C1-MILITARY");
    }

    @Test
    void prcOriginRareEarthsReExportedFromAThirdCountryNeedALicenceOnceNo61AppliesAgain() {
        OrderLine prcDyOxide = line(1, "dysprosium oxide", "2846901500", "50", "KG", els("Dy", "87", "O", "13"));
        Decision suspended = screener.screen(order().exportDate("2026-11-10").from("KR").line(prcDyOxide).build(), licenses);
        Decision after = screener.screen(order().exportDate("2026-11-11").from("KR").line(prcDyOxide).build(), licenses);
        assertThat(suspended.status()).isEqualTo(DecisionStatus.RELEASE);
        assertThat(after.status()).isEqualTo(DecisionStatus.HOLD);
        assertThat(after.reasons()).extracting(Reason::code, Reason::measureId)
                .contains(tuple(ReasonCode.LICENSE_REQUIRED, "CN-2025-61-PRC-ORIGIN-REEXPORT"));
    }

    // --- No. 61 of 2025: foreign-made items with PRC-origin rare earths of 0.1 % of their value or more ---

    private Decision foreignMagnet(String date, String prcShare) {
        OrderLine magnet = new OrderLine(1, "M", "sintered NdFeB magnet", "8505111000", null, "JP", BigDecimal.TEN, "KG",
                List.of(els("Nd", "30", "Dy", "0.5")), prcShare == null ? null : new BigDecimal(prcShare));
        return screener.screen(order().exportDate(date).from("JP").to("DE").line(magnet).build(), licenses);
    }

    @Test
    void foreignMadeMagnetsWithPrcRareEarthsFollowNo61FromTheEndOfItsSuspension() {
        assertThat(foreignMagnet("2026-11-10", null).status()).isEqualTo(DecisionStatus.RELEASE);
        assertThat(foreignMagnet("2026-11-11", null).reasons()).extracting(Reason::code, Reason::measureId)
                .contains(tuple(ReasonCode.MISSING_DATA, "CN-2025-61-FOREIGN-MADE"));
        assertThat(foreignMagnet("2026-11-11", "0.09").status()).isEqualTo(DecisionStatus.RELEASE);
        Decision atThreshold = foreignMagnet("2026-11-11", "0.1");
        assertThat(atThreshold.status()).isEqualTo(DecisionStatus.HOLD);
        assertThat(atThreshold.reasons()).extracting(Reason::code, Reason::measureId)
                .contains(tuple(ReasonCode.LICENSE_REQUIRED, "CN-2025-61-FOREIGN-MADE"));
        // foreign-made goods without PRC-origin controlled content stay outside
        OrderLine ordinary = new OrderLine(1, "T", "cotton T-shirts", "6109100010", null, "JP", BigDecimal.TEN, "PCS", List.of());
        assertThat(screener.screen(order().exportDate("2026-11-11").from("JP").to("DE").line(ordinary).build(), licenses).status())
                .isEqualTo(DecisionStatus.RELEASE);
    }

    @Test
    void fentanylPrecursorsNeedALicenceOnlyForTheUnitedStatesMexicoAndCanada() {
        OrderLine precursor = line(1, "N-Boc-4-hydroxypiperidine, CAS 109384-19-2", "2933399078", "25", "KG");
        Decision germany = toGermany(precursor);
        Decision us = screener.screen(order().exportDate(DATE).to("US").endUser("Boston Fine Chemicals Inc.", EndUserType.COMMERCIAL)
                .line(precursor).build(), licenses);
        assertThat(germany.status()).as("%s", germany.reasons()).isEqualTo(DecisionStatus.RELEASE);
        assertThat(germany.reasons()).extracting(Reason::code).containsExactly(ReasonCode.NO_MEASURE_APPLIES);
        assertThat(us.status()).isEqualTo(DecisionStatus.HOLD);
        assertThat(us.reasons()).extracting(Reason::measureId).contains("CN-PRECURSOR-US-MX-CA");
        // still a dual-use item of the catalog: prohibited to a Japanese military user
        assertThat(toJapaneseMilitary(precursor).status()).isNotEqualTo(DecisionStatus.RELEASE);
    }

    @Test
    void aPrcOriginItemReExportedFromAThirdCountryNeedsNoChineseLicenceWhereNoMeasureReachesIt() {
        Order fromKorea = order().exportDate(DATE).from("KR").line(declared("UAV", "8806221011", "9A012.a.2")).build();
        Decision d = screener.screen(fromKorea, licenses);
        assertThat(d.status()).isEqualTo(DecisionStatus.RELEASE);
        assertThat(d.reasons()).extracting(Reason::code).containsExactly(ReasonCode.NO_MEASURE_APPLIES);
        Decision toJapan = screener.screen(order().exportDate(DATE).from("KR").to("JP").endUser("JMSDF", EndUserType.MILITARY)
                .line(declared("UAV", "8806221011", "9A012.a.2")).build(), licenses);
        assertThat(toJapan.status()).isEqualTo(DecisionStatus.REJECT);
    }

    // --- who the end user is ---

    @Test
    void anUnknownEndUserOrATraderBuyingForResaleHoldsAControlledLineWhateverTheDestination() {
        OrderLine apt = line(1, "ammonium paratungstate", "2841801000", "500", "KG");
        licenses.put(new io.dualuse.screening.core.license.License("L-APT", "EXP-001", java.util.Set.of("1C117.d.1"), java.util.Set.of(),
                "DE", "Bavaria Motors GmbH", new BigDecimal("100000"), "KG", java.time.LocalDate.parse("2026-01-01"),
                java.time.LocalDate.parse("2026-12-31"), io.dualuse.screening.core.license.LicenseStatus.ACTIVE));
        Decision known = screener.screen(order().exportDate(DATE).line(apt).build(), licenses);
        Decision trader = screener.screen(order().exportDate(DATE).endUser("Bavaria Motors GmbH", EndUserType.TRADER).line(apt).build(), licenses);
        Decision resale = screener.screen(order().exportDate(DATE).endUse(EndUseCategory.CIVIL, "stock for resale to customers")
                .line(apt).build(), licenses);
        Decision unknownUse = screener.screen(order().exportDate(DATE).endUse(EndUseCategory.UNKNOWN, null).line(apt).build(), licenses);

        assertThat(known.status()).isEqualTo(DecisionStatus.RELEASE);
        for (Decision d : List.of(trader, resale, unknownUse)) {
            assertThat(d.status()).isEqualTo(DecisionStatus.HOLD);
            assertThat(d.reasons()).extracting(Reason::code, Reason::measureId)
                    .contains(tuple(ReasonCode.ENHANCED_REVIEW, "CN-END-USER-UNVERIFIED"));
        }
        // civilian goods need no cleared end user
        assertThat(screener.screen(order().exportDate(DATE).endUse(EndUseCategory.UNKNOWN, null)
                .line(line(1, "cotton T-shirts", "6109100010", "200", "PCS")).build(), licenses).status())
                .isEqualTo(DecisionStatus.RELEASE);
    }
}

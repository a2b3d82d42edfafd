package io.dualuse.screening.core.classification;

import io.dualuse.screening.core.order.OrderLine;
import io.dualuse.screening.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static io.dualuse.screening.testing.Fixtures.el;
import static io.dualuse.screening.testing.Fixtures.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Classification against the seed catalog: a code hit is a pointer, the facts decide. */
class ClassifierTest {

    private static final LocalDate MARCH_2026 = LocalDate.parse("2026-03-02");
    private final Classifier classifier = new Classifier(new CatalogIndex(Fixtures.SEED_RULESET));

    @Test
    void ammoniumParatungstateCodeIsConclusive() {
        Classification c = classifier.classify(line(1, "APT 88.5%", "2841801000", "500", "KG"), MARCH_2026);
        assertThat(c.status()).isEqualTo(ClassificationStatus.CONTROLLED);
        assertThat(c.matches()).extracting(m -> m.entry().controlNumber(), Match::basis)
                .containsExactly(tuple("1C117.d.1", MatchBasis.COMMODITY_CODE));
    }

    @Test
    void ndfebMagnetIsControlledOnlyAboveOneTenthPercentDysprosium() {
        Classification atThreshold = classifier.classify(
                line(1, "sintered NdFeB magnet", "8505111000", "10", "KG", el("Nd", "30"), el("Dy", "0.1")), MARCH_2026);
        Classification above = classifier.classify(
                line(1, "sintered NdFeB magnet", "8505111000", "10", "KG", el("Nd", "30"), el("Dy", "0.10001")), MARCH_2026);

        assertThat(atThreshold.matches()).extracting(m -> m.entry().controlNumber()).doesNotContain("1C905.a.4");
        assertThat(above.status()).isEqualTo(ClassificationStatus.CONTROLLED);
        assertThat(above.matches()).filteredOn(m -> m.status() == ClassificationStatus.CONTROLLED)
                .extracting(m -> m.entry().controlNumber()).containsExactly("1C905.a.4");
        assertThat(above.matches().get(0).evidence()).extracting(e -> e.name() + "=" + e.value())
                .contains("Dy=0.10001 %");
    }

    @Test
    void magnetWithoutCompositionIsOnlyPossiblyControlled() {
        Classification c = classifier.classify(line(1, "magnet", "8505111000", "10", "KG"), MARCH_2026);
        assertThat(c.status()).isEqualTo(ClassificationStatus.POSSIBLY_CONTROLLED);
        assertThat(c.matches()).extracting(Match::explanation)
                .anySatisfy(x -> assertThat(x).contains("composition needed to test Dy+Tb > 0.1 %"));
    }

    @Test
    void tungstenAlloyIsControlledFromNinetySevenPercent() {
        OrderLine at97 = line(1, "tungsten alloy rod", "8101940001", "1", "KG", el("W", "97"), el("Ni", "3"));
        OrderLine below = line(1, "tungsten alloy rod", "8101940001", "1", "KG", el("W", "96.99"), el("Ni", "3.01"));
        assertThat(classifier.classify(at97, MARCH_2026).matches())
                .filteredOn(m -> m.status() == ClassificationStatus.CONTROLLED)
                .extracting(m -> m.entry().controlNumber()).contains("1C117.c.1.a");
        assertThat(classifier.classify(below, MARCH_2026).matches())
                .extracting(m -> m.entry().controlNumber()).doesNotContain("1C117.c.1.a");
    }

    @Test
    void keywordAloneGivesPossiblyControlled() {
        Classification c = classifier.classify(line(1, "Dysprosium oxide 99.9%", "3824999999", "5", "KG"), MARCH_2026);
        assertThat(c.status()).isEqualTo(ClassificationStatus.POSSIBLY_CONTROLLED);
        assertThat(c.matches()).extracting(Match::basis).containsOnly(MatchBasis.KEYWORD);
        assertThat(c.matches()).extracting(m -> m.entry().family()).contains("DYSPROSIUM");
    }

    @Test
    void ordinaryGoodsAreNotControlled() {
        Classification c = classifier.classify(line(1, "cotton T-shirts", "6109100010", "200", "PCS"), MARCH_2026);
        assertThat(c.status()).isEqualTo(ClassificationStatus.NOT_CONTROLLED);
        assertThat(c.matches()).isEmpty();
        assertThat(c.unmatched()).isEqualTo(
                "no catalog entry in force on 2026-03-02 matches customs code 6109100010, the description or the composition");
        assertThat(classifier.classify(line(2, "APT 88.5%", "2841801000", "500", "KG"), MARCH_2026).unmatched()).isNull();
    }

    @Test
    void unreadableCompositionIsAProblemNotASilentZero() {
        Classification c = classifier.classify(
                line(1, "magnet", "8505111000", "10", "KG", el("Dy", "zero point three")), MARCH_2026);
        assertThat(c.status()).isEqualTo(ClassificationStatus.POSSIBLY_CONTROLLED);
        assertThat(c.problems()).containsExactly("composition of Dy is not a number: 'zero point three'");
    }

    @Test
    void declaredControlNumberUnknownToTheCatalogIsAProblem() {
        OrderLine l = new OrderLine(1, "X", "widget", "8479899990", "9Z999", "CN", BigDecimal.ONE, "PCS", List.of());
        Classification c = classifier.classify(l, MARCH_2026);
        assertThat(c.status()).isEqualTo(ClassificationStatus.POSSIBLY_CONTROLLED);
        assertThat(c.problems()).containsExactly("declared control number 9Z999 is not in the catalog");
    }

    @Test
    void controlsBeforeTheirEffectiveDateDoNotApply() {
        OrderLine apt = line(1, "ammonium paratungstate", "2841801000", "500", "KG");
        assertThat(classifier.classify(apt, LocalDate.parse("2025-02-03")).status())
                .isEqualTo(ClassificationStatus.NOT_CONTROLLED);
        assertThat(classifier.classify(apt, LocalDate.parse("2025-02-04")).status())
                .isEqualTo(ClassificationStatus.CONTROLLED);
    }

    @Test
    void shortCodeIsTooCoarseToRuleAnEntryOut() {
        Classification c = classifier.classify(line(1, "chemical", "284180", "5", "KG"), MARCH_2026);
        assertThat(c.status()).isEqualTo(ClassificationStatus.POSSIBLY_CONTROLLED);
        assertThat(c.matches()).extracting(m -> m.entry().controlNumber()).contains("1C117.d.1");
    }

    @Test
    void aRememberedClassificationIsTheOneItsFactsGiveAfresh() {
        Classifier afresh = new Classifier(new CatalogIndex(Fixtures.SEED_RULESET), 0);
        // the same product code each time; what tells them apart is one fact each
        List<OrderLine> lines = List.of(
                line(1, "magnet", "8505111000", "10", "KG"),
                line(2, "magnet", "8505111000", "10", "KG", el("Nd", "30"), el("Dy", "0.3")),
                line(3, "magnet", "8505111000", "10", "KG", el("Nd", "30"), el("Dy", "0.05")),
                line(4, "dysprosium magnet", "8505111000", "10", "KG", el("Nd", "30"), el("Dy", "0.05")),
                new OrderLine(5, "X", "magnet", "8505111000", "9Z999", "CN", BigDecimal.ONE, "KG", List.of()),
                line(6, "ammonium paratungstate", "2841801000", "500", "KG"));
        for (int round = 0; round < 2; round++) {
            for (LocalDate date : List.of(LocalDate.parse("2025-02-03"), MARCH_2026)) {
                for (OrderLine l : lines) {
                    assertThat(classifier.classify(l, date)).as("line %d on %s", l.lineNo(), date)
                            .isEqualTo(afresh.classify(l, date));
                }
            }
        }
        assertThat(lines).extracting(l -> classifier.classify(l, MARCH_2026).status()).contains(
                ClassificationStatus.CONTROLLED, ClassificationStatus.POSSIBLY_CONTROLLED, ClassificationStatus.NOT_CONTROLLED);
    }
}

package io.dualuse.screening.core.rules;

import io.dualuse.screening.core.rules.RulesetDiff.Change;
import io.dualuse.screening.core.rules.RulesetDiff.Change.Kind;
import io.dualuse.screening.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class RulesetDiffTest {

    private static final Ruleset SEED = Fixtures.SEED_RULESET;
    private static final String NEW_MEASURE = "TEST-NEW-MEASURE";

    @Test
    void sameRulesetLoadedTwiceHasNoChanges() {
        Ruleset again = new RulesetLoader().loadResource(Fixtures.SEED);
        assertThat(again).isNotSameAs(SEED);

        RulesetDiff diff = RulesetDiff.between(SEED, again);

        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.size()).isZero();
        assertThat(diff.catalog()).isEmpty();
        assertThat(diff.measures()).isEmpty();
        assertThat(diff.sources()).isEmpty();
        assertThat(diff.redFlags()).isNull();
        assertThat(diff.fromVersion()).isEqualTo(diff.toVersion()).isEqualTo(SEED.version());
        assertThat(diff.fromContentHash()).isEqualTo(diff.toContentHash()).isEqualTo(SEED.contentHash());
    }

    @Test
    void reportsExactlyTheRemovedEntryTheKeywordsTheValidityAndTheNewMeasure() {
        Edited edited = edit(SEED);

        RulesetDiff diff = RulesetDiff.between(SEED, edited.ruleset);

        assertThat(diff.size()).isEqualTo(4);
        assertThat(diff.isEmpty()).isFalse();
        assertThat(diff.catalog()).containsExactly(
                new Change(Kind.REMOVED, edited.removed.controlNumber(), edited.removed.description(), List.of()),
                new Change(Kind.CHANGED, edited.rewordedEntry.controlNumber(), edited.rewordedEntry.description(),
                        List.of("keywords")));
        assertThat(diff.measures()).containsExactly(
                new Change(Kind.ADDED, NEW_MEASURE, "A measure only this test knows", List.of()),
                new Change(Kind.CHANGED, edited.redatedMeasure.id(), edited.redatedMeasure.title(),
                        List.of("validity")));
        assertThat(diff.sources()).isEmpty();
        assertThat(diff.redFlags()).isNull();
        assertThat(diff.fromVersion()).isEqualTo(SEED.version());
        assertThat(diff.toVersion()).isEqualTo("EDITED");
        assertThat(diff.toContentHash()).isEqualTo("edited-hash");
    }

    @Test
    void swappingTheVersionsTurnsAddedIntoRemovedAndBack() {
        Edited edited = edit(SEED);

        RulesetDiff back = RulesetDiff.between(edited.ruleset, SEED);

        assertThat(back.fromVersion()).isEqualTo("EDITED");
        assertThat(back.toVersion()).isEqualTo(SEED.version());
        assertThat(back.catalog()).extracting(Change::kind, Change::key).containsExactly(
                tuple(Kind.ADDED, edited.removed.controlNumber()),
                tuple(Kind.CHANGED, edited.rewordedEntry.controlNumber()));
        assertThat(back.measures()).extracting(Change::kind, Change::key).containsExactly(
                tuple(Kind.REMOVED, NEW_MEASURE),
                tuple(Kind.CHANGED, edited.redatedMeasure.id()));
        assertThat(back).isNotEqualTo(RulesetDiff.between(SEED, edited.ruleset));
    }

    @Test
    void changesEditedInTheYamlTextAreFound() {
        String text = new RulesetLoader().loadResourceWithText(Fixtures.SEED).text();
        String edited = text
                .replace("'missile', 'weapon', ", "'missile', ")
                .replace("  MOFCOM-2026-1:\n    title: 'MOFCOM Announcement No. 1 of 2026",
                        "  MOFCOM-2026-1:\n    title: 'MOFCOM Announcement No. 1 of 2026 (amended)")
                .replace("  CATALOG-2026:\n", "  TEST-SRC: {title: 'Added by a test', issuedOn: 2026-12-01}\n  CATALOG-2026:\n");
        assertThat(edited).isNotEqualTo(text);
        Ruleset changed = new RulesetLoader().parse(edited.getBytes(StandardCharsets.UTF_8), "edited.yaml");

        RulesetDiff diff = RulesetDiff.between(SEED, changed);

        assertThat(diff.catalog()).isEmpty();
        assertThat(diff.measures()).isEmpty();
        assertThat(diff.sources()).extracting(Change::kind, Change::key, Change::fields).containsExactly(
                tuple(Kind.ADDED, "TEST-SRC", List.of()),
                tuple(Kind.CHANGED, "MOFCOM-2026-1", List.of("title")));
        assertThat(diff.sources().get(1).title()).contains("No. 1 of 2026 (amended)");
        assertThat(diff.redFlags()).isEqualTo(new Change(Kind.CHANGED, "redFlags", SEED.redFlags().legalBasis(),
                List.of("terms")));
        assertThat(diff.size()).isEqualTo(3);
        assertThat(diff.toContentHash()).isNotEqualTo(diff.fromContentHash());
    }

    @Test
    void aThresholdWrittenWithMoreDecimalsIsNotAChange() {
        Measure m = SEED.measures().get(0);
        Measure tenth = withScopePercent(m, new BigDecimal("0.1"));
        Measure tenthAgain = withScopePercent(m, new BigDecimal("0.10"));
        Measure fifth = withScopePercent(m, new BigDecimal("0.2"));

        assertThat(RulesetDiff.between(withMeasures(SEED, tenth), withMeasures(SEED, tenthAgain)).isEmpty()).isTrue();
        assertThat(RulesetDiff.between(withMeasures(SEED, tenth), withMeasures(SEED, fifth)).measures())
                .singleElement().extracting(Change::fields).isEqualTo(List.of("scope"));
    }

    /** The seed with one entry removed, one entry's keywords changed, one measure's end date changed and one measure added. */
    private record Edited(Ruleset ruleset, CatalogEntry removed, CatalogEntry rewordedEntry, Measure redatedMeasure) {
    }

    private static Edited edit(Ruleset seed) {
        List<CatalogEntry> catalog = new ArrayList<>(seed.catalog());
        CatalogEntry removed = catalog.remove(catalog.size() - 1);
        int k = indexOfFirstWithKeywords(catalog);
        CatalogEntry e = catalog.get(k);
        List<String> keywords = new ArrayList<>(e.keywords());
        keywords.add("a word no announcement uses");
        catalog.set(k, new CatalogEntry(e.controlNumber(), e.description(), e.family(), e.itemType(), e.legalBasis(),
                e.source(), e.validity(), e.referenceCodes(), e.codeIsConclusive(), e.criteria(), keywords, e.verified()));

        List<Measure> measures = new ArrayList<>(seed.measures());
        Measure m = measures.get(0);
        Validity v = m.validity();
        LocalDate end = v.effectiveTo() == null ? LocalDate.parse("2030-12-31") : v.effectiveTo().plusDays(1);
        measures.set(0, new Measure(m.id(), m.title(), m.legalBasis(), m.source(), m.action(),
                new Validity(v.effectiveFrom(), end, v.suspensions()), m.scope(), m.verified()));
        measures.add(new Measure(NEW_MEASURE, "A measure only this test knows", "test", m.source(),
                MeasureAction.PROHIBIT, new Validity(LocalDate.parse("2027-01-01"), null, List.of()),
                new Scope(Set.of("XX"), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), null),
                true));

        Map<String, Source> sources = new LinkedHashMap<>(seed.sources());
        Ruleset ruleset = new Ruleset("EDITED", "edited-hash", seed.publishedAt(), "test", sources, catalog, measures,
                new RedFlags(seed.redFlags().legalBasis(), new ArrayList<>(seed.redFlags().terms())));
        return new Edited(ruleset, removed, e, m);
    }

    private static int indexOfFirstWithKeywords(List<CatalogEntry> catalog) {
        for (int i = 0; i < catalog.size(); i++) {
            if (!catalog.get(i).keywords().isEmpty()) {
                return i;
            }
        }
        throw new AssertionError("the seed ruleset has no entry with keywords");
    }

    private static Measure withScopePercent(Measure m, BigDecimal percent) {
        Scope s = m.scope();
        return new Measure(m.id(), m.title(), m.legalBasis(), m.source(), m.action(), m.validity(),
                new Scope(s.countries(), s.partyRoles(), s.endUserTypes(), s.endUseCategories(), s.families(),
                        s.exceptFamilies(), s.controlNumbers(), s.transfers(), percent), m.verified());
    }

    private static Ruleset withMeasures(Ruleset r, Measure first) {
        List<Measure> measures = new ArrayList<>(r.measures());
        measures.set(0, first);
        return new Ruleset(r.version(), r.contentHash(), r.publishedAt(), r.origin(), r.sources(), r.catalog(),
                measures, r.redFlags());
    }
}

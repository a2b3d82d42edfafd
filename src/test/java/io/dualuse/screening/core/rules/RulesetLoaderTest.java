package io.dualuse.screening.core.rules;

import io.dualuse.screening.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulesetLoaderTest {

    private static final String VALID = """
            version: "T-1"
            publishedAt: 2026-11-01
            sources:
              SRC: {title: "Announcement", issuedOn: 2025-02-04}
            catalog:
              - controlNumber: "1C117.d"
                description: "Ammonium paratungstate"
                family: TUNGSTEN
                legalBasis: "No. 10 of 2025"
                source: SRC
                effectiveFrom: 2025-02-04
                referenceCodes: [{code: "2841801000"}]
            measures:
              - id: GENERAL
                title: "Licence required"
                legalBasis: "Export Control Law art. 12"
                source: SRC
                action: LICENSE_REQUIRED
                effectiveFrom: 2024-12-01
                scope: {}
            """;

    private final RulesetLoader loader = new RulesetLoader();

    @Test
    void seedRulesetCoversTheFifteenMetalsGraphiteAndSuperhardMaterials() {
        Ruleset seed = Fixtures.SEED_RULESET;
        assertThat(seed.version()).isEqualTo("CN-DU-2026.12.05");
        assertThat(seed.contentHash()).matches("[0-9a-f]{64}");
        assertThat(seed.catalog()).extracting(CatalogEntry::family).contains(
                "INDIUM", "GALLIUM", "GERMANIUM", "TELLURIUM", "TUNGSTEN", "MOLYBDENUM", "ANTIMONY", "BISMUTH",
                "SAMARIUM", "GADOLINIUM", "TERBIUM", "DYSPROSIUM", "LUTETIUM", "SCANDIUM", "YTTRIUM",
                "GRAPHITE", "SUPERHARD");
        assertThat(seed.measures()).extracting(Measure::id).contains("CN-GENERAL-LICENSE",
                "CN-JP-2026-1-MILITARY", "CN-US-2024-46-C1-MILITARY", "CN-US-2024-46-C2-DENY");
        assertThat(seed.catalog()).allSatisfy(e -> assertThat(seed.sources()).containsKey(e.source()));
    }

    @Test
    void validRulesetLoadsWithItsVersionAndAHashOfItsContent() {
        Ruleset r = loader.parse(VALID.getBytes(StandardCharsets.UTF_8), "t.yaml");
        Ruleset changed = loader.parse(VALID.replace("Ammonium", "ammonium").getBytes(StandardCharsets.UTF_8), "t.yaml");
        assertThat(r.version()).isEqualTo("T-1");
        assertThat(r.catalog()).singleElement().extracting(CatalogEntry::controlNumber).isEqualTo("1C117.d");
        assertThat(r.measures().get(0).scope().transfers()).containsExactly(Scope.Transfer.EXPORT_FROM_CN);
        assertThat(changed.contentHash()).isNotEqualTo(r.contentHash());
    }

    @Test
    void refusalNamesTheFileTheEntryAndTheField() {
        String broken = VALID
                .replace("    legalBasis: \"No. 10 of 2025\"\n", "")
                .replace("code: \"2841801000\"", "code: \"28418X\"")
                .replace("action: LICENSE_REQUIRED", "action: MAYBE")
                .replace("effectiveFrom: 2024-12-01", "effectiveFrom: 2024-13-01");
        assertThatThrownBy(() -> loader.parse(broken.getBytes(StandardCharsets.UTF_8), "rules/broken.yaml"))
                .isInstanceOf(RulesetException.class)
                .hasMessageContaining("rules/broken.yaml")
                .satisfies(e -> assertThat(((RulesetException) e).problems()).containsExactlyInAnyOrder(
                        "catalog[0] 1C117.d: field 'legalBasis' is required",
                        "catalog[0] 1C117.d: field 'referenceCodes[0].code' must be 6, 8 or 10 digits (quote it in YAML), got '28418X'",
                        "measures[0] GENERAL: field 'action' must be one of [PROHIBIT, DENY_PRESUMPTION, ENHANCED_REVIEW, LICENSE_REQUIRED], got 'MAYBE'",
                        "measures[0] GENERAL: field 'effectiveFrom' must be an ISO date (yyyy-mm-dd), got '2024-13-01'"));
    }

    @Test
    void unknownSourceDuplicateEntryAndUnknownScopedControlNumberAreRefused() {
        String broken = VALID.replace("source: SRC\n    effectiveFrom: 2025", "source: NOPE\n    effectiveFrom: 2025")
                + """
                      - id: GENERAL
                        title: "again"
                        legalBasis: "x"
                        source: SRC
                        action: PROHIBIT
                        effectiveFrom: 2024-12-01
                        scope: {controlNumbers: ["9Z999"]}
                    """.indent(0);
        RulesetException e = (RulesetException) org.assertj.core.api.Assertions.catchThrowable(
                () -> loader.parse(broken.getBytes(StandardCharsets.UTF_8), "x.yaml"));
        assertThat(e.problems().stream().collect(Collectors.joining("\n")))
                .contains("catalog[0] 1C117.d: field 'source' 'NOPE' is not a key of 'sources'")
                .contains("measures[1] GENERAL: field 'id' duplicate measure id")
                .contains("measures[1] GENERAL scope: field 'controlNumbers' '9Z999' is not in the catalog");
    }

    @Test
    void notYamlIsRefused() {
        assertThatThrownBy(() -> loader.parse("catalog: [".getBytes(StandardCharsets.UTF_8), "bad.yaml"))
                .isInstanceOf(RulesetException.class)
                .hasMessageContaining("bad.yaml")
                .hasMessageContaining("not valid YAML");
    }
}

package io.dualuse.screening.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualuse.screening.core.rules.CatalogEntry;
import io.dualuse.screening.core.rules.ControlNumber;
import io.dualuse.screening.core.rules.Ruleset;
import io.dualuse.screening.core.rules.RulesetLoader;
import io.dualuse.screening.testing.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped ruleset is what the importer makes of rules/, and it holds the whole export catalog. */
class CatalogImportTest {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Pattern LIST_NUMBER = Pattern.compile("\\d[A-E]\\d{3}.*");

    @Test
    void runningTheImportAgainGivesTheCommittedRulesetByteForByte() throws IOException {
        CatalogImport.Result again = new CatalogImport(CatalogImport.Paths.of(PROJECT)).build();

        byte[] committed = Files.readAllBytes(PROJECT.resolve("src/main/resources/rulesets/cn-dual-use.yaml"));
        assertThat(again.text().getBytes(StandardCharsets.UTF_8))
                .as("src/main/resources/rulesets/cn-dual-use.yaml is not what the importer makes of rules/: "
                        + "run ./mvnw -Pimport-catalog process-test-classes and commit the result")
                .isEqualTo(committed);
    }

    @Test
    void everyExportEntryOfTheCatalogIsInTheRulesetWithItsControlNumberAndCodes() throws IOException {
        JsonNode records = new ObjectMapper().readTree(PROJECT.resolve("rules/catalog-2026/knowledge-base.json").toFile())
                .get("records");
        Ruleset ruleset = Fixtures.SEED_RULESET;
        Set<String> inRuleset = ruleset.catalog().stream().map(CatalogEntry::controlNumber).collect(Collectors.toSet());
        Set<String> codesInRuleset = new HashSet<>();
        ruleset.catalog().forEach(e -> e.referenceCodes().forEach(c -> codesInRuleset.add(c.code())));

        int exportRows = 0;
        Set<String> wellFormed = new HashSet<>();
        for (JsonNode r : records) {
            if (!CatalogImport.EXPORT.equals(r.path("目录类型").asText())) {
                continue;
            }
            exportRows++;
            String cn = r.path("管制编码").asText("");
            if (LIST_NUMBER.matcher(cn).matches()) {
                wellFormed.add(ControlNumber.parse(cn).value());
            }
        }
        assertThat(exportRows).isEqualTo(754);
        assertThat(wellFormed).hasSize(712);
        assertThat(inRuleset).containsAll(wellFormed);
        // the nuclear-list and precursor rows have no list number: they are local items, one per row
        assertThat(inRuleset.stream().filter(cn -> cn.startsWith("CAT2026-R"))).hasSize(28);
        assertThat(codesInRuleset).hasSizeGreaterThan(600);
    }

    @Test
    void generatedEntriesAreMarkedUnverifiedAndCiteTheCatalog() {
        Ruleset ruleset = Fixtures.SEED_RULESET;
        assertThat(ruleset.catalog()).filteredOn(e -> e.source().equals(CatalogImport.SOURCE_ID))
                .hasSizeGreaterThan(690)
                .allSatisfy(e -> {
                    assertThat(e.verified()).isFalse();
                    assertThat(e.legalBasis()).contains("2026 Catalog of Dual-Use Items");
                    assertThat(e.referenceCodes()).allSatisfy(c -> assertThat(c.verified()).isFalse());
                });
    }

    @Test
    void curatedEntriesWinOverGeneratedOnesWithTheSameControlNumber() throws IOException {
        Ruleset curated = new RulesetLoader().parse(Files.readAllBytes(PROJECT.resolve("rules/curated.yaml")), "curated");
        Ruleset shipped = Fixtures.SEED_RULESET;
        for (CatalogEntry c : curated.catalog()) {
            assertThat(shipped.catalog()).filteredOn(e -> e.controlNumber().equals(c.controlNumber()))
                    .singleElement().isEqualTo(c);
        }
        // 3C001.a is in the extraction as a generated row too: the shipped entry is the curated one
        assertThat(shipped.catalog()).filteredOn(e -> e.controlNumber().equals("3C001.a")).singleElement()
                .satisfies(e -> assertThat(e.family()).isEqualTo("GALLIUM"))
                .satisfies(e -> assertThat(e.criteria().identity()).isNotEmpty());
        assertThat(shipped.version()).isEqualTo(curated.version());
        assertThat(shipped.measures()).isEqualTo(curated.measures());
    }
}

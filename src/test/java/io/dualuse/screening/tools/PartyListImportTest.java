package io.dualuse.screening.tools;

import io.dualuse.screening.core.parties.ListKind;
import io.dualuse.screening.core.parties.ListStatus;
import io.dualuse.screening.core.parties.ListedParty;
import io.dualuse.screening.core.parties.PartyListLoader;
import io.dualuse.screening.core.parties.PartyLists;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped party lists are exactly what the import makes from rules/cn-control-lists/, and say what SOURCE.md says. */
class PartyListImportTest {

    private static final Path SHIPPED = Path.of("src/main/resources/parties/cn-entity-lists.csv");

    @Test
    void theShippedFileIsWhatTheImportMakesByteForByte() throws IOException {
        assertThat(PartyListImport.build(Path.of("rules/cn-control-lists")))
                .as("run ./mvnw -Pimport-parties process-test-classes after changing rules/cn-control-lists/")
                .isEqualTo(Files.readString(SHIPPED, StandardCharsets.UTF_8));
    }

    @Test
    void everyListedEntityIsThereWithItsListAndBatchStatus() {
        PartyLists lists = PartyListLoader.bundled();
        // SOURCE.md: 153 on the control list, 40 on the watch list, 81 UEL rows (72 entities + 9 TechInsights branches)
        Map<ListKind, Long> byList = lists.entries().stream().collect(Collectors.groupingBy(ListedParty::list, Collectors.counting()));
        assertThat(byList).containsEntry(ListKind.CONTROL, 153L).containsEntry(ListKind.WATCH, 40L).containsEntry(ListKind.UNRELIABLE, 81L);
        assertThat(lists.entries()).extracting(ListedParty::id).doesNotHaveDuplicates();
        assertThat(lists.entries()).allSatisfy(e -> assertThat(e.names()).isNotEmpty());

        // a few entities are on two lists (Lockheed Martin: control list and UEL): keyed by list too
        Map<String, ListedParty> byName = lists.entries().stream()
                .collect(Collectors.toMap(e -> e.nameEn() + "|" + e.list(), Function.identity(), (a, b) -> a));
        ListedParty jaxa = byName.get("Japan Aerospace Exploration Agency|CONTROL");
        assertThat(jaxa.list()).isEqualTo(ListKind.CONTROL);
        assertThat(jaxa.effective()).isEqualTo(LocalDate.of(2026, 2, 24));
        assertThat(jaxa.status()).isEqualTo(ListStatus.IN_FORCE);
        assertThat(jaxa.aliases()).contains("JAXA");
        // No. 22 of 2025 ceased from 2025-08-12; No. 13 of 2025 from 2025-11-10; No. 21 of 2025 suspended
        assertThat(byName.get("Echodyne|CONTROL").status()).isEqualTo(ListStatus.CEASED);
        assertThat(byName.get("Echodyne|CONTROL").statusFrom()).isEqualTo(LocalDate.of(2025, 8, 12));
        assertThat(byName.get("Leidos|CONTROL").statusFrom()).isEqualTo(LocalDate.of(2025, 11, 10));
        assertThat(byName.get("High Point Aerotechnologies|CONTROL").status()).isEqualTo(ListStatus.SUSPENDED);
        // effective at 12:01 on 2025-04-10: the day counts
        assertThat(byName.get("Echodyne|CONTROL").effective()).isEqualTo(LocalDate.of(2025, 4, 10));
        assertThat(byName.get("SUBARU Corporation|WATCH").list()).isEqualTo(ListKind.WATCH);
        assertThat(byName.get("Lockheed Martin Corporation|UNRELIABLE").list()).isEqualTo(ListKind.UNRELIABLE);
        // compiled from one source only: marked, with the reason
        assertThat(lists.entries()).filteredOn(e -> e.announcement().contains("per compilation"))
                .isNotEmpty().allSatisfy(e -> assertThat(e.verified()).isFalse());
        assertThat(lists.entries()).filteredOn(e -> !e.verified()).allSatisfy(e -> assertThat(e.note()).isNotBlank());
    }
}

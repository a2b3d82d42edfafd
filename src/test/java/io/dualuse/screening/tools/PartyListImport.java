package io.dualuse.screening.tools;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the shipped party lists ({@code src/main/resources/parties/cn-entity-lists.csv}) from the
 * compiled MOFCOM lists in {@code rules/cn-control-lists/} (entities.csv, batches.csv, SOURCE.md):
 * one row per listed entity with a stable id, its list, announcement, dates, the status of its
 * batch's measures (in force, suspended, ceased from a date), its names as published, aliases,
 * country, legal basis, and whether it is verified. Nothing is added that the inputs do not say.
 *
 * <p>Run it with {@code ./mvnw -Pimport-parties process-test-classes}. {@code PartyListImportTest}
 * proves that running it again gives the committed file byte for byte.
 */
public final class PartyListImport {

    public static final List<String> COLUMNS = List.of("id", "list", "announcement", "announced", "effective", "status",
            "status_from", "name_zh", "name_en", "name_ja", "aliases", "country", "legal_basis", "verified", "note", "source");

    private static final Map<String, String> LEGAL_BASIS = Map.of(
            "control", "Export Control Law of the PRC (2020); Regulations of the PRC on Export Control of Dual-Use Items (State Council Order No. 792, in force 2024-12-01)",
            "watch", "Regulations of the PRC on Export Control of Dual-Use Items (State Council Order No. 792), watch list",
            "unreliable", "Provisions on the Unreliable Entity List (MOFCOM Order 2020 No. 4)");
    private static final Map<String, String> LIST_CODE = Map.of("control", "CTRL", "watch", "WATCH", "unreliable", "UEL");
    private static final Pattern CEASED = Pattern.compile("ceased[^;]*?from (\\d{4}-\\d{2}-\\d{2})");

    private PartyListImport() {
    }

    public static void main(String[] args) throws IOException {
        Path project = Path.of(args.length > 0 ? args[0] : ".");
        Path out = project.resolve("src/main/resources/parties/cn-entity-lists.csv");
        String csv = build(project.resolve("rules/cn-control-lists"));
        Files.writeString(out, csv, StandardCharsets.UTF_8);
        System.out.println("party lists: " + (csv.split("\n").length - 1) + " entries -> " + project.relativize(out));
    }

    /** The output file's text, from the inputs in {@code dir}. */
    public static String build(Path dir) throws IOException {
        Map<String, Map<String, String>> batches = new LinkedHashMap<>();
        for (Map<String, String> b : read(dir.resolve("batches.csv"))) {
            batches.put(b.get("announcement").trim(), b);
        }
        List<Map<String, String>> rows = new ArrayList<>();
        Map<String, Integer> seq = new LinkedHashMap<>();
        for (Map<String, String> e : read(dir.resolve("entities.csv"))) {
            String list = e.get("list").trim();
            if (!LEGAL_BASIS.containsKey(list)) {
                throw new IllegalArgumentException("entities.csv: unknown list '" + list + "' for " + e.get("name_en"));
            }
            String announcement = e.get("announcement").trim();
            Map<String, String> batch = batchOf(batches, list, announcement, e.get("announced").trim());
            String status = batch.getOrDefault("status_as_known", "");
            String completeness = batch.getOrDefault("completeness", "");
            String key = LIST_CODE.get(list) + "-" + e.get("announced").trim().replace("-", "");
            int n = seq.merge(key, 1, Integer::sum);
            Map<String, String> r = new LinkedHashMap<>();
            r.put("id", key + "-" + String.format("%02d", n));
            r.put("list", list);
            r.put("announcement", announcement);
            r.put("announced", e.get("announced").trim());
            r.put("effective", e.get("effective").trim().substring(0, 10)); // "2025-04-10 12:01": the day counts
            Matcher ceased = CEASED.matcher(status);
            if (ceased.find()) {
                r.put("status", "CEASED");
                r.put("status_from", ceased.group(1));
            } else if (status.contains("suspended")) {
                r.put("status", "SUSPENDED");
                r.put("status_from", "");
            } else {
                r.put("status", "IN_FORCE");
                r.put("status_from", "");
            }
            r.put("name_zh", e.get("name_zh").trim());
            r.put("name_en", e.get("name_en").trim());
            r.put("name_ja", e.get("name_ja").trim());
            r.put("aliases", e.get("aliases").trim());
            r.put("country", e.get("country").trim());
            r.put("legal_basis", LEGAL_BASIS.get(list));
            List<String> doubts = new ArrayList<>();
            if (batch.getOrDefault("announcement", "").contains("uncertain") || announcement.contains("per compilation")) {
                doubts.add("announcement number uncertain");
            }
            if (completeness.contains("compilation")) {
                doubts.add("names from compilations: " + completeness);
            }
            if (e.get("source").contains("NOT verified")) {
                doubts.add("Japanese name not verified");
            }
            if (status.contains("NOT FOUND")) {
                doubts.add("status: " + status);
            }
            r.put("verified", String.valueOf(doubts.isEmpty()));
            r.put("note", String.join("; ", doubts));
            r.put("source", e.get("source").trim());
            rows.add(r);
        }
        CsvSchema schema = CsvSchema.builder().addColumns(COLUMNS, CsvSchema.ColumnType.STRING).build().withHeader()
                .withLineSeparator("\n");
        StringWriter w = new StringWriter();
        new CsvMapper().writer(schema).writeValues(w).writeAll(rows).close();
        return w.toString();
    }

    /** The batch of an entity: by its announcement's Chinese title, else by list and date (batches.csv words some titles differently). */
    private static Map<String, String> batchOf(Map<String, Map<String, String>> batches, String list, String announcement,
                                               String announced) {
        String zh = announcement.split(" / ")[0].trim();
        for (Map.Entry<String, Map<String, String>> b : batches.entrySet()) {
            if (b.getValue().get("list").trim().equals(list) && (b.getKey().equals(zh) || b.getKey().startsWith(zh + " "))) {
                return b.getValue();
            }
        }
        for (Map<String, String> b : batches.values()) {
            if (b.get("list").trim().equals(list) && b.get("announced").trim().equals(announced)) {
                return b;
            }
        }
        throw new IllegalArgumentException("entities.csv: no batch in batches.csv for " + list + " " + announcement);
    }

    private static List<Map<String, String>> read(Path csv) {
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(Files.newBufferedReader(csv, StandardCharsets.UTF_8))) {
            return it.readAll();
        } catch (IOException e) {
            throw new UncheckedIOException(csv + ": " + e.getMessage(), e);
        }
    }
}

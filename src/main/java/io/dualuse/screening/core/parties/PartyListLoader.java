package io.dualuse.screening.core.parties;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads party lists in the shipped format ({@code parties/cn-entity-lists.csv}, made by
 * {@code tools.PartyListImport}): one row per listed entity. A row that cannot be read fails the
 * load naming its line and field; the version is a hash of the bytes.
 */
public final class PartyListLoader {

    /** The lists that ship in the jar. */
    public static final String BUNDLED = "parties/cn-entity-lists.csv";

    private PartyListLoader() {
    }

    public static PartyLists bundled() {
        try (InputStream in = PartyListLoader.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException(BUNDLED + " is not on the classpath");
            }
            return load(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One row of a party-list file as read: its entry, or what is wrong with it. */
    public record Row(int line, String id, ListedParty entry, String problem) {
    }

    /**
     * Reads every row of a party-list file and says, row by row, what it holds or what is wrong,
     * so that an officer's import can be answered row by row. Ids must be unique.
     *
     * @throws IllegalArgumentException when the file is not CSV with a header at all
     */
    public static List<Row> check(byte[] csv) {
        List<Row> rows = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(new ByteArrayInputStream(csv))) {
            int line = 1;
            while (it.hasNext()) {
                line++;
                Map<String, String> r = it.next();
                String id = text(r, "id");
                try {
                    ListedParty e = entry(r, line);
                    rows.add(ids.add(id) ? new Row(line, id, e, null) : new Row(line, id, null, "id " + id + " appears twice"));
                } catch (IllegalArgumentException e) {
                    rows.add(new Row(line, id, null, e.getMessage()));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a party-list CSV with a header line: " + e.getMessage(), e);
        }
        return rows;
    }

    public static PartyLists load(byte[] csv) {
        List<ListedParty> entries = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(new ByteArrayInputStream(csv))) {
            int line = 1;
            while (it.hasNext()) {
                line++;
                entries.add(entry(it.next(), line));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("party lists: " + e.getMessage(), e);
        }
        return new PartyLists(entries, version(csv));
    }

    private static ListedParty entry(Map<String, String> r, int line) {
        String where = "party lists, line " + line + ": ";
        ListKind list;
        ListStatus status;
        try {
            list = ListKind.valueOf(text(r, "list").toUpperCase(Locale.ROOT));
            status = ListStatus.valueOf(text(r, "status").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + "list must be control, watch or unreliable and status IN_FORCE,"
                    + " SUSPENDED or CEASED; got '" + r.get("list") + "', '" + r.get("status") + "'");
        }
        String id = text(r, "id");
        if (id.isEmpty() || text(r, "name_zh").isEmpty() && text(r, "name_en").isEmpty() && text(r, "name_ja").isEmpty()) {
            throw new IllegalArgumentException(where + "an entry needs an id and at least one name");
        }
        List<String> aliases = Arrays.stream(text(r, "aliases").split(";")).map(String::trim).filter(a -> !a.isEmpty()).toList();
        return new ListedParty(id, list, text(r, "announcement"), date(r, "announced", where), date(r, "effective", where),
                status, text(r, "status_from").isEmpty() ? null : date(r, "status_from", where),
                text(r, "name_zh"), text(r, "name_en"), text(r, "name_ja"), aliases, text(r, "country"),
                text(r, "legal_basis"), Boolean.parseBoolean(text(r, "verified")), text(r, "note"));
    }

    private static String text(Map<String, String> r, String field) {
        String v = r.get(field);
        return v == null ? "" : v.trim();
    }

    private static LocalDate date(Map<String, String> r, String field, String where) {
        try {
            return LocalDate.parse(text(r, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + field + " must be a date (YYYY-MM-DD), got '" + r.get(field) + "'");
        }
    }

    private static String version(byte[] csv) {
        try {
            return "PL-" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv)).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.dualuse.screening.api;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.dualuse.screening.core.license.License;
import io.dualuse.screening.core.order.Violation;
import io.dualuse.screening.license.event.LicenseRecord;
import io.dualuse.screening.license.event.LicenseStatus;
import io.dualuse.screening.state.LicenseBook;
import io.dualuse.screening.wire.LicenseEvents;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Licence import from a spreadsheet export (CSV with a header row), because that is where
 * compliance teams keep them. Each valid row is registered like a single licence; each invalid
 * row is reported with its violations and the rest still go through.
 */
@ApplicationScoped
public class LicenseCsv {

    public static final List<String> COLUMNS = List.of("licenseNumber", "exporterId", "controlNumbers", "commodityCodes",
            "destinationCountry", "endUserName", "quantity", "unit", "validFrom", "validTo", "status");

    private final LicenseBook book;

    /** Rows one import may hold: a licence office's batch, well under the request body limit. */
    static final int MAX_ROWS = 5_000;

    public LicenseCsv(LicenseBook book) {
        this.book = book;
    }

    /** The outcome of one CSV row (row 1 is the first row after the header). */
    public record RowResult(int row, String licenseNumber, String outcome, List<Violation> violations) {
    }

    public record ImportReport(int created, int updated, int invalid, List<RowResult> rows) {
    }

    /** Registers row by row, in file order, so that a later row for the same licence number wins. */
    public ImportReport importCsv(String csv, String actor) {
        List<Map<String, String>> rows = parse(csv);
        List<RowResult> results = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            results.add(register(i + 1, rows.get(i), actor));
        }
        int created = (int) results.stream().filter(r -> r.outcome().equals("CREATED")).count();
        int updated = (int) results.stream().filter(r -> r.outcome().equals("UPDATED")).count();
        return new ImportReport(created, updated, rows.size() - created - updated, results);
    }

    /** One licence from its {@link #COLUMNS} (a CSV row or the console's form): CREATED, UPDATED or INVALID. */
    public RowResult register(int rowNo, Map<String, String> row, String actor) {
        List<Violation> violations = new ArrayList<>();
        License license = LicenseEvents.toLicense(toRecord(row, violations), violations);
        if (license == null) {
            return new RowResult(rowNo, row.get("licenseNumber"), "INVALID", violations);
        }
        boolean isNew = book.register(license, actor).toCompletableFuture().join();
        return new RowResult(rowNo, license.licenseNumber(), isNew ? "CREATED" : "UPDATED", List.of());
    }

    private static List<Map<String, String>> parse(String csv) {
        if (csv == null || csv.isBlank()) {
            throw JsonBodies.badRequest("empty CSV", List.of(new Violation("body", "a header row and licence rows are required")));
        }
        CsvMapper mapper = new CsvMapper();
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader().withColumnSeparator(',')).readValues(csv)) {
            // read row by row up to the cap: a file of a hundred thousand rows is refused, not held in memory
            List<Map<String, String>> rows = new ArrayList<>();
            while (it.hasNextValue()) {
                if (rows.size() == MAX_ROWS) {
                    throw JsonBodies.badRequest("CSV too long", List.of(new Violation("body",
                            "at most " + MAX_ROWS + " licence rows per import: split the file")));
                }
                rows.add(it.nextValue());
                if (rows.size() == 1 && !rows.get(0).keySet().containsAll(List.of("licenseNumber", "exporterId"))) {
                    throw JsonBodies.badRequest("bad CSV header", List.of(new Violation("header", "expected columns " + COLUMNS)));
                }
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            if (e instanceof jakarta.ws.rs.BadRequestException b) {
                throw b;
            }
            throw JsonBodies.badRequest("malformed CSV", List.of(new Violation("body", String.valueOf(e.getMessage()))));
        }
    }

    private static LicenseRecord toRecord(Map<String, String> row, List<Violation> violations) {
        LicenseRecord r = new LicenseRecord();
        r.setLicenseNumber(trim(row.get("licenseNumber")));
        r.setExporterId(trim(row.get("exporterId")));
        r.setControlNumbers(list(row.get("controlNumbers")));
        r.setCommodityCodes(list(row.get("commodityCodes")));
        r.setDestinationCountry(trim(row.get("destinationCountry")));
        r.setEndUserName(trim(row.get("endUserName")));
        r.setQuantity(trim(row.get("quantity")));
        r.setUnit(trim(row.get("unit")));
        r.setValidFrom(trim(row.get("validFrom")));
        r.setValidTo(trim(row.get("validTo")));
        String status = trim(row.get("status"));
        if (status != null) {
            try {
                r.setStatus(LicenseStatus.valueOf(status.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("status", "must be ACTIVE, REVOKED or SUSPENDED, got '"
                        + io.dualuse.screening.core.order.ContractLimits.shorten(status) + "'"));
            }
        }
        return r;
    }

    private static List<String> list(String cell) {
        if (cell == null || cell.isBlank()) {
            return List.of();
        }
        return Arrays.stream(cell.split("[;|]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

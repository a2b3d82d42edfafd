package io.dualuse.screening.api;

import io.dualuse.screening.core.order.ContractLimits;
import io.dualuse.screening.core.order.Violation;
import io.dualuse.screening.core.parties.ListKind;
import io.dualuse.screening.core.parties.ListedParty;
import io.dualuse.screening.core.parties.PartyFindings;
import io.dualuse.screening.core.parties.PartyListLoader;
import io.dualuse.screening.core.parties.PartyLists;
import io.dualuse.screening.core.parties.PartyMatch;
import io.dualuse.screening.parties.event.PartyListVersion;
import io.dualuse.screening.platform.Roles;
import io.dualuse.screening.state.ActiveRuleset;
import io.dualuse.screening.state.PartyFindingBook;
import io.dualuse.screening.state.PartyListVersions;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * MOFCOM's entity lists as the service screens parties against them: which version is in force,
 * and what a name matches (the same matching the pipeline and the dry run apply to every party).
 */
@Path("/api/v1/parties")
@Produces(MediaType.APPLICATION_JSON)
public class PartyResource {

    private final ActiveRuleset rules;
    private final PartyListVersions versions;
    private final PartyFindingBook findings;

    public PartyResource(ActiveRuleset rules, PartyListVersions versions, PartyFindingBook findings) {
        this.rules = rules;
        this.versions = versions;
        this.findings = findings;
    }

    /** An officer's finding that a party is not a listed entity. */
    public record FindingRequest(String entryId, String partyName, String reason) {
    }

    @GET
    @Path("/findings")
    @RolesAllowed({Roles.OPS, Roles.OFFICER})
    @Operation(summary = "Officers' findings that a party is not a listed entity, oldest first")
    public List<PartyFindings.Finding> findings() {
        return findings.all();
    }

    @POST
    @Path("/findings")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OFFICER)
    @Operation(summary = "Record that a party is not a listed entity",
            description = "{entryId, partyName, reason}: the party name must match the entry today. The same name (in any spelling the"
                    + " service folds) is then not held again for that entry; open holds citing the entry are re-screened, and every"
                    + " decision it clears cites the finding (PARTY_NOT_LISTED). 400 names a bad field.")
    public Response recordFinding(FindingRequest request, @Context SecurityContext who) {
        List<Violation> problems = new ArrayList<>();
        if (request == null) {
            throw JsonBodies.badRequest("empty body", List.of(new Violation("body", "{entryId, partyName, reason} required")));
        }
        PartyLists lists = rules.screener().parties();
        if (request.entryId() == null || lists.entries().stream().noneMatch(e -> e.id().equals(request.entryId()))) {
            problems.add(new Violation("entryId", "not an entry of the lists in force (" + lists.version() + ")"));
        }
        if (request.partyName() == null || request.partyName().isBlank() || request.partyName().length() > ContractLimits.MAX_NAME) {
            problems.add(new Violation("partyName", "required, at most " + ContractLimits.MAX_NAME + " characters"));
        }
        if (request.reason() == null || request.reason().isBlank() || request.reason().length() > ContractLimits.MAX_TEXT) {
            problems.add(new Violation("reason", "required, at most " + ContractLimits.MAX_TEXT + " characters: why it is not the entity"));
        }
        if (problems.isEmpty() && lists.screen(request.partyName(), null).stream().noneMatch(m -> m.entry().id().equals(request.entryId()))) {
            problems.add(new Violation("partyName", "'" + ContractLimits.shorten(request.partyName()) + "' does not match "
                    + request.entryId() + ": there is nothing to rule out"));
        }
        if (!problems.isEmpty()) {
            throw JsonBodies.badRequest("invalid finding", problems);
        }
        PartyFindings.Finding f = findings.record(request.entryId(), request.partyName().trim(), request.reason().trim(),
                who.getUserPrincipal().getName()).toCompletableFuture().join();
        return Response.status(Response.Status.CREATED).entity(f).build();
    }

    @jakarta.ws.rs.DELETE
    @Path("/findings")
    @RolesAllowed(Roles.OFFICER)
    @Operation(summary = "Withdraw a finding", description = "entryId and partyName as recorded: 204, or 404 when there is no such finding")
    public Response withdrawFinding(@QueryParam("entryId") String entryId, @QueryParam("partyName") String partyName) {
        if (entryId == null || partyName == null || entryId.isBlank() || partyName.isBlank()) {
            throw JsonBodies.badRequest("invalid query", List.of(new Violation(entryId == null || entryId.isBlank() ? "entryId" : "partyName",
                    "required")));
        }
        boolean withdrawn = findings.withdraw(entryId, partyName).toCompletableFuture().join();
        return Response.status(withdrawn ? Response.Status.NO_CONTENT : Response.Status.NOT_FOUND).build();
    }

    /** The lists in force, and where they come from. */
    public record ListsInfo(String version, int entries, Map<ListKind, Integer> byList, double confidentFrom, double possibleFrom,
                            String source, String publishedBy, java.time.Instant publishedAt) {
    }

    /** One row of an import: what it does to the lists in force. */
    public record RowResult(int line, String id, String result, String problem) {
    }

    /** What an import did. */
    public record ImportResult(String version, int entries, Map<String, Integer> counts, List<RowResult> rows, Integer rescreened) {
    }

    /** One match of a name, with the entry and how its listing stands on the day asked about. */
    public record MatchView(String entryId, ListKind list, String listedName, String displayName, String nameZh, String nameJa,
                            String country, String announcement, LocalDate effective, String status, String standing,
                            double score, boolean confident, String legalBasis, boolean verified, String note) {
        static MatchView of(PartyMatch m, LocalDate on) {
            ListedParty e = m.entry();
            return new MatchView(e.id(), e.list(), m.listedName(), e.displayName(), e.nameZh(), e.nameJa(), e.country(),
                    e.announcement(), e.effective(), e.status() + (e.statusFrom() == null ? "" : " from " + e.statusFrom()),
                    e.on(on).name(), m.score(), m.confident(), e.legalBasis(), e.verified(), e.note());
        }
    }

    @GET
    @RolesAllowed({Roles.OPS, Roles.OFFICER})
    @Operation(summary = "The party lists in force: version and counts")
    public ListsInfo info() {
        PartyLists lists = rules.screener().parties();
        Map<ListKind, Integer> byList = new EnumMap<>(ListKind.class);
        lists.entries().forEach(e -> byList.merge(e.list(), 1, Integer::sum));
        PartyListVersion record = versions.inForce();
        boolean same = record != null && record.getVersion().equals(lists.version());
        return new ListsInfo(lists.version(), lists.size(), byList, PartyLists.CONFIDENT, PartyLists.POSSIBLE,
                same ? record.getSource() : "configuration", same ? record.getPublishedBy() : null,
                same ? record.getPublishedAt() : null);
    }

    @GET
    @Path("/export")
    @Produces("text/csv")
    @RolesAllowed({Roles.OPS, Roles.OFFICER})
    @Operation(summary = "The party lists in force as CSV", description = "The import format: edit, then POST it back")
    public String export() {
        PartyListVersion record = versions.inForce();
        if (record != null && record.getVersion().equals(rules.screener().parties().version())) {
            return record.getCsv();
        }
        return new String(rules.configuredPartiesCsv(), StandardCharsets.UTF_8);
    }

    @POST
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed(Roles.OFFICER)
    @Operation(summary = "Put new party lists in force (CSV, the whole lists)",
            description = "Every row is checked; any invalid row: 400 with every row's result and nothing changes. Otherwise the"
                    + " lists go to screening.parties.v1, every instance puts them in force and re-screens its open holds and"
                    + " released-not-shipped orders; the answer says per row ADDED, CHANGED, UNCHANGED, and REMOVED for ids that are gone.")
    public CompletionStage<ImportResult> importLists(String text, @Context SecurityContext who) {
        // decoded by the charset the request declares (UTF-8 when it declares none), kept as UTF-8
        byte[] body = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        if (body.length == 0) {
            throw JsonBodies.badRequest("empty body", List.of(new Violation("body", "the party lists as CSV, with the header line")));
        }
        List<PartyListLoader.Row> rows;
        try {
            rows = PartyListLoader.check(body);
        } catch (IllegalArgumentException e) {
            throw JsonBodies.badRequest("invalid party lists", List.of(new Violation("body", ContractLimits.shorten(e.getMessage()))));
        }
        if (rows.isEmpty()) {
            throw JsonBodies.badRequest("invalid party lists", List.of(new Violation("body", "no entries: a list is not emptied by import")));
        }
        if (rows.size() > MAX_ROWS) {
            throw JsonBodies.badRequest("invalid party lists", List.of(new Violation("body", "at most " + MAX_ROWS + " entries, got " + rows.size())));
        }
        Map<String, ListedParty> current = new java.util.HashMap<>();
        rules.screener().parties().entries().forEach(e -> current.put(e.id(), e));
        List<RowResult> results = new ArrayList<>();
        List<Violation> invalid = new ArrayList<>();
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (PartyListLoader.Row r : rows) {
            String result;
            if (r.problem() != null) {
                result = "INVALID";
                invalid.add(new Violation("line " + r.line(), ContractLimits.shorten(r.problem())));
            } else {
                ListedParty before = current.remove(r.id());
                result = before == null ? "ADDED" : before.equals(r.entry()) ? "UNCHANGED" : "CHANGED";
            }
            counts.merge(result, 1, Integer::sum);
            results.add(new RowResult(r.line(), r.id(), result, r.problem()));
        }
        if (!invalid.isEmpty()) {
            throw JsonBodies.badRequest("invalid party lists: " + invalid.size() + " row(s); nothing changed", invalid);
        }
        for (String gone : new java.util.TreeSet<>(current.keySet())) {
            results.add(new RowResult(0, gone, "REMOVED", null));
            counts.merge("REMOVED", 1, Integer::sum);
        }
        PartyLists next = PartyListLoader.load(body);
        return versions.publish(next, body, who.getUserPrincipal().getName())
                .thenApply(n -> new ImportResult(next.version(), next.size(), counts, results, n));
    }

    static final int MAX_ROWS = 50_000;

    @GET
    @Path("/matches")
    @RolesAllowed({Roles.OPS, Roles.OFFICER})
    @Operation(summary = "What a party name matches on the lists",
            description = "name (required, any script), country (ISO code, optional), date (YYYY-MM-DD, default today: how each listing stands then)")
    public List<MatchView> matches(@QueryParam("name") String name, @QueryParam("country") String country,
                                   @QueryParam("date") String date) {
        List<Violation> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add(new Violation("name", "required"));
        } else if (name.length() > ContractLimits.MAX_NAME) {
            problems.add(new Violation("name", "at most " + ContractLimits.MAX_NAME + " characters"));
        }
        if (country != null && !country.isBlank() && !country.trim().matches("[A-Za-z]{2}")) {
            problems.add(new Violation("country", "an ISO 3166 alpha-2 code, got '" + ContractLimits.shorten(country) + "'"));
        }
        LocalDate on = LocalDate.now(rules.screener().clock());
        if (date != null && !date.isBlank()) {
            try {
                on = LocalDate.parse(date.trim());
            } catch (DateTimeParseException e) {
                problems.add(new Violation("date", "YYYY-MM-DD, got '" + ContractLimits.shorten(date) + "'"));
            }
        }
        if (!problems.isEmpty()) {
            throw JsonBodies.badRequest("invalid party query", problems);
        }
        LocalDate day = on;
        return rules.screener().parties().screen(name, country == null || country.isBlank() ? null : country.trim().toUpperCase())
                .stream().map(m -> MatchView.of(m, day)).toList();
    }
}

package io.dualuse.screening.api;

import io.dualuse.screening.core.order.ContractLimits;
import io.dualuse.screening.core.order.Violation;
import io.dualuse.screening.core.parties.ListKind;
import io.dualuse.screening.core.parties.ListedParty;
import io.dualuse.screening.core.parties.PartyLists;
import io.dualuse.screening.core.parties.PartyMatch;
import io.dualuse.screening.platform.Roles;
import io.dualuse.screening.state.ActiveRuleset;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * MOFCOM's entity lists as the service screens parties against them: which version is in force,
 * and what a name matches (the same matching the pipeline and the dry run apply to every party).
 */
@Path("/api/v1/parties")
@Produces(MediaType.APPLICATION_JSON)
public class PartyResource {

    private final ActiveRuleset rules;

    public PartyResource(ActiveRuleset rules) {
        this.rules = rules;
    }

    /** The lists in force. */
    public record ListsInfo(String version, int entries, Map<ListKind, Integer> byList, double confidentFrom, double possibleFrom) {
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
        return new ListsInfo(lists.version(), lists.size(), byList, PartyLists.CONFIDENT, PartyLists.POSSIBLE);
    }

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

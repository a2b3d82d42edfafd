package io.dualuse.screening.ops;

import io.dualuse.screening.order.Violation;
import io.dualuse.screening.review.HoldLifecycle;
import io.dualuse.screening.rules.ActiveRuleset;
import io.dualuse.screening.rules.Ruleset;
import io.dualuse.screening.rules.RulesetException;
import io.dualuse.screening.rules.RulesetLoader;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/**
 * The ruleset in force, and its replacement at run time (the next announcement can come any day).
 * A new ruleset is validated whole before it is used; open holds and released orders not yet
 * shipped are re-screened against it.
 */
@Path("/api/v1/ruleset")
@Produces(MediaType.APPLICATION_JSON)
public class RulesetResource {

    private final ActiveRuleset rules;
    private final HoldLifecycle holds;

    public RulesetResource(ActiveRuleset rules, HoldLifecycle holds) {
        this.rules = rules;
        this.holds = holds;
    }

    /** What is in force. */
    public record RulesetInfo(String version, String sha256, LocalDate publishedAt, String origin, int catalogEntries,
                              int measures, Integer rescreened) {
        static RulesetInfo of(Ruleset r, Integer rescreened) {
            return new RulesetInfo(r.version(), r.contentHash(), r.publishedAt(), r.origin(), r.catalog().size(),
                    r.measures().size(), rescreened);
        }
    }

    @GET
    @RolesAllowed({Roles.OPS, Roles.OFFICER})
    @Operation(summary = "The ruleset in force")
    public RulesetInfo current() {
        return RulesetInfo.of(rules.screener().ruleset(), null);
    }

    @POST
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    @RolesAllowed(Roles.OFFICER)
    @Operation(summary = "Activate a new ruleset (YAML body, format in docs/rules.md)",
            description = "400 lists every problem (entry and field); on success, open holds and released orders not yet shipped are re-screened and changed decisions published.")
    public RulesetInfo activate(String yaml, @Context SecurityContext who) {
        Ruleset next;
        try {
            next = new RulesetLoader().parse(yaml == null ? new byte[0] : yaml.getBytes(StandardCharsets.UTF_8),
                    "upload by " + who.getUserPrincipal().getName());
        } catch (RulesetException e) {
            throw JsonBodies.badRequest("ruleset refused", e.problems().stream().map(p -> new Violation("ruleset", p)).toList());
        }
        rules.activate(next);
        int changed = holds.rulesetActivated(next.version(), who.getUserPrincipal().getName()).toCompletableFuture().join();
        return RulesetInfo.of(next, changed);
    }
}

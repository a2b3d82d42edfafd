package io.dualuse.screening.api;

import io.dualuse.screening.core.order.Violation;
import io.dualuse.screening.core.rules.Ruleset;
import io.dualuse.screening.core.rules.RulesetException;
import io.dualuse.screening.core.rules.RulesetLoader;
import io.dualuse.screening.platform.Roles;
import io.dualuse.screening.rules.event.RulesetActivation;
import io.dualuse.screening.state.ActiveRuleset;
import io.dualuse.screening.state.RulesetActivations;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The ruleset in force, and its replacement at run time (the next announcement can come any day).
 * A new ruleset is validated whole, then published on the ruleset topic, from which every instance
 * puts it in force and re-screens the open holds and released orders not yet shipped that it owns
 * ({@link RulesetActivations}).
 */
@Path("/api/v1/ruleset")
@Produces(MediaType.APPLICATION_JSON)
public class RulesetResource {

    private final ActiveRuleset rules;
    private final RulesetActivations activations;

    public RulesetResource(ActiveRuleset rules, RulesetActivations activations) {
        this.rules = rules;
        this.activations = activations;
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

    /** One activation on the ruleset topic. */
    public record Activation(String version, String sha256, LocalDate publishedAt, String activatedBy, Instant activatedAt,
                             boolean inForce) {
    }

    @GET
    @Path("/history")
    @RolesAllowed({Roles.OPS, Roles.OFFICER})
    @Operation(summary = "Rulesets activated, newest first (each version once, at its latest activation)",
            description = "From the ruleset topic: which ruleset was in force since when, and who activated it. "
                    + "A decision's rulesetVersion and rulesetHash name one of them; GET /versions/{version} returns its file.")
    public List<Activation> history() {
        String inForce = rules.screener().ruleset().contentHash();
        List<Activation> out = new ArrayList<>();
        for (RulesetActivation a : activations.history()) {
            out.add(0, new Activation(a.getVersion(), a.getSha256(), LocalDate.parse(a.getPublishedAt()), a.getActivatedBy(),
                    a.getActivatedAt(), a.getSha256().equals(inForce)));
        }
        return out;
    }

    @GET
    @Path("/versions/{version}")
    @Produces("application/yaml")
    @RolesAllowed({Roles.OPS, Roles.OFFICER})
    @Operation(summary = "The file of an activated ruleset version, as activated (its SHA-256 is the decisions' rulesetHash)")
    public String file(@PathParam("version") String version) {
        return activations.activation(version).map(RulesetActivation::getYaml)
                .orElseThrow(() -> new NotFoundException(Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN_TYPE)
                        .entity("no ruleset " + version + " was activated on the ruleset topic").build()));
    }

    @GET
    @Path("/diff")
    @RolesAllowed({Roles.OPS, Roles.OFFICER})
    @Operation(summary = "What changed from one activated ruleset version to another",
            description = "Catalog entries (by control number), measures (by id) and sources (by id): ADDED, REMOVED or CHANGED with "
                    + "the fields that differ; red flags when changed. 404 names a version never activated on the ruleset topic.")
    public io.dualuse.screening.core.rules.RulesetDiff diff(@jakarta.ws.rs.QueryParam("from") String from,
                                                            @jakarta.ws.rs.QueryParam("to") String to) {
        List<Violation> missing = new ArrayList<>();
        if (from == null || from.isBlank()) {
            missing.add(new Violation("from", "a ruleset version is required"));
        }
        if (to == null || to.isBlank()) {
            missing.add(new Violation("to", "a ruleset version is required"));
        }
        if (!missing.isEmpty()) {
            throw JsonBodies.badRequest("two versions are needed", missing);
        }
        for (String[] v : new String[][] {{"from", from.trim()}, {"to", to.trim()}}) {
            if (activations.activation(v[1]).isEmpty()) {
                throw new NotFoundException(Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(new ViolationResponse("unknown ruleset version", List.of(new Violation(v[0],
                                "no ruleset '" + v[1] + "' was activated on the ruleset topic")))).build());
            }
        }
        return activations.diff(from.trim(), to.trim()).orElseThrow();
    }

    /** A ruleset file validated whole, as for an activation; 400 lists every problem. */
    static Ruleset parse(String yaml, SecurityContext who) {
        try {
            return new RulesetLoader().parse(yaml == null ? new byte[0] : yaml.getBytes(StandardCharsets.UTF_8),
                    "upload by " + who.getUserPrincipal().getName());
        } catch (RulesetException e) {
            throw JsonBodies.badRequest("ruleset refused", e.problems().stream().map(p -> new Violation("ruleset", p)).toList());
        }
    }

    @GET
    @Path("/versions/{from}/diff/{to}")
    @RolesAllowed({Roles.OPS, Roles.OFFICER})
    @Operation(summary = "What changed from one activated ruleset version to another (the same as /diff?from=&to=)")
    public io.dualuse.screening.core.rules.RulesetDiff versionDiff(@PathParam("from") String from, @PathParam("to") String to) {
        return diff(from, to);
    }

    @POST
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    @RolesAllowed(Roles.OFFICER)
    @Operation(summary = "Activate a new ruleset (YAML body, format in docs/rules.md)",
            description = "400 lists every problem (entry and field); 409 when it was published before the ruleset the service is configured with. "
                    + "On success every instance puts it in force and re-screens the open holds and released orders not yet shipped that it owns; "
                    + "rescreened counts the decisions this instance changed.")
    public RulesetInfo activate(String yaml, @Context SecurityContext who) {
        Ruleset next = parse(yaml, who);
        int changed;
        try {
            changed = activations.activate(next, yaml, who.getUserPrincipal().getName()).toCompletableFuture().join();
        } catch (RulesetActivations.OlderThanConfigured e) {
            throw new ClientErrorException(Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ViolationResponse("ruleset refused", List.of(new Violation("publishedAt", e.getMessage())))).build());
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RulesetActivations.NotAppliedInTime late) {
                throw new ServiceUnavailableException(Response.status(Response.Status.SERVICE_UNAVAILABLE)
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(new ViolationResponse("ruleset published, not yet in force here", List.of(new Violation("ruleset", late.getMessage()))))
                        .build());
            }
            throw e;
        }
        return RulesetInfo.of(rules.screener().ruleset(), changed);
    }
}

package io.dualuse.screening.api.console;

import io.dualuse.screening.core.rules.Ruleset;
import io.dualuse.screening.core.rules.RulesetDiff;
import io.dualuse.screening.core.rules.RulesetException;
import io.dualuse.screening.core.rules.RulesetLoader;
import io.dualuse.screening.platform.Roles;
import io.dualuse.screening.rules.event.RulesetActivation;
import io.dualuse.screening.state.ActiveRuleset;
import io.dualuse.screening.state.RulesetActivations;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;

/** Rulesets activated (newest first), the diff between two of them, and activating a new one. */
@Path("/console/rulesets")
@Produces(MediaType.TEXT_HTML)
public class RulesetsConsole {

    private final ActiveRuleset rules;
    private final RulesetActivations activations;
    private final SecurityIdentity identity;

    public RulesetsConsole(ActiveRuleset rules, RulesetActivations activations, SecurityIdentity identity) {
        this.rules = rules;
        this.activations = activations;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.OPS, Roles.OFFICER})
    public Response history(@QueryParam("from") String from, @QueryParam("to") String to) {
        if (from == null || from.isBlank() || to == null || to.isBlank()) {
            return page(200, null, from, to, null);
        }
        String missing = activations.activation(from.trim()).isEmpty() ? "from" : activations.activation(to.trim()).isEmpty() ? "to" : null;
        if (missing != null) {
            return page(400, null, from, to, missing + ": no ruleset '" + (missing.equals("from") ? from : to).trim()
                    + "' was activated on the ruleset topic");
        }
        return page(200, activations.diff(from.trim(), to.trim()).orElseThrow(), from, to, null);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Roles.OFFICER)
    @Blocking
    public Response activate(@RestForm("file") FileUpload file) {
        if (file == null || file.uploadedFile() == null) {
            return page(400, null, null, null, "file: choose a ruleset YAML file to activate");
        }
        byte[] yaml;
        try {
            yaml = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String who = identity.getPrincipal().getName();
        Ruleset next;
        try {
            next = new RulesetLoader().parse(yaml, "upload by " + who);
        } catch (RulesetException e) {
            return page(400, null, null, null, "ruleset refused: " + String.join("; ", e.problems()));
        }
        String before = rules.screener().ruleset().version();
        try {
            int changed = activations.activate(next, new String(yaml, java.nio.charset.StandardCharsets.UTF_8), who)
                    .toCompletableFuture().join();
            return page(200, null, before, next.version(), "ruleset " + next.version() + " in force; " + changed
                    + " decisions changed on this instance");
        } catch (RulesetActivations.OlderThanConfigured e) {
            return page(409, null, null, null, "publishedAt: " + e.getMessage());
        } catch (CompletionException e) {
            if (e.getCause() instanceof RulesetActivations.NotAppliedInTime late) {
                return page(503, null, null, null, "ruleset published, not yet in force here: " + late.getMessage());
            }
            throw e;
        }
    }

    private Response page(int status, RulesetDiff diff, String from, String to, String message) {
        String inForce = rules.screener().ruleset().contentHash();
        List<Pages.RulesetRow> rows = new ArrayList<>();
        for (RulesetActivation a : activations.history()) {
            rows.add(0, new Pages.RulesetRow(a.getVersion(), a.getSha256(), a.getPublishedAt(), a.getActivatedBy(),
                    a.getActivatedAt(), a.getSha256().equals(inForce)));
        }
        return Response.status(status).entity(Pages.rulesets(Viewer.of(identity), rows, diff, from, to, message)).build();
    }
}

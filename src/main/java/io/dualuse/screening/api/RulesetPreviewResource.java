package io.dualuse.screening.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.dualuse.screening.core.order.Violation;
import io.dualuse.screening.core.rules.Ruleset;
import io.dualuse.screening.platform.Roles;
import io.dualuse.screening.preview.PreviewJob;
import io.dualuse.screening.preview.RulesetPreviews;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Shadow mode: what a candidate ruleset would change, replayed on the orders of a recent window
 * side by side with the ruleset in force, before anyone activates it ({@link RulesetPreviews}).
 */
@Path("/api/v1/ruleset/preview")
@Produces(MediaType.APPLICATION_JSON)
public class RulesetPreviewResource {

    /** The largest page of changed orders. */
    static final int MAX_PAGE_SIZE = 500;

    private final RulesetPreviews previews;
    private final Clock clock;

    public RulesetPreviewResource(RulesetPreviews previews, Clock clock) {
        this.previews = previews;
        this.clock = clock;
    }

    /** A page of changed orders: each with its decision under the ruleset in force and under the candidate. */
    public record ChangesPage(String id, int page, int size, long total, int kept, boolean truncated, List<JsonNode> items) {
    }

    @POST
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    @RolesAllowed(Roles.OFFICER)
    @Operation(summary = "Preview a candidate ruleset on recent orders (YAML body, as for an activation)",
            description = "Validates the candidate as an activation does (400 lists every problem), then replays the order versions "
                    + "stamped in [from, to) on orders.v1 (default: the last 7 days; ISO instants or dates, UTC) under the ruleset in "
                    + "force and under the candidate, publishing nothing and drawing no licence. 202 with the preview's id and "
                    + "Location; 409 names the preview already running on this instance.")
    public Response start(String yaml, @QueryParam("from") String from, @QueryParam("to") String to,
                          @Context SecurityContext who, @Context UriInfo uri) {
        Ruleset candidate = RulesetResource.parse(yaml, who);
        Instant end = instant("to", to, clock.instant());
        Instant start = instant("from", from, end.minus(previews.defaultWindow()));
        if (!start.isBefore(end)) {
            throw JsonBodies.badRequest("empty window", List.of(new Violation("from", "must be before to (" + end + "), got " + start)));
        }
        try {
            PreviewJob.Status status = previews.start(candidate, start, end, who.getUserPrincipal().getName());
            return Response.accepted(status).location(uri.getAbsolutePathBuilder().path(status.id()).build()).build();
        } catch (RulesetPreviews.Running running) {
            throw new ClientErrorException(Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new Conflict(running.getMessage(), running.id())).build());
        }
    }

    /** 409: one preview at a time per instance. */
    public record Conflict(String error, String runningId) {
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.OPS, Roles.OFFICER})
    @Operation(summary = "A preview's progress, then its result",
            description = "state RUNNING, DONE, CANCELLED or FAILED. The result counts the orders by transition (RELEASE->HOLD...), "
                    + "by reason code and by control number, lists the records skipped and why, says whether the window reaches "
                    + "past what orders.v1 still holds, and carries the diff of the two rulesets.")
    public PreviewJob.Status status(@PathParam("id") String id) {
        return previews.status(id).orElseThrow(() -> notFound(id));
    }

    @GET
    @Path("/{id}/changes")
    @RolesAllowed({Roles.OPS, Roles.OFFICER})
    @Operation(summary = "The orders a finished preview decides otherwise, oldest first, paged")
    public ChangesPage changes(@PathParam("id") String id, @QueryParam("page") @DefaultValue("0") String page,
                               @QueryParam("size") @DefaultValue("50") String size) {
        List<Violation> problems = new ArrayList<>();
        int p = number("page", page, 0, Integer.MAX_VALUE, problems);
        int s = number("size", size, 1, MAX_PAGE_SIZE, problems);
        if (!problems.isEmpty()) {
            throw JsonBodies.badRequest("bad page", problems);
        }
        PreviewJob.Status status = status(id);
        if (status.state() != PreviewJob.State.DONE) {
            throw new ClientErrorException(Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ViolationResponse("preview not done", List.of(new Violation("id",
                            "preview " + id + " is " + status.state() + "; its changed orders are readable once it is DONE"))))
                    .build());
        }
        List<JsonNode> items = previews.changes(id, p, s).orElseThrow(() -> notFound(id));
        PreviewJob.Changes changes = status.result().changes();
        return new ChangesPage(id, p, s, changes.total(), changes.kept(), changes.truncated(), items);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.OFFICER)
    @Operation(summary = "Cancel a running preview (202), or forget a finished one (204)")
    public Response cancel(@PathParam("id") String id) {
        return switch (previews.cancel(id).orElseThrow(() -> notFound(id))) {
            case CANCELLING -> Response.accepted(status(id)).build();
            case DISCARDED -> Response.noContent().build();
        };
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException(Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ViolationResponse("unknown preview", List.of(new Violation("id",
                        "no preview " + id + " on this instance (a preview lives on the instance that started it, "
                                + "and the last few finished ones are kept)")))).build());
    }

    /** An ISO instant, or a date meaning its start in UTC. */
    private static Instant instant(String field, String value, Instant otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        String v = value.trim();
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw JsonBodies.badRequest("bad window", List.of(new Violation(field,
                    "an instant such as 2026-12-01T00:00:00Z or a date such as 2026-12-01 is required, got '" + value + "'")));
        }
    }

    private static int number(String field, String value, int min, int max, List<Violation> problems) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // named below
        }
        problems.add(new Violation(field, "must be a whole number from " + min + " to " + max + ", got '" + value + "'"));
        return min;
    }
}

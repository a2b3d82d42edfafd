package io.dualuse.screening.api;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.order.Violation;
import io.dualuse.screening.platform.Roles;
import io.dualuse.screening.state.DecisionExport;
import io.dualuse.screening.state.DecisionLog;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The latest decision this instance published for an order: read back from the audit topic for
 * the order stream's decisions (the decision log knows where each one is), from the local store
 * for re-screens and reviews.
 */
@Path("/api/v1/decisions")
@RolesAllowed({Roles.OPS, Roles.OFFICER})
@Produces(MediaType.APPLICATION_JSON)
public class DecisionResource {

    private final DecisionLog log;
    private final DecisionExport export;
    private final PeerForwarding peers;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public DecisionResource(DecisionLog log, DecisionExport export, PeerForwarding peers, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.log = log;
        this.export = export;
        this.peers = peers;
        this.json = json;
    }

    @GET
    @Produces("text/csv")
    @Blocking
    @Operation(summary = "Decisions and reviews of a range of days as CSV, for auditors",
            description = "from and to are dates (UTC), both included, at most " + ExportRange.MAX_DAYS + " days. Streamed from the audit "
                    + "topic as it is read; rows in partition order. Columns: decidedAt, orderId, orderVersion, status, reasonCodes, "
                    + "controlNumbers, measureIds, reviewer, reviewReason, rulesetVersion, rulesetHash.")
    public Response export(@QueryParam("from") String from, @QueryParam("to") String to) {
        ExportRange range;
        try {
            range = ExportRange.parse(from, to);
        } catch (ExportRange.Invalid e) {
            throw JsonBodies.badRequest("invalid range", List.of(e.violation()));
        }
        return csv(export, range);
    }

    /** The export as a download, written to the client as the audit topic is read (the console's too). */
    public static Response csv(DecisionExport export, ExportRange range) {
        StreamingOutput body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            export.writeCsv(range.start(), range.end(), writer);
            writer.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + range.fileName() + "\"").build();
    }

    @GET
    @Path("/{orderId}")
    @Operation(summary = "Latest decision for an order", description = "Each instance knows the decisions it made; with several, "
            + "the latest of theirs (highest order version, then latest decidedAt) is answered.")
    public Response latest(@PathParam("orderId") String orderId, @Context HttpHeaders headers) {
        Optional<Decision> here;
        try {
            here = log.latest(orderId);
        } catch (IllegalStateException e) {
            throw new ServiceUnavailableException(Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ViolationResponse("decision not readable now", List.of(new Violation("orderId", e.getMessage()))))
                    .build());
        }
        // the instance that owns the order's exporter now may not be the one that decided it before
        PeerForwarding.Parts there = peers.askAll(UriBuilder.fromPath("/api/v1/decisions/{id}").build(orderId).getRawPath(), headers, true);
        JsonNode latest = here.<JsonNode>map(json::valueToTree).orElse(null);
        for (PeerForwarding.Part part : there.parts()) {
            try {
                JsonNode d = json.readTree(part.body());
                if (latest == null || LATEST_FIRST.compare(d, latest) < 0) {
                    latest = d;
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException("another instance answered a decision that is not one: " + e, e);
            }
        }
        if (latest == null) {
            if (!there.unreachable().isEmpty()) {
                return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).header(PeerForwarding.UNREACHABLE, String.join(",", there.unreachable()))
                        .entity(new ViolationResponse("no decision here, and instance(s) " + there.unreachable() + " could not be asked; retry",
                                List.of())).build();
            }
            throw new NotFoundException("no decision for order " + orderId);
        }
        return Response.ok(latest).build();
    }

    /** The latest decision first: the highest order version, then the latest decidedAt (ISO instants compare as text only by chance). */
    private static final java.util.Comparator<JsonNode> LATEST_FIRST = java.util.Comparator
            .<JsonNode>comparingLong(d -> d.path("orderVersion").asLong()).reversed()
            .thenComparing(d -> java.time.Instant.parse(d.path("decidedAt").asText("1970-01-01T00:00:00Z")), java.util.Comparator.reverseOrder());
}

package io.dualuse.screening.api.console;

import io.dualuse.screening.api.DecisionResource;
import io.dualuse.screening.api.ExportRange;
import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.platform.Roles;
import io.dualuse.screening.state.DecisionExport;
import io.dualuse.screening.state.DecisionLog;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/** An order's latest decision, and the auditors' CSV of decisions and reviews over a range of days. */
@Path("/console/decisions")
public class DecisionsConsole {

    private final DecisionLog log;
    private final DecisionExport export;
    private final SecurityIdentity identity;

    public DecisionsConsole(DecisionLog log, DecisionExport export, SecurityIdentity identity) {
        this.log = log;
        this.export = export;
        this.identity = identity;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @RolesAllowed({Roles.OPS, Roles.OFFICER})
    @Blocking
    public Response lookup(@QueryParam("orderId") String orderId, @QueryParam("reviewed") String reviewed) {
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        if (orderId == null || orderId.isBlank()) {
            return Response.ok(Pages.decisions(Viewer.of(identity), null, null, null, today, today)).build();
        }
        Optional<Decision> found;
        try {
            found = log.latest(orderId.trim());
        } catch (IllegalStateException e) {
            return Response.status(503).entity(Pages.decisions(Viewer.of(identity), orderId, null,
                    "decision not readable now: " + e.getMessage(), today, today)).build();
        }
        String message = found.isEmpty() ? "orderId: no decision for order '" + orderId.trim() + "' on this instance"
                : reviewed == null ? null : "review recorded: " + reviewed;
        return Response.status(found.isEmpty() ? 404 : 200)
                .entity(Pages.decisions(Viewer.of(identity), orderId.trim(), found.orElse(null), message, today, today)).build();
    }

    /**
     * Decisions and reviews decided from the first day to the last (UTC, both included), streamed
     * from the audit topic as they are read: the answer is never held in memory.
     */
    @GET
    @Path("export.csv")
    @RolesAllowed({Roles.OPS, Roles.OFFICER})
    @Blocking
    public Response exportCsv(@QueryParam("from") String from, @QueryParam("to") String to) {
        ExportRange range;
        try {
            range = ExportRange.parse(from, to);
        } catch (ExportRange.Invalid e) {
            return Response.status(400).type(MediaType.TEXT_PLAIN_TYPE).entity(e.getMessage()).build();
        }
        return DecisionResource.csv(export, range);
    }
}

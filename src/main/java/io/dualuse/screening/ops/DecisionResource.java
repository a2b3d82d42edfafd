package io.dualuse.screening.ops;

import io.dualuse.screening.decision.Decision;
import io.dualuse.screening.decision.DecisionLog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The latest decision this instance published for an order. */
@Path("/api/v1/decisions")
@RolesAllowed({Roles.OPS, Roles.OFFICER})
@Produces(MediaType.APPLICATION_JSON)
public class DecisionResource {

    private final DecisionLog log;

    public DecisionResource(DecisionLog log) {
        this.log = log;
    }

    @GET
    @Path("/{orderId}")
    @Operation(summary = "Latest decision for an order made by this instance")
    public Decision latest(@PathParam("orderId") String orderId) {
        return log.latest(orderId).orElseThrow(() -> new NotFoundException("no decision for order " + orderId));
    }
}

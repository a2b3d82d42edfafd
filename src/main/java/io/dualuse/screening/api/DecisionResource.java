package io.dualuse.screening.api;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.order.Violation;
import io.dualuse.screening.platform.Roles;
import io.dualuse.screening.state.DecisionLog;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

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

    public DecisionResource(DecisionLog log) {
        this.log = log;
    }

    @GET
    @Path("/{orderId}")
    @Operation(summary = "Latest decision for an order made by this instance")
    public Decision latest(@PathParam("orderId") String orderId) {
        try {
            return log.latest(orderId).orElseThrow(() -> new NotFoundException("no decision for order " + orderId));
        } catch (IllegalStateException e) {
            throw new ServiceUnavailableException(Response.status(Response.Status.SERVICE_UNAVAILABLE)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ViolationResponse("decision not readable now", List.of(new Violation("orderId", e.getMessage()))))
                    .build());
        }
    }
}

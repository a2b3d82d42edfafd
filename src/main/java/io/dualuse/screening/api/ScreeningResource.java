package io.dualuse.screening.api;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.license.InMemoryLicenseRegistry;
import io.dualuse.screening.core.order.InvalidOrderException;
import io.dualuse.screening.core.order.Order;
import io.dualuse.screening.core.order.Violation;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.platform.Roles;
import io.dualuse.screening.state.ActiveRuleset;
import io.dualuse.screening.state.PartitionOwnership;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.dualuse.screening.wire.OrderEvents;
import io.dualuse.screening.wire.OrderJson;
import io.dualuse.screening.wire.WireFormatException;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.List;

/** Dry run: screens an order given as JSON and returns the decision, publishing nothing. */
@Path("/api/v1/screenings")
@RolesAllowed({Roles.OPS, Roles.OFFICER})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class ScreeningResource {

    private final ActiveRuleset rules;
    private final InMemoryLicenseRegistry licenses;
    private final PartitionOwnership ownership;
    private final PeerForwarding peers;

    public ScreeningResource(ActiveRuleset rules, InMemoryLicenseRegistry licenses, PartitionOwnership ownership, PeerForwarding peers) {
        this.rules = rules;
        this.licenses = licenses;
        this.ownership = ownership;
        this.peers = peers;
    }

    @POST
    // pure CPU on in-memory state (tens of microseconds), no I/O: answered on the event loop
    // without the hop to a worker thread, which was most of the endpoint's latency
    @NonBlocking
    @Operation(summary = "Screen an order without publishing", description = "The body has the fields of OrderEvent (schemas/OrderEvent.avsc). Licences on file are used but not drawn.")
    @APIResponse(responseCode = "200", description = "The decision")
    @APIResponse(responseCode = "400", description = "The order breaks the contract; every bad field is listed")
    public Uni<Response> screen(@RequestBody(description = "An order, as on orders.v1") String body, @Context HttpHeaders headers) {
        if (body == null || body.isBlank()) {
            throw JsonBodies.badRequest("empty body", List.of(new Violation("body", "a JSON object is required")));
        }
        OrderEvent event;
        try {
            // the reader of JSON orders on orders.v1: the dry run accepts exactly what the pipeline does
            event = OrderJson.read(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (WireFormatException e) {
            throw JsonBodies.badRequest("malformed JSON", List.of(new Violation("body", e.getMessage())));
        }
        Order order;
        try {
            order = OrderEvents.toOrder(event);
        } catch (InvalidOrderException e) {
            throw JsonBodies.badRequest(e.getMessage(), e.violations());
        }
        if (ownership.owns(order.exporter().id()) || PeerForwarding.forwarded(headers)) {
            return Uni.createFrom().item(Response.ok(rules.screener().screen(order, licenses)).build());
        }
        // the licence balances of this exporter are kept by the instance that owns it: asked there,
        // off the event loop (finding it and asking it both wait on the network)
        return Uni.createFrom().item(() -> peers.ownerOf(order.exporter().id(), headers)
                        .map(owner -> peers.ask(owner, "POST", "/api/v1/screenings", headers, body.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                        .orElseGet(() -> Response.ok(rules.screener().screen(order, licenses)).build()))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}

package io.dualuse.screening.api;

import io.dualuse.screening.core.license.InMemoryLicenseRegistry;
import io.dualuse.screening.core.license.License;
import io.dualuse.screening.core.order.Violation;
import io.dualuse.screening.license.event.LicenseRecord;
import io.dualuse.screening.platform.Roles;
import io.dualuse.screening.state.LicenseBook;
import io.dualuse.screening.wire.LicenseEvents;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Licences on file. A registration is published to the compacted licence topic (the source of
 * truth every instance reads) and answered once the broker has it; open holds it may clear are
 * re-screened at once.
 */
@Path("/api/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class LicenseResource {

    private final InMemoryLicenseRegistry licenses;
    private final LicenseBook book;
    private final JsonBodies bodies;
    private final LicenseCsv csv;

    private final PeerForwarding peers;

    public LicenseResource(InMemoryLicenseRegistry licenses, LicenseBook book, JsonBodies bodies, LicenseCsv csv, PeerForwarding peers) {
        this.peers = peers;
        this.licenses = licenses;
        this.book = book;
        this.bodies = bodies;
        this.csv = csv;
    }

    @POST
    @Path("/licenses:import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed(Roles.OFFICER)
    @Operation(summary = "Import licences from CSV", description = "Header: licenseNumber,exporterId,controlNumbers,commodityCodes,destinationCountry,endUserName,quantity,unit,validFrom,validTo,status; lists separated by ';'. Each row is reported: CREATED, UPDATED or INVALID with its violations.")
    public LicenseCsv.ImportReport importCsv(String body, @Context SecurityContext who) {
        return csv.importCsv(body, who.getUserPrincipal().getName());
    }

    @POST
    @Path("/licenses")
    @RolesAllowed(Roles.OFFICER)
    @Operation(summary = "Register or update a licence", description = "201 when new, 200 when it replaced one with the same number. Fields as in schemas/LicenseRecord.avsc.")
    public CompletionStage<Response> register(String body, @Context SecurityContext who) {
        LicenseRecord record = bodies.read(body, LicenseRecord.class);
        List<Violation> violations = new ArrayList<>();
        License license = LicenseEvents.toLicense(record, violations);
        if (license == null) {
            throw JsonBodies.badRequest("invalid licence", violations);
        }
        return book.register(license, who.getUserPrincipal().getName()).thenApply(created ->
                (created ? Response.created(jakarta.ws.rs.core.UriBuilder.fromPath("/api/v1/licenses/{n}").build(license.licenseNumber())) : Response.ok())
                        .entity(license).build());
    }

    @GET
    @Path("/licenses/{number}")
    @RolesAllowed({Roles.OPS, Roles.OFFICER})
    @Operation(summary = "A licence on file, with the quantity drawn so far")
    public Response get(@PathParam("number") String number, @Context jakarta.ws.rs.core.HttpHeaders headers) {
        License l = licenses.find(number).orElseThrow(() -> new NotFoundException("no licence " + number));
        // what it has drawn is kept by the instance that owns its exporter
        var owner = peers.ownerOf(l.exporterId(), headers);
        if (owner.isPresent()) {
            return peers.ask(owner.get(), "GET", jakarta.ws.rs.core.UriBuilder.fromPath("/api/v1/licenses/{n}").build(number).getRawPath(),
                    headers, null);
        }
        java.math.BigDecimal drawn = licenses.drawn(number);
        return Response.ok(new LicenseView(l, drawn.stripTrailingZeros(), l.quantity().subtract(drawn).stripTrailingZeros())).build();
    }

    /** A licence with its balance. */
    public record LicenseView(License license, java.math.BigDecimal drawn, java.math.BigDecimal remaining) {
    }
}

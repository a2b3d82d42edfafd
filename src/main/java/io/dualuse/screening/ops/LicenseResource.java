package io.dualuse.screening.ops;

import io.dualuse.screening.license.InMemoryLicenseRegistry;
import io.dualuse.screening.license.License;
import io.dualuse.screening.license.LicenseEvents;
import io.dualuse.screening.license.event.LicenseRecord;
import io.dualuse.screening.order.Violation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Licences on file: used by the dry run and the pipeline alike. */
@Path("/api/v1/licenses")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class LicenseResource {

    private final InMemoryLicenseRegistry licenses;
    private final JsonBodies bodies;

    public LicenseResource(InMemoryLicenseRegistry licenses, JsonBodies bodies) {
        this.licenses = licenses;
        this.bodies = bodies;
    }

    @POST
    @Operation(summary = "Register or update a licence", description = "201 when new, 200 when it replaced one with the same number. Fields as in schemas/LicenseRecord.avsc.")
    public Response register(String body) {
        LicenseRecord record = bodies.read(body, LicenseRecord.class);
        List<Violation> violations = new ArrayList<>();
        License license = LicenseEvents.toLicense(record, violations);
        if (license == null) {
            throw JsonBodies.badRequest("invalid licence", violations);
        }
        boolean created = licenses.put(license);
        return (created ? Response.created(URI.create("/api/v1/licenses/" + license.licenseNumber())) : Response.ok())
                .entity(license).build();
    }

    @GET
    @Path("/{number}")
    @Operation(summary = "A licence on file")
    public License get(@PathParam("number") String number) {
        return licenses.find(number).orElseThrow(() -> new NotFoundException("no licence " + number));
    }
}

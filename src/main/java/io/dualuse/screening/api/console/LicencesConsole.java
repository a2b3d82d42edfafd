package io.dualuse.screening.api.console;

import io.dualuse.screening.api.LicenseCsv;
import io.dualuse.screening.core.license.InMemoryLicenseRegistry;
import io.dualuse.screening.core.license.License;
import io.dualuse.screening.platform.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Licences on file with their balance; registering one; importing a CSV with a result per row. */
@Path("/console/licences")
@Produces(MediaType.TEXT_HTML)
public class LicencesConsole {

    private final InMemoryLicenseRegistry licences;
    private final LicenseCsv csv;
    private final SecurityIdentity identity;
    private final io.dualuse.screening.state.PartitionOwnership ownership;
    private final io.dualuse.screening.peers.PeerDirectory peers;

    public LicencesConsole(InMemoryLicenseRegistry licences, LicenseCsv csv, SecurityIdentity identity,
                           io.dualuse.screening.state.PartitionOwnership ownership, io.dualuse.screening.peers.PeerDirectory peers) {
        this.licences = licences;
        this.csv = csv;
        this.identity = identity;
        this.ownership = ownership;
        this.peers = peers;
    }

    @GET
    @RolesAllowed({Roles.OPS, Roles.OFFICER})
    public Response list() {
        return page(200, Map.of(), List.of(), null);
    }

    /** One licence from the form, validated as a CSV row is: the result names each field in error. */
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.OFFICER)
    @Blocking
    public Response register(MultivaluedMap<String, String> form) {
        Map<String, String> row = new LinkedHashMap<>();
        for (String column : LicenseCsv.COLUMNS) {
            row.put(column, form.getFirst(column));
        }
        LicenseCsv.RowResult result = csv.register(1, row, identity.getPrincipal().getName());
        boolean invalid = result.outcome().equals("INVALID");
        return page(invalid ? 400 : 200, invalid ? row : Map.of(), List.of(result),
                invalid ? "licence not registered" : "licence " + result.licenseNumber() + " " + result.outcome().toLowerCase());
    }

    @POST
    @Path("import")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Roles.OFFICER)
    @Blocking
    public Response importCsv(@RestForm("file") FileUpload file) {
        if (file == null || file.uploadedFile() == null) {
            return page(400, Map.of(), List.of(), "file: choose a CSV file to import");
        }
        String body;
        try {
            body = Files.readString(file.uploadedFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            LicenseCsv.ImportReport report = csv.importCsv(body, identity.getPrincipal().getName());
            // 200 with a result per row, as the API answers: the valid rows are registered
            return page(200, Map.of(), report.rows(), report.created() + " created, "
                    + report.updated() + " updated, " + report.invalid() + " invalid");
        } catch (WebApplicationException e) {
            return page(400, Map.of(), List.of(), Problems.of(e));
        }
    }

    private Response page(int status, Map<String, String> form, List<LicenseCsv.RowResult> results, String message) {
        List<Pages.LicenceRow> rows = licences.all().stream()
                .sorted(Comparator.comparing(License::licenseNumber))
                .map(l -> {
                    BigDecimal drawn = licences.drawn(l.licenseNumber());
                    return new Pages.LicenceRow(l, drawn.stripTrailingZeros(), l.quantity().subtract(drawn).stripTrailingZeros(),
                            keptBy(l.exporterId()));
                })
                .toList();
        return Response.status(status).entity(Pages.licences(Viewer.of(identity), rows, form, results, message)).build();
    }

    /** The instance whose draws of this exporter count, when not this one (its balance is not known here). */
    private String keptBy(String exporterId) {
        if (ownership.partitionOf(exporterId) < 0 || ownership.owns(exporterId)) {
            return null; // before the first assignment, or kept here
        }
        try {
            return peers.ownerOf(exporterId).map(io.dualuse.screening.peers.PeerDirectory.Peer::instanceId).orElse("another instance");
        } catch (IllegalStateException e) {
            return "another instance";
        }
    }
}

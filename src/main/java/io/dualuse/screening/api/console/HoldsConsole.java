package io.dualuse.screening.api.console;

import io.dualuse.screening.api.HoldResource;
import io.dualuse.screening.api.HoldResource.HoldSummary;
import io.dualuse.screening.core.decision.ReasonCode;
import io.dualuse.screening.core.review.ReviewException;
import io.dualuse.screening.core.review.Verdict;
import io.dualuse.screening.peers.PeerDirectory;
import io.dualuse.screening.platform.Roles;
import io.dualuse.screening.rescreen.HoldReview;
import io.dualuse.screening.state.HeldOrder;
import io.dualuse.screening.state.OpenHolds;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * The holds queue (the console's home page) and a hold's detail with the officer's review. The
 * queue's table is also served alone ({@code /console/holds/rows}) so the page refreshes it in place.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HoldsConsole {

    /** Rows one queue page shows; the count above the table says how many match. */
    static final int PAGE = 200;
    /** Quarkus form authentication keeps the login in this cookie (quarkus.http.auth.form.cookie-name). */
    static final String FORM_COOKIE = "quarkus-credential";

    private final OpenHolds holds;
    private final HoldReview review;
    private final SecurityIdentity identity;
    private final PeerDirectory peers;

    public HoldsConsole(OpenHolds holds, HoldReview review, SecurityIdentity identity, PeerDirectory peers) {
        this.holds = holds;
        this.review = review;
        this.identity = identity;
        this.peers = peers;
    }

    @GET
    @RolesAllowed({Roles.OPS, Roles.OFFICER})
    public Response queue(@QueryParam("reasonCode") String reasonCode, @QueryParam("destination") String destination,
                          @QueryParam("exporter") String exporter, @QueryParam("olderThanMinutes") String olderThanMinutes) {
        Pages.Filter filter = new Pages.Filter(reasonCode, destination, exporter, olderThanMinutes);
        try {
            return Response.ok(Pages.holds(Viewer.of(identity), queue(filter), null)).build();
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(Pages.holds(Viewer.of(identity), queue(new Pages.Filter(null, null, null, null)),
                    e.getMessage())).build();
        }
    }

    @GET
    @Path("console/holds/rows")
    @RolesAllowed({Roles.OPS, Roles.OFFICER})
    public Response rows(@QueryParam("reasonCode") String reasonCode, @QueryParam("destination") String destination,
                         @QueryParam("exporter") String exporter, @QueryParam("olderThanMinutes") String olderThanMinutes) {
        try {
            return Response.ok(Pages.holds$rows(queue(new Pages.Filter(reasonCode, destination, exporter, olderThanMinutes)))).build();
        } catch (IllegalArgumentException e) {
            return Response.status(400).type(MediaType.TEXT_PLAIN_TYPE).entity(e.getMessage()).build();
        }
    }

    @GET
    @Path("console/holds/{orderId}")
    @RolesAllowed({Roles.OPS, Roles.OFFICER})
    public Response hold(@PathParam("orderId") String orderId) {
        return holds.book().get(orderId)
                .map(h -> Response.ok(Pages.hold(Viewer.of(identity), h, HoldResource.summary(h), null, false)).build())
                .orElseGet(() -> closed(orderId));
    }

    /**
     * Release or reject with a reason. Releasing an order the rules rejected is an override: the form
     * asks for it in so many words, and {@link HoldReview} refuses it otherwise.
     */
    @POST
    @Path("console/holds/{orderId}/review")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.OFFICER)
    @Blocking
    public Response review(@PathParam("orderId") String orderId, @FormParam("action") String action,
                           @FormParam("reason") String reason, @FormParam("override") String override) {
        Optional<HeldOrder> held = holds.book().get(orderId);
        if (held.isEmpty()) {
            return closed(orderId);
        }
        Verdict verdict;
        try {
            verdict = Verdict.valueOf(String.valueOf(action).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return again(held.get(), 400, "action: must be RELEASE or REJECT, got '" + action + "'", false);
        }
        String who = identity.getPrincipal().getName();
        try {
            review.review(orderId, verdict, reason, who, override != null, who).toCompletableFuture().join();
        } catch (ReviewException e) {
            return reviewRefused(held.get(), e);
        } catch (CompletionException e) {
            if (e.getCause() instanceof ReviewException r) {
                return reviewRefused(held.get(), r);
            }
            throw e;
        }
        return Response.seeOther(UriBuilder.fromPath("/console/decisions").queryParam("orderId", orderId)
                .queryParam("reviewed", verdict.name()).build()).build();
    }

    /** Ends a form login (the demo users); in production OIDC answers this path before it gets here. */
    @GET
    @Path("console/logout")
    public Response logout() {
        NewCookie gone = new NewCookie.Builder(FORM_COOKIE).path("/").maxAge(0).value("").build();
        return Response.seeOther(UriBuilder.fromPath("/login").build()).cookie(gone).build();
    }

    private Response reviewRefused(HeldOrder h, ReviewException e) {
        return switch (e.kind()) {
            case NO_OPEN_HOLD -> closed(h.orderId());
            case INCOMPLETE -> again(h, 400, e.getMessage(), false);
            case NEEDS_OVERRIDE -> again(h, 409, e.getMessage(), true);
        };
    }

    private Response again(HeldOrder h, int status, String message, boolean askOverride) {
        return Response.status(status).entity(Pages.hold(Viewer.of(identity), h, HoldResource.summary(h), message, askOverride)).build();
    }

    /** A hold that closed (reviewed, re-screened) or never was: its latest decision says what happened. */
    private Response closed(String orderId) {
        return Response.seeOther(UriBuilder.fromPath("/console/decisions").queryParam("orderId", orderId).build()).build();
    }

    private Pages.Queue queue(Pages.Filter f) {
        ReasonCode code = null;
        if (f.reasonCode() != null && !f.reasonCode().isBlank()) {
            try {
                code = ReasonCode.valueOf(f.reasonCode().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("reasonCode: unknown reason code '" + f.reasonCode() + "'");
            }
        }
        Duration age = null;
        if (f.olderThanMinutes() != null && !f.olderThanMinutes().isBlank()) {
            try {
                long minutes = Long.parseLong(f.olderThanMinutes().trim());
                if (minutes < 0) {
                    throw new NumberFormatException();
                }
                age = Duration.ofMinutes(minutes);
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("olderThanMinutes: must be a whole number of minutes, 0 or more, got '"
                        + f.olderThanMinutes() + "'");
            }
        }
        String destination = blankToNull(f.destination());
        String exporter = blankToNull(f.exporter());
        List<HeldOrder> found = holds.book().find(code, destination == null ? null : destination.toUpperCase(Locale.ROOT),
                exporter, age, Instant.now());
        List<HoldSummary> all = found.stream().map(HoldResource::summary).toList();
        Map<ReasonCode, Long> counts = new EnumMap<>(ReasonCode.class);
        all.forEach(h -> h.reasons().forEach(r -> counts.merge(r, 1L, Long::sum)));
        List<ReasonCode> blocking = Arrays.stream(ReasonCode.values()).filter(r -> r.outcome() != io.dualuse.screening.core.decision.DecisionStatus.RELEASE).toList();
        return new Pages.Queue(f, all.subList(0, Math.min(PAGE, all.size())), all.size(), counts, blocking, elsewhere());
    }

    /** The other instances, by name: this page lists only the holds this one keeps. */
    private List<String> elsewhere() {
        try {
            return peers.others().stream().map(PeerDirectory.Peer::instanceId).sorted().toList();
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

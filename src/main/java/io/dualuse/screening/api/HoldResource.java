package io.dualuse.screening.api;

import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.decision.DecisionStatus;
import io.dualuse.screening.core.decision.Reason;
import io.dualuse.screening.core.decision.ReasonCode;
import io.dualuse.screening.core.order.Order;
import io.dualuse.screening.core.order.Violation;
import io.dualuse.screening.core.review.HoldStep;
import io.dualuse.screening.core.review.ReviewException;
import io.dualuse.screening.core.review.Verdict;
import io.dualuse.screening.platform.Roles;
import io.dualuse.screening.rescreen.HoldReview;
import io.dualuse.screening.state.HeldOrder;
import io.dualuse.screening.state.OpenHolds;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Open holds for compliance officers and ops, and the officer's review. */
@Path("/api/v1/holds")
@Produces(MediaType.APPLICATION_JSON)
public class HoldResource {

    private final OpenHolds holds;
    private final HoldReview review;
    private final PeerForwarding peers;
    private final com.fasterxml.jackson.databind.ObjectMapper json;

    public HoldResource(OpenHolds holds, HoldReview review, PeerForwarding peers, com.fasterxml.jackson.databind.ObjectMapper json) {
        this.review = review;
        this.holds = holds;
        this.peers = peers;
        this.json = json;
    }

    /** One open hold in a list: what is held, since when, and what would clear it. */
    public record HoldSummary(String orderId, long orderVersion, DecisionStatus status, String exporterId,
                              String finalDestination, Instant openedAt, List<ReasonCode> reasons, List<String> toClear) {
    }

    /** One hold in full: the order, the decision in force, and its history. */
    public record HoldDetail(HoldSummary summary, Order order, Decision decision, List<HoldStep> history) {
    }

    /** The body of a review. */
    public record ReviewRequest(String action, String reason, String reviewer, Boolean override) {
    }

    @GET
    @RolesAllowed({Roles.OPS, Roles.OFFICER})
    @Operation(summary = "Open holds, oldest first, a page at a time", description = "Filters: reasonCode (e.g. LICENSE_REQUIRED), "
            + "destination (ISO alpha-2), exporter (exporter id), olderThanMinutes. Paging: limit (1.." + MAX_PAGE + ", default "
            + DEFAULT_PAGE + ") and offset; the X-Total-Count header gives the number of matching holds.")
    public Response list(@QueryParam("reasonCode") String reasonCode, @QueryParam("destination") String destination,
                         @QueryParam("exporter") String exporter, @QueryParam("olderThanMinutes") Long olderThanMinutes,
                         @QueryParam("limit") Integer limit, @QueryParam("offset") Integer offset,
                         @Context HttpHeaders headers, @Context UriInfo uri) {
        int pageSize = limit == null ? DEFAULT_PAGE : limit;
        int from = offset == null ? 0 : offset;
        // an instance merging the others' pages asks each for everything up to the end of its page
        int maxPage = PeerForwarding.forwarded(headers) ? FORWARDED_MAX_PAGE : MAX_PAGE;
        if (pageSize < 1 || pageSize > maxPage) {
            throw JsonBodies.badRequest("invalid paging", List.of(new Violation("limit", "must be within 1.." + maxPage + ", got " + pageSize)));
        }
        if (from < 0) {
            throw JsonBodies.badRequest("invalid paging", List.of(new Violation("offset", "must be 0 or more, got " + from)));
        }
        ReasonCode code = null;
        if (reasonCode != null && !reasonCode.isBlank()) {
            try {
                code = ReasonCode.valueOf(reasonCode.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw JsonBodies.badRequest("unknown reason code", List.of(new Violation("reasonCode",
                        "must be one of " + List.of(ReasonCode.values()) + ", got '" + reasonCode + "'")));
            }
        }
        if (olderThanMinutes != null && (olderThanMinutes < 0 || olderThanMinutes > MAX_AGE_MINUTES)) {
            throw io.dualuse.screening.api.JsonBodies.badRequest("invalid filter", List.of(new io.dualuse.screening.core.order.Violation(
                    "olderThanMinutes", "must be within 0.." + MAX_AGE_MINUTES + " (100 years), got " + olderThanMinutes)));
        }
        Duration age = olderThanMinutes == null ? null : Duration.ofMinutes(olderThanMinutes);
        var found = holds.book().find(code, destination, exporter, age, Instant.now());
        if (peers.others(headers).isEmpty()) {
            List<HoldSummary> page = found.stream().skip(from).limit(pageSize).map(HoldResource::summary).toList();
            return Response.ok(page).header("X-Total-Count", found.size()).build();
        }
        // every instance keeps the holds of its own exporters: the page is merged from all of them
        int upTo = (int) Math.min((long) from + pageSize, FORWARDED_MAX_PAGE);
        URI each = uri.getRequestUriBuilder().replaceQueryParam("offset", 0).replaceQueryParam("limit", upTo).build();
        PeerForwarding.Parts parts = peers.askAll(each.getRawPath() + "?" + each.getRawQuery(), headers);
        List<HoldSummary> all = new ArrayList<>(found.stream().limit(upTo).map(HoldResource::summary).toList());
        long total = found.size();
        for (PeerForwarding.Part part : parts.parts()) {
            try {
                all.addAll(json.readValue(part.body(), new com.fasterxml.jackson.core.type.TypeReference<List<HoldSummary>>() { }));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("another instance answered a list of holds that is not one: " + e, e);
            }
            total += part.total();
        }
        all.sort(Comparator.comparing(HoldSummary::openedAt).thenComparing(HoldSummary::orderId));
        Response.ResponseBuilder answer = Response.ok(all.stream().skip(from).limit(pageSize).toList()).header("X-Total-Count", total);
        if (!parts.unreachable().isEmpty()) {
            answer.header(PeerForwarding.UNREACHABLE, String.join(",", parts.unreachable()));
        }
        return answer.build();
    }

    @GET
    @Path("/{orderId}")
    @RolesAllowed({Roles.OPS, Roles.OFFICER})
    @Operation(summary = "One open hold with its order, decision and history")
    public Response get(@PathParam("orderId") String orderId, @Context HttpHeaders headers) {
        Optional<HeldOrder> here = holds.book().get(orderId);
        if (here.isPresent()) {
            HeldOrder h = here.get();
            return Response.ok(new HoldDetail(summary(h), h.order(), h.decision(), h.history())).build();
        }
        // kept by the instance that owns its exporter, if open at all
        return peers.askEach("GET", UriBuilder.fromPath("/api/v1/holds/{id}").build(orderId).getRawPath(), headers, null)
                .orElseThrow(() -> new NotFoundException("order " + orderId + " has no open hold"));
    }

    @POST
    @Path("/{orderId}/review")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OFFICER)
    @Operation(summary = "Record a compliance officer's review", description = "{action: RELEASE|REJECT, reason, reviewer, override}. Releasing an order the rules rejected needs override: true and a reason (409 otherwise).")
    public CompletionStage<Response> review(@PathParam("orderId") String orderId, ReviewRequest request, @Context SecurityContext who,
                                            @Context HttpHeaders headers) {
        if (request == null) {
            throw JsonBodies.badRequest("empty body", List.of(new Violation("body", "{action, reason, reviewer} required")));
        }
        Verdict action;
        try {
            action = Verdict.valueOf(String.valueOf(request.action()).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw JsonBodies.badRequest("invalid review", List.of(new Violation("action", "must be RELEASE or REJECT, got '" + request.action() + "'")));
        }
        if (holds.book().get(orderId).isEmpty()) {
            // reviewed by the instance that keeps the hold: the one that owns its exporter
            Optional<Response> there;
            try {
                there = peers.askEach("POST", UriBuilder.fromPath("/api/v1/holds/{id}/review").build(orderId).getRawPath(), headers,
                        json.writeValueAsBytes(request));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            if (there.isPresent()) {
                return java.util.concurrent.CompletableFuture.completedFuture(there.get());
            }
        }
        try {
            return review.review(orderId, action, request.reason(), request.reviewer(), Boolean.TRUE.equals(request.override()),
                    who.getUserPrincipal().getName()).thenApply(d -> Response.ok(d).build());
        } catch (ReviewException e) {
            int status = switch (e.kind()) {
                case NO_OPEN_HOLD -> 404;
                case INCOMPLETE -> 400;
                case NEEDS_OVERRIDE -> 409;
            };
            throw new WebApplicationException(Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ViolationResponse(e.getMessage(), List.of())).build());
        }
    }

    private static final long MAX_AGE_MINUTES = 100L * 366 * 24 * 60;
    /** A page of holds: 18,000 open holds were 4.9 MB in one answer. */
    static final int DEFAULT_PAGE = 500;
    static final int MAX_PAGE = 5_000;
    /** What one instance may be asked for by another merging a page: everything before the page, and the page. */
    static final int FORWARDED_MAX_PAGE = 10_000_000;

    /** The summary of an open hold, as the API and the console list it. */
    public static HoldSummary summary(HeldOrder h) {
        Decision d = h.decision();
        List<Reason> blocking = d.reasons().stream().filter(r -> r.outcome() != DecisionStatus.RELEASE).toList();
        return new HoldSummary(h.orderId(), h.orderVersion(), d.status(),
                h.exporterId().isEmpty() ? null : h.exporterId(), h.finalDestination(), h.openedAt(),
                blocking.stream().map(Reason::code).distinct().toList(),
                blocking.stream().map(HoldResource::toClear).distinct().toList());
    }

    private static String toClear(Reason r) {
        String line = r.lineNo() == null ? "the order" : "line " + r.lineNo();
        return switch (r.code()) {
            case LICENSE_REQUIRED -> "a licence covering " + r.controlNumber() + " for " + line;
            case CLASSIFICATION_REVIEW, PROHIBITED_IF_CONTROLLED -> "classification of " + line + " (facts for " + r.controlNumber() + ")";
            case ENHANCED_REVIEW, END_USE_RED_FLAG -> "end-user and end-use review of " + line;
            case MISSING_DATA, UNKNOWN_UNIT -> "corrected order data for " + line;
            case SUSPENSION_STATUS_UNCONFIRMED, RULESET_STALE -> "a current ruleset";
            case EXPORT_DATE_PAST -> "confirmation of the export date, and review under the rules in force today";
            case INTERNAL_ERROR -> "screening again once the service error is fixed (see the log)";
            case LISTED_PARTY_REVIEW -> "a finding whether the party is the listed entity (" + r.measureId() + ")";
            case WATCH_LIST_PARTY -> "an individual licence naming the watch-listed party, with the end-user and end-use verification";
            case UNRELIABLE_ENTITY -> "nothing: the party is on the Unreliable Entity List (" + r.measureId() + "); only an audited override";
            case PROHIBITED, DENIAL_PRESUMPTION, REVIEW_REJECT -> "nothing: prohibited (" + r.measureId() + "); only an audited override";
            // reasons that release: never blocking, listed so that a new code cannot go unanswered
            case NOT_CONTROLLED, OUTSIDE_JURISDICTION, CONTROL_SUSPENDED, NO_MEASURE_APPLIES, MEASURE_SUSPENDED, LICENSED,
                 NAMED_LICENSE_NOT_APPLICABLE, REVIEW_RELEASE, OVERRIDE_RELEASE, PARTY_NOT_LISTED -> "nothing";
        };
    }
}

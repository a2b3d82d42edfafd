package io.dualuse.screening.api;

import io.dualuse.screening.peers.PeerClient;
import io.dualuse.screening.peers.PeerDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers a request about an exporter kept by another instance by asking that instance, with the
 * caller's credentials (each instance keeps the holds and draws of the exporters it owns only). A
 * request that was itself forwarded is answered from what this instance keeps.
 */
@ApplicationScoped
public class PeerForwarding {

    private static final Logger LOG = Logger.getLogger(PeerForwarding.class);

    /** Header of an answer put together without some instances: their names. */
    public static final String UNREACHABLE = "X-Screening-Unreachable";

    private final PeerDirectory directory;
    private final PeerClient client;

    public PeerForwarding(PeerDirectory directory, PeerClient client) {
        this.directory = directory;
        this.client = client;
    }

    /** One other instance's answer to a list: its items and how many it matched in all. */
    public record Part(byte[] body, long total) {
    }

    /** The answers of the other instances to a list, and those that did not answer. */
    public record Parts(List<Part> parts, List<String> unreachable) {
    }

    /** True for a request another instance forwarded: answer it from what this instance keeps. */
    public static boolean forwarded(HttpHeaders headers) {
        return headers.getHeaderString(PeerClient.FORWARDED_BY) != null;
    }

    /** The other instances, none for a forwarded request. */
    public List<PeerDirectory.Peer> others(HttpHeaders headers) {
        try {
            return forwarded(headers) ? List.of() : directory.others();
        } catch (IllegalStateException e) {
            throw noDirectory(e);
        }
    }

    /**
     * The exporter's instance, when another one keeps it and this request was not forwarded already.
     */
    public Optional<PeerDirectory.Peer> ownerOf(String exporterId, HttpHeaders headers) {
        try {
            return forwarded(headers) ? Optional.empty() : directory.ownerOf(exporterId);
        } catch (IllegalStateException e) {
            throw noDirectory(e);
        }
    }

    /** Without the group's members, an answer could leave out what other instances keep: say so. */
    private static jakarta.ws.rs.WebApplicationException noDirectory(IllegalStateException e) {
        LOG.warnf("the other instances are unknown: %s", e.getMessage());
        return new jakarta.ws.rs.WebApplicationException(Response.status(503).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ViolationResponse("the other instances of the service are unknown right now (" + e.getMessage() + "); retry",
                        List.of())).build());
    }

    /** The owner's answer, passed on as it is; 503 naming it when it cannot be reached. */
    public Response ask(PeerDirectory.Peer peer, String method, String pathAndQuery, HttpHeaders headers, byte[] body) {
        try {
            return passOn(client.send(peer, method, pathAndQuery, headers.getHeaderString(HttpHeaders.AUTHORIZATION),
                    MediaType.APPLICATION_JSON, body));
        } catch (IOException e) {
            return unreachable(List.of(peer.instanceId()), e);
        }
    }

    /**
     * Asks every other instance in turn; the first answer other than 404 is passed on. Empty when all
     * said 404; a 503 naming those that could not be reached when none answered otherwise.
     */
    public Optional<Response> askEach(String method, String pathAndQuery, HttpHeaders headers, byte[] body) {
        List<String> unreachable = new ArrayList<>();
        IOException last = null;
        for (PeerDirectory.Peer peer : others(headers)) {
            try {
                PeerClient.Answer a = client.send(peer, method, pathAndQuery, headers.getHeaderString(HttpHeaders.AUTHORIZATION),
                        MediaType.APPLICATION_JSON, body);
                if (a.status() != 404) {
                    return Optional.of(passOn(a));
                }
            } catch (IOException e) {
                unreachable.add(peer.instanceId());
                last = e;
            }
        }
        return unreachable.isEmpty() ? Optional.empty() : Optional.of(unreachable(unreachable, last));
    }

    /** Every other instance's answer to the same list; those that failed are named, not fatal. */
    public Parts askAll(String pathAndQuery, HttpHeaders headers) {
        return askAll(pathAndQuery, headers, false);
    }

    /**
     * Every other instance's answer to the same GET; with {@code notFoundIsAnAnswer}, a 404 (it has
     * none) is left out rather than counted as a failure.
     */
    public Parts askAll(String pathAndQuery, HttpHeaders headers, boolean notFoundIsAnAnswer) {
        List<Part> parts = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        for (PeerDirectory.Peer peer : others(headers)) {
            try {
                PeerClient.Answer a = client.send(peer, "GET", pathAndQuery, headers.getHeaderString(HttpHeaders.AUTHORIZATION), null, null);
                if (a.status() == 404 && notFoundIsAnAnswer) {
                    continue;
                }
                if (a.status() != 200) {
                    LOG.warnf("instance %s answered %d to %s", peer.instanceId(), a.status(), pathAndQuery);
                    unreachable.add(peer.instanceId());
                    continue;
                }
                parts.add(new Part(a.body(), a.totalCount().map(Long::parseLong).orElse(0L)));
            } catch (IOException | NumberFormatException e) {
                LOG.warnf("instance %s did not answer %s: %s", peer.instanceId(), pathAndQuery, e);
                unreachable.add(peer.instanceId());
            }
        }
        return new Parts(parts, unreachable);
    }

    private static Response passOn(PeerClient.Answer a) {
        Response.ResponseBuilder r = Response.status(a.status()).type(a.contentType()).entity(a.body());
        a.totalCount().ifPresent(t -> r.header("X-Total-Count", t));
        return r.build();
    }

    private static Response unreachable(List<String> instances, IOException cause) {
        LOG.warnf("instance(s) %s keeping the state asked for could not be reached: %s", instances, cause);
        return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).header(UNREACHABLE, String.join(",", instances))
                .entity(new ViolationResponse("the instance keeping this state could not be reached: " + instances + "; retry", List.of()))
                .build();
    }
}

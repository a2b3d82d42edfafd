package io.dualuse.screening.peers;

import io.dualuse.screening.platform.ScreeningConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Calls another instance's API on behalf of the caller: with the caller's own credentials (its
 * {@code Authorization} header), so the other instance checks the same roles, and marked
 * {@value #FORWARDED_BY}, so that it answers from what it keeps and never forwards again.
 */
@ApplicationScoped
public class PeerClient {

    /** Header of a forwarded request: the instance that forwarded it. */
    public static final String FORWARDED_BY = "X-Screening-Forwarded-By";

    /** What the other instance answered. */
    public record Answer(int status, String contentType, byte[] body, Optional<String> totalCount) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String instanceId;

    public PeerClient(ScreeningConfig config) {
        this.instanceId = config.instanceId();
    }

    /**
     * Sends {@code method pathAndQuery} (with {@code body} when not null) to {@code peer}.
     *
     * @throws IOException when the instance cannot be reached or does not answer within 10 s
     */
    public Answer send(PeerDirectory.Peer peer, String method, String pathAndQuery, String authorization, String contentType,
                       byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(peer.url() + pathAndQuery))
                .timeout(Duration.ofSeconds(10))
                .header(FORWARDED_BY, instanceId)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body != null && contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse("application/json"),
                    response.body(), response.headers().firstValue("X-Total-Count"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + peer.instanceId(), e);
        }
    }
}

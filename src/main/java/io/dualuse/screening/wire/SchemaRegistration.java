package io.dualuse.screening.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.avro.Schema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Registers the service's schemas in Apicurio Registry (v3 REST API) with the compatibility rule
 * BACKWARD on each artifact: a schema change that cannot read the previous version's records is
 * refused, and the service does not start with it.
 *
 * <p>Artifacts are where the serde's {@code QualifiedRecordIdStrategy} looks: group {@value #GROUP},
 * artifact id = the record's full name (which is also the subject in the registry's
 * Confluent-compatible API). The content is the schema exactly as the serde sends it, because the
 * serde finds a schema by its text; an unchanged schema is found again, not registered twice.
 */
public final class SchemaRegistration {

    public static final String GROUP = "default";
    static final String RULE = "{\"ruleType\":\"COMPATIBILITY\",\"config\":\"BACKWARD\"}";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A schema the registry refused, e.g. because it breaks BACKWARD compatibility. */
    public static final class Refused extends IllegalStateException {
        Refused(String message) {
            super(message);
        }
    }

    /** @param registryUrl the v3 API ({@code http://host:8080/apis/registry/v3}) or the registry's base URL */
    public SchemaRegistration(String registryUrl) {
        String url = registryUrl.strip().replaceAll("/+$", "");
        this.api = url.endsWith("/apis/registry/v3") ? url : url + "/apis/registry/v3";
    }

    /**
     * Registers the schema (or finds it, unchanged) and makes sure its artifact has the BACKWARD rule,
     * set before a new version is added so that the new version is checked against it.
     *
     * @return the registry's content id of the schema
     * @throws Refused when the registry refuses the schema
     * @throws IllegalStateException when the registry cannot be reached or answers with an error
     */
    public long register(Schema schema) {
        String artifact = schema.getFullName();
        String path = "/groups/" + GROUP + "/artifacts/" + encode(artifact);
        HttpResponse<String> existing = send(HttpRequest.newBuilder(uri(path)).GET());
        boolean exists = existing.statusCode() == 200;
        if (!exists && existing.statusCode() != 404) {
            throw failure("looking up " + artifact, existing);
        }
        if (exists) {
            requireBackward(artifact, path);
        }
        ObjectNode body = JSON.createObjectNode().put("artifactId", artifact).put("artifactType", "AVRO");
        body.putObject("firstVersion").putObject("content")
                .put("content", schema.toString()).put("contentType", "application/json");
        HttpResponse<String> created = send(HttpRequest.newBuilder(
                        uri("/groups/" + GROUP + "/artifacts?ifExists=FIND_OR_CREATE_VERSION"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        if (created.statusCode() == 409 || created.statusCode() == 400 || created.statusCode() == 422) {
            throw new Refused("schema registry at " + api + " refused " + artifact + " (HTTP " + created.statusCode()
                    + "): " + detail(created.body()));
        }
        if (created.statusCode() != 200) {
            throw failure("registering " + artifact, created);
        }
        if (!exists) {
            requireBackward(artifact, path);
        }
        return read(created.body()).path("version").path("contentId").asLong();
    }

    private void requireBackward(String artifact, String path) {
        HttpResponse<String> added = send(HttpRequest.newBuilder(uri(path + "/rules"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(RULE)));
        if (added.statusCode() == 409) { // the artifact has a compatibility rule already: make it BACKWARD
            added = send(HttpRequest.newBuilder(uri(path + "/rules/COMPATIBILITY"))
                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(RULE)));
        }
        if (added.statusCode() / 100 != 2) {
            throw failure("setting the BACKWARD rule of " + artifact, added);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        HttpRequest r = request.timeout(Duration.ofSeconds(10)).build();
        try {
            return http.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("schema registry at " + api + " is unreachable (" + e
                    + "); start it, fix " + WireSettings.REGISTRY_URL + ", or use " + WireSettings.FORMAT + "=single-object", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to the schema registry at " + api, e);
        }
    }

    private IllegalStateException failure(String what, HttpResponse<String> response) {
        return new IllegalStateException("schema registry at " + api + ": " + what + " failed with HTTP "
                + response.statusCode() + ": " + detail(response.body()));
    }

    private URI uri(String path) {
        return URI.create(api + path);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }

    /** The registry's problem details say what was wrong (which rule, which field); fall back to the raw body. */
    private static String detail(String body) {
        JsonNode problem;
        try {
            problem = JSON.readTree(body);
        } catch (IOException e) {
            return body;
        }
        String detail = problem.path("detail").asText(problem.path("title").asText(""));
        JsonNode causes = problem.path("causes");
        return causes.isEmpty() ? (detail.isEmpty() ? body : detail) : detail + " " + causes;
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.dualuse.screening.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * How the REST load logs in. {@code --rest-login bearer} (the default): as in production, an OIDC
 * bearer token, signed by a key of this run whose public half the service is given
 * ({@code quarkus.oidc.public-key}, no provider to call). {@code basic}: the demo users, whose
 * properties-file realm checks each request on a worker thread.
 */
final class BenchLogin {

    private static final KeyPair KEYS = keys();

    private BenchLogin() {
    }

    static boolean bearer(Map<String, String> args) {
        return !"basic".equals(args.getOrDefault("rest-login", "bearer"));
    }

    /** The subject JVM's options for this login. */
    static List<String> serviceOptions(Map<String, String> args) {
        if (!bearer(args)) {
            return List.of();
        }
        return List.of("-Dquarkus.oidc.tenant-enabled=true",
                "-Dquarkus.oidc.public-key=" + Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded()),
                "-Dquarkus.oidc.console.tenant-enabled=false",
                "-Dquarkus.http.auth.permission.api.auth-mechanism=bearer");
    }

    /** The Authorization header of every request. */
    static String header(Map<String, String> args) {
        if (!bearer(args)) {
            return "Basic " + Base64.getEncoder().encodeToString("ops:ops".getBytes(StandardCharsets.UTF_8));
        }
        return "Bearer " + token("bench-ops", "ops", 3600);
    }

    /** The Authorization header of a compliance officer (previews). */
    static String officerHeader(Map<String, String> args) {
        if (!bearer(args)) {
            return "Basic " + Base64.getEncoder().encodeToString("officer:officer".getBytes(StandardCharsets.UTF_8));
        }
        return "Bearer " + token("bench-officer", "compliance-officer", 3600);
    }

    /**
     * A JWS in compact serialization (RFC 7515), RS256, with the claims the service reads. Written
     * out here because smallrye-jwt-build needs a MicroProfile Config and JSON-P runtime that this
     * plain jar does not have; the service verifies it with its OIDC extension.
     */
    static String token(String user, String group, long seconds) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String header = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"preferred_username\":\"" + user + "\",\"groups\":[\"" + group + "\"],\"iat\":" + now
                + ",\"exp\":" + (now + seconds) + "}").getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(KEYS.getPrivate());
            rs256.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + b64.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

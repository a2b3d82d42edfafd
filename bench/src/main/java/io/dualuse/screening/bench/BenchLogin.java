package io.dualuse.screening.bench;

import io.smallrye.jwt.build.Jwt;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        return "Bearer " + Jwt.preferredUserName("bench-ops").groups(Set.of("ops")).expiresIn(3600).jws().sign(KEYS.getPrivate());
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

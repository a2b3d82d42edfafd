package io.dualuse.screening.it;

import io.dualuse.screening.testing.KafkaBrokerResource;
import io.smallrye.jwt.build.Jwt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar in the prod profile against a real broker: OIDC is the login, so it does not start
 * without an identity provider; the demo users, whose passwords are in the README, are refused; a
 * token signed by the provider's key is accepted.
 */
class ProductionProfileIT {

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final KeyPair PROVIDER = rsa();

    private final PackagedService services = new PackagedService();

    @AfterEach
    void stop() {
        services.close();
    }

    /**
     * The provider's verification key, given as configuration (no discovery): what a test key stands
     * in for. A key alone cannot log people in, so the console's code-flow tenant is off here
     * ({@code OidcLoginServiceTest} runs it against a provider).
     */
    private static List<String> oidc() {
        return List.of("-Dquarkus.oidc.public-key=" + Base64.getEncoder().encodeToString(PROVIDER.getPublic().getEncoded()),
                "-Dquarkus.oidc.console.tenant-enabled=false");
    }

    @Test
    void withoutAnIdentityProviderTheServiceDoesNotStart() throws Exception {
        Process service = start(PackagedService.freePort(), List.of(), "prod-no-oidc");
        assertThat(service.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("the process ends").isTrue();
        assertThat(service.exitValue()).isNotZero();
        assertThat(Files.readString(Path.of("target/prod-no-oidc.log"), StandardCharsets.UTF_8))
                // the console's tenant takes its issuer from quarkus.oidc.auth-server-url, and is checked first
                .contains("auth-server-url' property must be configured");
    }

    @Test
    void demoUsersAreOffAndTokensOfTheProviderLogIn() throws Exception {
        int port = PackagedService.freePort();
        Process service = start(port, oidc(), "prod-default");
        PackagedService.awaitReady(service, port, DEADLINE);
        assertThat(PackagedService.status(port, "/api/v1/holds", "officer:officer")).isEqualTo(401);
        String officer = Jwt.preferredUserName("li.wei").groups(Set.of("compliance-officer")).expiresIn(300)
                .jws().sign(PROVIDER.getPrivate());
        assertThat(PackagedService.statusWith(port, "/api/v1/holds", "Bearer " + officer)).isEqualTo(200);
        String forged = Jwt.preferredUserName("mallory").groups(Set.of("compliance-officer")).expiresIn(300)
                .jws().sign(rsa().getPrivate());
        assertThat(PackagedService.statusWith(port, "/api/v1/holds", "Bearer " + forged)).isEqualTo(401);
    }

    @Test
    void demoUsersInProductionStopTheStart() throws Exception {
        Path log = Path.of("target/prod-demo-users.log");
        List<String> options = new ArrayList<>(oidc());
        options.add("-Dquarkus.security.users.embedded.users.officer=officer");
        Process service = start(PackagedService.freePort(), options, "prod-demo-users");

        assertThat(service.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("the process ends").isTrue();
        assertThat(service.exitValue()).isNotZero();
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("demo users [officer] are configured in production");
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Process start(int port, List<String> extra, String name) {
        List<String> options = new ArrayList<>(List.of("-Xmx256m",
                "-Dkafka.bootstrap.servers=" + KafkaBrokerResource.bootstrapServers(),
                "-Dquarkus.http.port=" + port,
                "-Dscreening.instance-id=it-" + name + "-" + UUID.randomUUID(),
                "-Dscreening.consumer-group=it-" + UUID.randomUUID()));
        options.addAll(extra);
        return services.start(name + ".log", options);
    }
}

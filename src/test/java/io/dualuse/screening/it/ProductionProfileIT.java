package io.dualuse.screening.it;

import io.dualuse.screening.testing.KafkaBrokerResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar in the prod profile against a real broker (issue #18): the demo users, whose
 * passwords are in the README, are off; turned on, the service does not start.
 */
class ProductionProfileIT {

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private final PackagedService services = new PackagedService();

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void demoUsersAreOffByDefault() throws Exception {
        int port = PackagedService.freePort();
        Process service = start(port, List.of(), "prod-default");
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (PackagedService.status(port, "/q/health/ready", null) != 200) {
            assertThat(service.isAlive()).as("the service runs").isTrue();
            assertThat(System.nanoTime()).as("ready within " + DEADLINE).isLessThan(end);
            service.waitFor(250, TimeUnit.MILLISECONDS); // returns early only if the service died
        }
        assertThat(PackagedService.status(port, "/api/v1/holds", "officer:officer")).isEqualTo(401);
    }

    @Test
    void turningDemoUsersOnInProductionStopsTheStart() throws Exception {
        Path log = Path.of("target/prod-demo-users.log");
        Process service = start(PackagedService.freePort(), List.of("-Dscreening.security.demo-users.enabled=true"), "prod-demo-users");

        assertThat(service.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("the process ends").isTrue();
        assertThat(service.exitValue()).isNotZero();
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("demo users are enabled in production");
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

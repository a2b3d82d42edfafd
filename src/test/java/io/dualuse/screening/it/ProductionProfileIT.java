package io.dualuse.screening.it;

import io.dualuse.screening.ops.KafkaBrokerResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
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
    private Process service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.destroyForcibly();
        }
    }

    @Test
    void demoUsersAreOffByDefault() throws Exception {
        int port = freePort();
        service = start(port, List.of(), "prod-default");
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (status(port, "/q/health/ready", null) != 200) {
            assertThat(service.isAlive()).as("the service runs").isTrue();
            assertThat(System.nanoTime()).as("ready within " + DEADLINE).isLessThan(end);
            service.waitFor(250, TimeUnit.MILLISECONDS); // returns early only if the service died
        }
        assertThat(status(port, "/api/v1/holds", "officer:officer")).isEqualTo(401);
    }

    @Test
    void turningDemoUsersOnInProductionStopsTheStart() throws Exception {
        Path log = Path.of("target/prod-demo-users.log");
        service = start(freePort(), List.of("-Dscreening.security.demo-users.enabled=true"), "prod-demo-users");

        assertThat(service.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)).as("the process ends").isTrue();
        assertThat(service.exitValue()).isNotZero();
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("demo users are enabled in production");
    }

    private static Process start(int port, List<String> extra, String name) throws Exception {
        File jar = new File("target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("the packaged service").exists();
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m",
                "-Dkafka.bootstrap.servers=" + KafkaBrokerResource.bootstrapServers(),
                "-Dquarkus.http.port=" + port,
                "-Dscreening.instance-id=it-" + name + "-" + UUID.randomUUID(),
                "-Dscreening.consumer-group=it-" + UUID.randomUUID()));
        command.addAll(extra);
        command.addAll(List.of("-jar", jar.getPath()));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(new File("target/" + name + ".log")).start();
    }

    private static int status(int port, String path, String user) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
            c.setConnectTimeout(500);
            if (user != null) {
                c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
            }
            return c.getResponseCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

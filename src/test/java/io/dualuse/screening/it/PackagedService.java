package io.dualuse.screening.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar as child processes of an IT: started with the given JVM options, killed when closed. */
final class PackagedService implements AutoCloseable {

    private final List<Process> processes = new ArrayList<>();

    /** {@code java <options> -jar quarkus-run.jar}, its output in {@code target/<log>}. */
    Process start(String log, List<String> options) {
        File jar = new File("target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("the packaged service").exists();
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(options);
        command.addAll(List.of("-jar", jar.getPath()));
        return launch(command, log);
    }

    /**
     * The one-command run on the packaged jar: {@code demo.DemoRun} (broker, demo feed) from the test
     * classpath, which starts the jar with {@code options}; both outputs in {@code target/<log>}.
     */
    Process startDemo(String log, List<String> options) {
        File jar = new File("target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("the packaged service").exists();
        List<String> command = new ArrayList<>(List.of("java", "-cp", System.getProperty("java.class.path"),
                "io.dualuse.screening.demo.DemoRun", jar.getPath()));
        command.addAll(options);
        return launch(command, log);
    }

    private Process launch(List<String> command, String log) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(new File("target/" + log)).start();
            processes.add(p);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Options for the jar (demo profile: its logins) on the test broker with every topic under
     * {@code prefix}, names the broker has never seen: the service must create them itself.
     */
    static List<String> onFreshTopics(String prefix, int port, String name) {
        List<String> options = new ArrayList<>(List.of("-Xmx256m",
                "-Dkafka.bootstrap.servers=" + io.dualuse.screening.testing.KafkaBrokerResource.bootstrapServers(),
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.profile=prod,demo",
                "-Dscreening.instance-id=it-" + name + "-" + java.util.UUID.randomUUID(),
                "-Dscreening.consumer-group=it-" + name + "-" + java.util.UUID.randomUUID()));
        for (io.dualuse.screening.platform.Topics.Topic t : io.dualuse.screening.platform.Topics.DEFINITIONS) {
            options.add("-D" + t.configKey() + "=" + prefix + t.name());
        }
        return options;
    }

    /** Waits until the service on {@code port} is ready; fails if it dies or takes longer than {@code deadline}. */
    static void awaitReady(Process service, int port, java.time.Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (status(port, "/q/health/ready", null) != 200) {
            assertThat(service.isAlive()).as("the service runs").isTrue();
            assertThat(System.nanoTime()).as("ready within " + deadline).isLessThan(end);
            service.waitFor(250, java.util.concurrent.TimeUnit.MILLISECONDS); // returns early only if the service died
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The HTTP status of a GET, as {@code user:password} when given; -1 while nothing answers. */
    static int status(int port, String path, String user) {
        return statusWith(port, path, user == null ? null : "Basic " + Base64.getEncoder().encodeToString(user.getBytes(StandardCharsets.UTF_8)));
    }

    /** @param authorization the Authorization header, or null for none */
    static int statusWith(int port, String path, String authorization) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
            c.setConnectTimeout(500);
            if (authorization != null) {
                c.setRequestProperty("Authorization", authorization);
            }
            return c.getResponseCode();
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        // the demo run's service is a child of the process started here
        processes.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
    }
}

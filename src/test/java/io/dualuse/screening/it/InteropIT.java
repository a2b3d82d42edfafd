package io.dualuse.screening.it;

import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.testing.KafkaBrokerResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that are not Java, against the packaged service on the test broker: kcat for JSON orders
 * and dead letters, a Node.js client (kafkajs + avsc, interop/node) for Avro orders. Each reads
 * with read_committed. Skipped with a message where the tool is missing, failed instead where
 * {@code SCREENING_INTEROP_TESTS=required} (.ci/run).
 */
class InteropIT {

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private static final String PREFIX = "interop-" + UUID.randomUUID() + ".";
    private static final PackagedService SERVICES = new PackagedService();

    @BeforeAll
    static void startService() throws Exception {
        int port = PackagedService.freePort();
        List<String> options = PackagedService.onFreshTopics(PREFIX, port, "interop");
        Process service = SERVICES.start("interop.log", options);
        PackagedService.awaitReady(service, port, DEADLINE);
    }

    @AfterAll
    static void stopService() {
        SERVICES.close();
    }

    private static void need(String tool, boolean present, String install) {
        if (!present && "required".equals(System.getenv("SCREENING_INTEROP_TESTS"))) {
            throw new IllegalStateException(tool + " is required for the interop check but missing: " + install);
        }
        if (!present) {
            System.err.println("InteropIT: " + tool + " missing, its checks are skipped (" + install + ")");
        }
        Assumptions.assumeTrue(present, tool + " missing: " + install);
    }

    private static boolean onPath(String command) {
        return System.getenv("PATH") != null && java.util.Arrays.stream(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }

    /** Runs a command to its end (at most 90 s) and returns its standard output; fails with its output otherwise. */
    private static String run(List<String> command, byte[] input, File dir) throws IOException, InterruptedException {
        Path out = Files.createTempFile("interop", ".out");
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        if (dir != null) {
            pb.directory(dir);
        }
        Process p = pb.start();
        if (input != null) {
            p.getOutputStream().write(input);
        }
        p.getOutputStream().close();
        boolean ended = p.waitFor(90, TimeUnit.SECONDS);
        String output = Files.readString(out, StandardCharsets.UTF_8);
        if (!ended) {
            p.destroyForcibly();
        }
        assertThat(ended).as("%s ended; output:%n%s", command, output).isTrue();
        assertThat(p.exitValue()).as("%s exit status; output:%n%s", command, output).isZero();
        return output;
    }

    private static String jsonOrder(String id) {
        return """
                {"orderId": "%s", "orderVersion": 1, "exportDate": "%s",
                 "exporter": {"id": "EXP-KCAT", "name": "Exporter", "country": "CN"},
                 "consignee": {"name": "Berlin Textil GmbH", "country": "DE"},
                 "endUser": {"name": "Berlin Textil GmbH", "country": "DE", "type": "COMMERCIAL"},
                 "endUse": {"category": "CIVIL", "description": "retail"},
                 "shipFrom": "CN", "shipTo": "DE", "finalDestination": "DE",
                 "lines": [{"lineNo": 1, "sku": "TS-1", "description": "cotton T-shirts", "commodityCode": "6109100000",
                            "originCountry": "CN", "quantity": "500", "unit": "PCS"}]}""".formatted(id, LocalDate.now().plusDays(2))
                .replace("\n", " ");
    }

    /** kcat's consumer: the topic from the start to its end, read_committed, one line per record: key, headers. */
    private static String consume(String topic) throws IOException, InterruptedException {
        return run(List.of("kcat", "-C", "-b", KafkaBrokerResource.bootstrapServers(), "-t", topic, "-o", "beginning", "-e", "-q",
                "-X", "isolation.level=read_committed", "-f", "%k|%h\\n"), null, null);
    }

    @Test
    void kcatSendsJsonOrdersAndReadsTheirDecisionsAndDeadLetters() throws Exception {
        need("kcat", onPath("kcat"), "apt-get install kcat");
        String id = "KCAT-" + UUID.randomUUID();
        String broken = "KCAT-BROKEN-" + UUID.randomUUID();
        String bootstrap = KafkaBrokerResource.bootstrapServers();
        run(List.of("kcat", "-P", "-b", bootstrap, "-t", PREFIX + Topics.ORDERS, "-k", id, "-H", "content-type=application/json"),
                jsonOrder(id).getBytes(StandardCharsets.UTF_8), null);
        run(List.of("kcat", "-P", "-b", bootstrap, "-t", PREFIX + Topics.ORDERS, "-k", broken, "-H", "content-type=application/json"),
                "{\"orderId\": \"oops\"".getBytes(StandardCharsets.UTF_8), null);

        String released = awaitLine(PREFIX + Topics.RELEASES, id);
        assertThat(released).contains("content-type=application/avro; framing=single-object")
                .contains("avro-schema=io.dualuse.screening.decision.event.ScreeningDecision");
        String dead = awaitLine(PREFIX + Topics.ORDERS_DLQ, broken);
        assertThat(dead).contains("dead-letter-code=UNDECODABLE").contains("malformed JSON order").contains("content-type=application/json");
    }

    /** The line kcat prints for a key, reading the topic again until it is there (the service decides meanwhile). */
    private static String awaitLine(String topic, String key) {
        java.util.concurrent.atomic.AtomicReference<String> found = new java.util.concurrent.atomic.AtomicReference<>();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            consume(topic).lines().filter(l -> l.startsWith(key + "|")).findFirst().ifPresent(found::set);
            return found.get() != null;
        });
        return found.get();
    }

    @Test
    void aNodeClientSendsAnAvroOrderFramedFromTheReadmeAndDecodesItsDecision() throws Exception {
        need("Node.js and npm", onPath("node") && onPath("npm"), "install nodejs and npm");
        File dir = new File("interop/node");
        try {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), null, dir);
        } catch (AssertionError e) {
            need("the npm packages of interop/node", false, "npm ci failed: " + e.getMessage().lines().findFirst().orElse(""));
        }
        String fingerprint = readmeFingerprint("OrderEvent");
        String id = "NODE-" + UUID.randomUUID();
        String out = run(List.of("node", "avro-order.js", KafkaBrokerResource.bootstrapServers(), PREFIX, id, fingerprint), null, dir);
        assertThat(out).contains("\"orderId\":\"" + id + "\"").contains("\"status\":\"RELEASE\"")
                .contains("\"schema\":\"io.dualuse.screening.decision.event.ScreeningDecision\"").contains("NOT_CONTROLLED");
    }

    /** The client takes the fingerprint from the README's table, as its author would. */
    private static String readmeFingerprint(String schema) throws IOException {
        String prefix = "| `" + schema + "` | `";
        return Files.readAllLines(Path.of("README.md")).stream().filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length(), prefix.length() + 16)).findFirst().orElseThrow();
    }
}

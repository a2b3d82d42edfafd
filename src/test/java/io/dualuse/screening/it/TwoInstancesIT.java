package io.dualuse.screening.it;

import io.dualuse.screening.decision.event.DecisionStatus;
import io.dualuse.screening.decision.event.LicenseAllocation;
import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.order.event.Party;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.testing.KafkaBrokerResource;
import io.dualuse.screening.testing.TestOrders;
import io.dualuse.screening.wire.AvroCodec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.math.BigDecimal;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static io.dualuse.screening.testing.KafkaTestClient.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real service processes (the packaged jar) on one broker. Two in one consumer group: a licence is
 * over-subscribed three times over while the instance that owns its exporter is killed mid-stream;
 * a read_committed consumer must see exactly one decision per order, and the releases must draw
 * exactly the licence's total, never more. One alone, killed and restarted: it decides again within
 * 15 seconds of its restart (issue #18; it took 41-46 s, the default 45 s session timeout).
 */
class TwoInstancesIT {

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private final List<Process> instances = new ArrayList<>();

    @AfterEach
    void stopInstances() {
        instances.forEach(Process::destroyForcibly);
    }

    @Test
    void twoInstancesNeverOverdrawALicenceEvenWhenOneIsKilledMidStream() throws Exception {
        String bootstrap = KafkaBrokerResource.bootstrapServers();
        String group = "it-" + UUID.randomUUID();
        int portA = freePort();
        int portB = freePort();
        Process a = start("it-a", portA, bootstrap, group);
        Process b = start("it-b", portB, bootstrap, group);
        await("both instances ready", () -> ready(portA) && ready(portB));
        await("both instances own screening partitions", quietly(() -> owners(bootstrap, group).size() == 2));

        String exporter = "EXP-IT-" + UUID.randomUUID();
        String licence = "LIC-IT-" + UUID.randomUUID();
        // 1 t licensed, 30 orders of 100 kg: three times over-subscribed
        post(portA, "/api/v1/licenses", """
                {"licenseNumber": "%s", "exporterId": "%s", "controlNumbers": ["1C117.d"],
                 "destinationCountry": "DE", "endUserName": "Stuttgart Hartmetall GmbH", "quantity": "1", "unit": "T",
                 "validFrom": "2026-01-01", "validTo": "2026-12-31", "status": "ACTIVE"}""".formatted(licence, exporter));

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = "IT-" + i + "-" + UUID.randomUUID();
            ids.add(id);
            send(Topics.ORDERS, id, order(id, exporter));
            if (i == 14) {
                // once the owner of this exporter has decided some orders, kill it while the rest are in flight
                String owner = ownerOf(bootstrap, group, exporter);
                await("the owner deciding", quietly(() -> committedDecisions(bootstrap, ids) >= 3));
                Process victim = owner.startsWith("it-a") ? a : b;
                victim.destroyForcibly().waitFor();
            }
        }

        Map<String, List<ScreeningDecision>> decisions = new HashMap<>();
        try (KafkaConsumer<String, byte[]> c = committedReader(bootstrap)) {
            c.subscribe(List.of(Topics.DECISIONS));
            long end = System.nanoTime() + DEADLINE.toNanos();
            while (System.nanoTime() < end && !decisions.keySet().containsAll(ids)) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (ids.contains(r.key())) {
                        decisions.computeIfAbsent(r.key(), k -> new ArrayList<>())
                                .add(AvroCodec.instance().decode(r.value(), ScreeningDecision.class));
                    }
                }
            }
        }

        assertThat(decisions.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(decisions.values()).allSatisfy(list -> assertThat(list).hasSize(1));
        List<ScreeningDecision> released = decisions.values().stream().map(l -> l.get(0))
                .filter(d -> d.getStatus() == DecisionStatus.RELEASE).toList();
        BigDecimal drawn = released.stream().flatMap(d -> d.getLicenseAllocations().stream())
                .map(LicenseAllocation::getQuantity).map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(released).hasSize(10);
        assertThat(drawn).isEqualByComparingTo("1");
    }

    /**
     * Issue #24: each instance keeps the holds and licence draws of the exporters it owns only, and
     * answers for the others by asking their owner: a list, one hold, a review, a licence's balance.
     * A request marked as forwarded is answered from what the instance keeps: that is how the test
     * sees each instance's own share.
     */
    @Test
    void twoInstancesEachKeepTheirOwnExportersAndAnswerForTheOthers() throws Exception {
        String bootstrap = KafkaBrokerResource.bootstrapServers();
        String group = "it-" + UUID.randomUUID();
        int portA = freePort();
        int portB = freePort();
        start("it-sa", portA, bootstrap, group);
        start("it-sb", portB, bootstrap, group);
        await("both instances ready", () -> ready(portA) && ready(portB));
        await("both instances own screening partitions", quietly(() -> owners(bootstrap, group).size() == 2));

        String run = UUID.randomUUID().toString().substring(0, 8);
        String ofA = exporterOwnedBy(bootstrap, group, "it-sa", "EXP-SHARE-A-" + run);
        String ofB = exporterOwnedBy(bootstrap, group, "it-sb", "EXP-SHARE-B-" + run);
        List<String> heldA = List.of("SHARE-A1-" + run, "SHARE-A2-" + run);
        List<String> heldB = List.of("SHARE-B1-" + run, "SHARE-B2-" + run, "SHARE-B3-" + run);
        heldA.forEach(id -> send(Topics.ORDERS, id, order(id, ofA))); // no licence: held
        heldB.forEach(id -> send(Topics.ORDERS, id, order(id, ofB)));
        await("every order decided", quietly(() -> committedDecisions(bootstrap, concat(heldA, heldB)) == 5));
        await("the holds kept", quietly(() -> localHolds(portB, ofB).size() == 3 && localHolds(portA, ofA).size() == 2));

        // each keeps only its own exporters' holds
        assertThat(localHolds(portA, ofB)).as("A keeps none of B's exporter").isEmpty();
        assertThat(localHolds(portB, ofA)).as("B keeps none of A's exporter").isEmpty();
        // and answers for the other's
        assertThat(get(portA, "/api/v1/holds?exporter=" + ofB, Map.of()).body()).contains(heldB.toArray(String[]::new));
        HttpAnswer list = get(portB, "/api/v1/holds?exporter=" + ofA + "&limit=1&offset=1", Map.of());
        assertThat(list.header("X-Total-Count")).isEqualTo("2");
        List<String> oldestFirst = localHolds(portA, ofA); // as A keeps them, oldest first
        assertThat(list.body()).contains(oldestFirst.get(1)).doesNotContain(oldestFirst.get(0)); // merged, then paged
        assertThat(get(portA, "/api/v1/holds/" + heldB.get(0), Map.of()).status()).isEqualTo(200);
        assertThat(get(portA, "/api/v1/holds/NO-SUCH-" + run, Map.of()).status()).isEqualTo(404);

        // a review sent to the instance that does not keep the hold is carried out by the one that does
        HttpAnswer reviewed = post(portA, "/api/v1/holds/" + heldB.get(0) + "/review",
                "{\"action\": \"REJECT\", \"reason\": \"end user not verified\", \"reviewer\": \"officer\"}");
        assertThat(reviewed.status()).isEqualTo(200);
        assertThat(reviewed.body()).contains("\"status\":\"REJECT\"");
        await("the reviewed hold closed where it was kept", quietly(() -> localHolds(portB, ofB).size() == 2));
        // the latest decision of an order comes from the instance that made it
        assertThat(get(portA, "/api/v1/decisions/" + heldB.get(0), Map.of(PEER_HEADER, "test")).status())
                .as("A itself never decided B's order").isEqualTo(404);
        assertThat(get(portA, "/api/v1/decisions/" + heldB.get(0), Map.of()).body()).contains("\"status\":\"REJECT\"");

        // a licence's balance comes from the instance that draws it (an exporter of B's without holds:
        // the licence would release those too)
        String ofB2 = exporterOwnedBy(bootstrap, group, "it-sb", "EXP-SHARE-B2-" + run);
        String licence = "LIC-SHARE-" + run;
        post(portA, "/api/v1/licenses", """
                {"licenseNumber": "%s", "exporterId": "%s", "controlNumbers": ["1C117.d"],
                 "destinationCountry": "DE", "endUserName": "Stuttgart Hartmetall GmbH", "quantity": "1", "unit": "T",
                 "validFrom": "2026-01-01", "validTo": "2026-12-31", "status": "ACTIVE"}""".formatted(licence, ofB2));
        String licensed = "SHARE-LICENSED-" + run;
        send(Topics.ORDERS, licensed, order(licensed, ofB2));
        await("the licensed order decided", quietly(() -> committedDecisions(bootstrap, List.of(licensed)) == 1));
        await("B's balance", quietly(() -> get(portB, "/api/v1/licenses/" + licence, Map.of()).body().contains("\"drawn\":0.1")));
        assertThat(get(portA, "/api/v1/licenses/" + licence, Map.of()).body()).as("asked of A, answered by B").contains("\"drawn\":0.1");
        assertThat(get(portA, "/api/v1/licenses/" + licence, Map.of(PEER_HEADER, "test")).body())
                .as("A itself keeps no draw of B's exporter").containsPattern("\"drawn\":0[,}]");
        // a dry run judges the licence by what its exporter's instance has drawn: 950 kg fit the
        // 1 t licence as A sees it, not the 0.9 t left that B keeps
        String dryRun = """
                {"orderId": "SHARE-DRY-%s", "orderVersion": 1, "exportDate": "2026-11-24",
                 "exporter": {"id": "%s", "name": "E", "country": "CN"},
                 "consignee": {"name": "Consignee Ltd", "country": "DE"},
                 "endUser": {"name": "Stuttgart Hartmetall", "country": "DE", "type": "COMMERCIAL"},
                 "endUse": {"category": "CIVIL", "description": "industrial use"},
                 "shipFrom": "CN", "shipTo": "DE", "finalDestination": "DE",
                 "lines": [{"lineNo": 1, "description": "ammonium paratungstate", "commodityCode": "2841801000",
                            "originCountry": "CN", "quantity": "950", "unit": "KG"}]}""".formatted(run, ofB2);
        HttpAnswer forwardedDryRun = post(portA, "/api/v1/screenings", dryRun);
        assertThat(forwardedDryRun.body()).as("asked of A, screened by B").contains("\"status\":\"HOLD\"");
        HttpAnswer localDryRun = post(portA, "/api/v1/screenings", dryRun, Map.of(PEER_HEADER, "test"));
        assertThat(localDryRun.body()).as("A's own view would release it").contains("\"status\":\"RELEASE\"");
    }

    private static final String PEER_HEADER = "X-Screening-Forwarded-By";

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The open holds of an exporter that this instance itself keeps (a request marked as forwarded). */
    private static List<String> localHolds(int port, String exporter) throws Exception {
        String body = get(port, "/api/v1/holds?exporter=" + exporter, Map.of(PEER_HEADER, "test")).body();
        List<String> ids = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"orderId\":\"([^\"]+)\"").matcher(body);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** An exporter id, made from {@code base}, whose routed partition the named instance owns. */
    private static String exporterOwnedBy(String bootstrap, String group, String instance, String base) throws Exception {
        for (int i = 0; i < 1000; i++) {
            String exporter = base + "-" + i;
            if (ownerOf(bootstrap, group, exporter).startsWith(instance + "-")) {
                return exporter;
            }
        }
        throw new AssertionError(instance + " owns no partition");
    }

    private record HttpAnswer(int status, String body, Map<String, List<String>> headers) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> name.equalsIgnoreCase(e.getKey())).map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    private static HttpAnswer get(int port, String path, Map<String, String> headers) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
        c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder().encodeToString("officer:officer".getBytes(StandardCharsets.UTF_8)));
        headers.forEach(c::setRequestProperty);
        return answer(c);
    }

    private static HttpAnswer answer(HttpURLConnection c) throws Exception {
        int status = c.getResponseCode();
        var in = status < 400 ? c.getInputStream() : c.getErrorStream();
        String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new HttpAnswer(status, body, c.getHeaderFields());
    }

    private static OrderEvent order(String id, String exporter) {
        return TestOrders.civil(id, "DE", TestOrders.apt(1, "100"))
                .setExporter(Party.newBuilder().setId(exporter).setName("E").setCountry("CN").build())
                .setEndUser(Party.newBuilder().setName("Stuttgart Hartmetall").setCountry("DE").setType("COMMERCIAL").build())
                .build();
    }

    @Test
    void aKilledInstanceRestartedUnderItsIdDecidesAgainWithinFifteenSeconds() throws Exception {
        String bootstrap = KafkaBrokerResource.bootstrapServers();
        String group = "it-" + UUID.randomUUID();
        String name = "it-r-" + UUID.randomUUID().toString().substring(0, 8);
        int port = freePort();
        Process first = start(name, port, bootstrap, group, List.of()); // the service's own group timeouts
        await("the instance ready", () -> ready(port));
        String exporter = "EXP-IT-R-" + UUID.randomUUID();
        String before = "IT-R-BEFORE-" + UUID.randomUUID();
        send(Topics.ORDERS, before, order(before, exporter));
        await("a decision before the kill", quietly(() -> committedDecisions(bootstrap, List.of(before)) == 1));

        first.destroyForcibly().waitFor();
        long restarted = System.currentTimeMillis();
        start(name, freePort(), bootstrap, group, List.of());
        String after = "IT-R-AFTER-" + UUID.randomUUID();
        send(Topics.ORDERS, after, order(after, exporter));

        long decided = -1;
        try (KafkaConsumer<String, byte[]> c = committedReader(bootstrap)) {
            c.subscribe(List.of(Topics.DECISIONS));
            long end = System.nanoTime() + DEADLINE.toNanos();
            while (decided < 0 && System.nanoTime() < end) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (after.equals(r.key())) {
                        decided = r.timestamp(); // when the restarted instance wrote it
                    }
                }
            }
        }
        assertThat(decided).as("the order sent after the restart is decided").isPositive();
        Duration took = Duration.ofMillis(decided - restarted);
        System.out.printf("restart to first decision: %d ms%n", took.toMillis());
        assertThat(took).isLessThan(Duration.ofSeconds(15));
    }

    private Process start(String name, int port, String bootstrap, String group) throws Exception {
        // short group timeouts: the kill's hand-over is the subject, not the wait for it
        return start(name, port, bootstrap, group, List.of("-Dscreening.pipeline.consumer.session.timeout.ms=6000",
                "-Dscreening.pipeline.consumer.heartbeat.interval.ms=1000"));
    }

    private Process start(String name, int port, String bootstrap, String group, List<String> extra) throws Exception {
        File jar = new File("target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("the packaged service").exists();
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m",
                "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dquarkus.http.port=" + port,
                "-Dscreening.instance-id=" + name,
                "-Dscreening.advertised-url=http://127.0.0.1:" + port,
                "-Dscreening.ruleset.max-age-days=36500", // the seed is dated; staleness is unit-tested
                "-Dscreening.export-date.max-past-days=-1", // the test orders are dated; back-dating is unit-tested
                "-Dscreening.consumer-group=" + group,
                // the test logs in as the demo officer: the demo profile on top of prod, as the one-command run
                "-Dquarkus.profile=prod,demo"));
        command.addAll(extra);
        command.addAll(List.of("-jar", jar.getPath()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true).redirectOutput(new File("target/" + name + "-" + port + ".log"));
        Process p = pb.start();
        instances.add(p);
        return p;
    }

    private static Map<String, MemberDescription> owners(String bootstrap, String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            Map<String, MemberDescription> out = new HashMap<>();
            for (MemberDescription m : d.members()) {
                if (!m.assignment().topicPartitions().isEmpty()) {
                    out.put(m.clientId(), m);
                }
            }
            return out;
        }
    }

    private static String ownerOf(String bootstrap, String group, String exporter) throws Exception {
        int partition = Utils.toPositive(Utils.murmur2(exporter.getBytes(StandardCharsets.UTF_8))) % KafkaBrokerResource.PARTITIONS;
        for (var e : owners(bootstrap, group).entrySet()) {
            if (e.getValue().assignment().topicPartitions().stream().anyMatch(tp -> tp.topic().equals(Topics.ORDERS_BY_EXPORTER) && tp.partition() == partition)) {
                return e.getKey();
            }
        }
        throw new AssertionError("nobody owns partition " + partition);
    }

    private static int committedDecisions(String bootstrap, List<String> ids) {
        try (KafkaConsumer<String, byte[]> c = committedReader(bootstrap)) {
            c.subscribe(List.of(Topics.DECISIONS));
            int seen = 0;
            for (int polls = 0; polls < 6; polls++) {
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(300))) {
                    seen += ids.contains(r.key()) ? 1 : 0;
                }
            }
            return seen;
        }
    }

    private static KafkaConsumer<String, byte[]> committedReader(String bootstrap) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static boolean ready(int port) {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/q/health/ready").toURL().openConnection();
            c.setConnectTimeout(500);
            return c.getResponseCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static HttpAnswer post(int port, String path, String json) throws Exception {
        return post(port, path, json, Map.of());
    }

    private static HttpAnswer post(int port, String path, String json, Map<String, String> headers) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "application/json");
        c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder().encodeToString("officer:officer".getBytes(StandardCharsets.UTF_8)));
        headers.forEach(c::setRequestProperty);
        c.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
        HttpAnswer answer = answer(c);
        assertThat(answer.status()).as("POST " + path + ": " + answer.body()).isIn(200, 201);
        return answer;
    }

    /** Polls a condition until it holds or the deadline passes (a wait on another process, not a sleep). */
    private static void await(String what, BooleanSupplier condition) throws Exception {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000_000);
        }
    }

    private static BooleanSupplier quietly(java.util.concurrent.Callable<Boolean> c) {
        return () -> {
            try {
                return c.call();
            } catch (Exception e) {
                return false;
            }
        };
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

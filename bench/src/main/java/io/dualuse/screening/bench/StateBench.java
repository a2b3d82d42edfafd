package io.dualuse.screening.bench;

import io.dualuse.screening.decision.event.DecisionStatus;
import io.dualuse.screening.decision.event.Reason;
import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.demo.EmbeddedBroker;
import io.dualuse.screening.license.event.LedgerEntry;
import io.dualuse.screening.license.event.LicenseRecord;
import io.dualuse.screening.license.event.LicenseStatus;
import io.dualuse.screening.order.event.ElementContent;
import io.dualuse.screening.order.event.EndUse;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.order.event.OrderLine;
import io.dualuse.screening.order.event.Party;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.review.event.HoldEvent;
import io.dualuse.screening.review.event.HoldRecord;
import io.dualuse.screening.wire.AvroCodec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Issue #24's state benchmark: large state on the state topics of a fresh broker, then the
 * packaged service started against it, once or as two instances of one group; per instance, the
 * time from process start to ready, and its live heap once ready ({@code jcmd GC.class_histogram}).
 *
 * <p>The ledger holds {@code --draws} draws on 200 licences, either as history kept per order
 * (what the ledger was before settlement: every draw its own key, no export date) or settled
 * (one settled record per licence, plus {@code --open-draws} draws of orders still to ship: the
 * ledger after settlement and compaction), or just settled ({@code settling}: the history, then
 * the settled records and every draw's tombstone, before the broker's cleaner has run). The
 * holds-state topic holds {@code --holds} open holds.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.dualuse.screening.bench.StateBench --draws 10000000 --ledger history|settled|settling --holds 100000 --instances 1|2</pre>
 */
public final class StateBench {

    private static final int LICENCES = 200;
    /** Exporters, one licence each: enough that Kafka's hash spreads them evenly over the partitions. */
    private static final int EXPORTERS = LICENCES;
    private static final String IN_FORCE = new io.dualuse.screening.core.rules.RulesetLoader()
            .loadResource("rulesets/cn-dual-use.yaml").contentHash();

    private StateBench() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = BenchArgs.parse(argv);
        long draws = Long.parseLong(args.getOrDefault("draws", "1000000"));
        String ledger = args.getOrDefault("ledger", "settled");
        boolean settled = "settled".equals(ledger);
        boolean settling = "settling".equals(ledger);
        // a few thousand licensed lines a day (the example) for the 30 days before settling
        int openDraws = Integer.parseInt(args.getOrDefault("open-draws", "100000"));
        int holds = Integer.parseInt(args.getOrDefault("holds", "100000"));
        int instances = Integer.parseInt(args.getOrDefault("instances", "1"));
        // the deploy's count (deploy/k8s/kafka-topics.yaml): 2 instances get 3 each; with 3, one gets 2
        int partitions = Integer.parseInt(args.getOrDefault("partitions", "6"));
        try (EmbeddedBroker broker = EmbeddedBroker.start(3)) {
            String bootstrap = broker.bootstrapServers();
            Topics.create(bootstrap, partitions);
            long t0 = System.nanoTime();
            long records = fill(bootstrap, draws, settled, settling, openDraws, holds);
            System.out.printf(Locale.ROOT, "state written: %,d ledger and hold records in %.1f s (%s ledger, %,d historical draws, %,d open holds)%n",
                    records, (System.nanoTime() - t0) / 1e9, settled ? "settled" : settling
                            ? "just settled, not compacted: history, settled records, tombstones" : "per-order history", draws, holds);
            SubjectJvms subjects = new SubjectJvms(args, bootstrap);
            List<Process> services = new ArrayList<>();
            List<Integer> ports = new ArrayList<>();
            try {
                for (int i = 0; i < instances; i++) {
                    int port = SubjectJvms.freePort();
                    long started = System.nanoTime();
                    Process p = subjects.stateService(port, i);
                    services.add(p);
                    ports.add(port);
                    RestLoad.awaitReady(port, 600, p);
                    System.out.printf(Locale.ROOT, "instance %d: ready %.1f s after its start%n", i + 1, (System.nanoTime() - started) / 1e9);
                }
                // the first instance gives partitions to the next ones as they join: wait until the
                // holds kept add up to all of them again, each instance keeping only its own
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                long[][] kept = new long[instances][];
                while (true) {
                    long sum = 0;
                    boolean everyOneKeepsSome = true;
                    for (int i = 0; i < instances; i++) {
                        kept[i] = kept(ports.get(i));
                        sum += kept[i][0];
                        everyOneKeepsSome &= kept[i][0] > 0;
                    }
                    if ((sum == holds && everyOneKeepsSome) || System.nanoTime() > deadline) {
                        break;
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
                }
                for (int i = 0; i < instances; i++) {
                    long kb = PreviewBench.heapAfterGcKb(services.get(i).pid());
                    System.out.printf(Locale.ROOT, "instance %d: local store %,d MB on disk%n", i + 1, storeBytes(i) >> 20);
                    System.out.printf(Locale.ROOT, "instance %d: live heap once ready %,d MB; keeps %,d open holds (%.0f %%) and"
                                    + " the draws of %,d orders (%.0f %% of %,d open draws)%n", i + 1, kb / 1024, kept[i][0],
                            100.0 * kept[i][0] / holds, kept[i][1], 100.0 * kept[i][1] / (settled || settling ? openDraws : draws),
                            settled || settling ? openDraws : draws);
                }
            } finally {
                for (Process p : services) {
                    p.destroy();
                    p.waitFor(20, TimeUnit.SECONDS);
                    p.destroyForcibly();
                }
            }
        }
    }

    /** What the instance's local store (RocksDB, in its own temporary folder) holds on disk. */
    private static long storeBytes(int instance) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Path.of("bench/results/state-tmp-" + (instance + 1));
        try (var files = java.nio.file.Files.walk(dir)) {
            return files.filter(f -> f.toString().contains("screening-holds-") && java.nio.file.Files.isRegularFile(f))
                    .mapToLong(f -> f.toFile().length()).sum();
        }
    }

    /** Open holds and drawing orders the instance keeps, from its metrics. */
    private static long[] kept(int port) {
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return new long[]{metric(r.body(), "screening_holds_kept"), metric(r.body(), "screening_ledger_kept_orders")};
        } catch (Exception e) {
            return new long[]{-1, -1};
        }
    }

    private static long metric(String prometheus, String name) {
        for (String line : prometheus.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return -1;
    }

    private static long fill(String bootstrap, long draws, boolean settled, boolean settling, int openDraws, int holds)
            throws Exception {
        long n = 0;
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "1", ProducerConfig.LINGER_MS_CONFIG, "20", ProducerConfig.BATCH_SIZE_CONFIG, "262144",
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"), new StringSerializer(), new ByteArraySerializer())) {
            for (int l = 0; l < LICENCES; l++) {
                String number = "LIC-STATE-" + l;
                p.send(new ProducerRecord<>(Topics.LICENSES, number, AvroCodec.instance().encode(new LicenseRecord(number,
                        "EXP-STATE-" + (l % EXPORTERS), List.of("1C117.d"), List.of(), "DE", "End User " + l, "1000000000", "KG",
                        "2020-01-01", "2099-12-31", LicenseStatus.ACTIVE, "bench"))));
                n++;
            }
            if (settling) {
                // the first settlement of a history, before the cleaner has compacted it: every draw,
                // then the settled records and every draw's tombstone, as that settlement writes them
                for (long i = 0; i < draws; i++) {
                    n += draw(p, i, "2020-01-01");
                }
            }
            if (settled || settling) {
                for (int l = 0; l < LICENCES; l++) {
                    String number = "LIC-STATE-" + l;
                    long folded = draws / LICENCES;
                    p.send(new ProducerRecord<>(Topics.LICENSE_LEDGER, number + "/", AvroCodec.instance().encode(new LedgerEntry(
                            number, "", folded, String.valueOf(folded * 250), "KG", null))));
                    n++;
                }
                if (settling) {
                    for (long i = 0; i < draws; i++) {
                        String number = "LIC-STATE-" + (i % LICENCES);
                        p.send(new ProducerRecord<>(Topics.LICENSE_LEDGER, number + "/ORDER-STATE-" + i, null));
                        n++;
                    }
                }
                for (int i = 0; i < openDraws; i++) {
                    n += draw(p, draws + i, "2099-01-01");
                }
            } else {
                for (long i = 0; i < draws; i++) {
                    n += draw(p, i, null);
                }
            }
            for (int i = 0; i < holds; i++) {
                String id = "HELD-STATE-" + i;
                Instant at = Instant.parse("2026-11-20T08:00:00Z");
                OrderEvent order = OrderEvent.newBuilder().setOrderId(id).setOrderVersion(1).setExportDate("2099-01-01")
                        .setExporter(Party.newBuilder().setId("EXP-STATE-" + (i % EXPORTERS)).setName("State Exporter").setCountry("CN").build())
                        .setConsignee(Party.newBuilder().setName("Consignee Ltd").setCountry("DE").build())
                        .setEndUser(Party.newBuilder().setName("End User Ltd").setCountry("DE").setType("COMMERCIAL").build())
                        .setEndUse(EndUse.newBuilder().setCategory("CIVIL").setDescription("industrial use").build())
                        .setIntermediaries(new ArrayList<>()).setShipFrom("CN").setShipTo("DE").setFinalDestination("DE")
                        .setLines(new ArrayList<>(List.of(OrderLine.newBuilder().setLineNo(1).setDescription("ammonium paratungstate")
                                .setCommodityCode("2841801000").setOriginCountry("CN").setQuantity("400").setUnit("KG")
                                .setComposition(new ArrayList<ElementContent>()).build())))
                        .setLicenseNumbers(new ArrayList<>()).build();
                ScreeningDecision hold = ScreeningDecision.newBuilder().setOrderId(id).setOrderVersion(1).setStatus(DecisionStatus.HOLD)
                        .setReasons(List.of(new Reason("LICENSE_REQUIRED", DecisionStatus.HOLD, 1, "1C117.d", "CN-GENERAL-LICENSE",
                                "basis", "licence required", List.of())))
                        .setLicenseAllocations(List.of()).setRulesetVersion("CN-DU-2026.12.05")
                        // decided with the ruleset in force: the restore is measured, not a re-screen of every hold
                        .setRulesetHash(IN_FORCE).setDecidedAt(at).build();
                p.send(new ProducerRecord<>(Topics.HOLDS_STATE, id, AvroCodec.instance().encode(new HoldRecord(id, order, hold, at,
                        List.of(new HoldEvent(at, "SCREENED", DecisionStatus.HOLD, null, null))))));
                n++;
            }
            p.flush();
        }
        return n;
    }

    private static int draw(KafkaProducer<String, byte[]> p, long i, String exportDate) {
        String number = "LIC-STATE-" + (i % LICENCES);
        String order = "ORDER-STATE-" + i;
        p.send(new ProducerRecord<>(Topics.LICENSE_LEDGER, number + "/" + order, AvroCodec.instance().encode(new LedgerEntry(
                number, order, 1L, String.valueOf(1 + i % 500), "KG", exportDate))));
        return 1;
    }
}

package io.dualuse.screening.bench;

import io.dualuse.screening.core.license.License;
import io.dualuse.screening.decision.event.DecisionStatus;
import io.dualuse.screening.decision.event.LicenseAllocation;
import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.demo.EmbeddedBroker;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.wire.AvroCodec;
import io.dualuse.screening.wire.LicenseEvents;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.File;
import java.math.BigDecimal;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The crash test (issue #18), kept as a bench because it takes minutes: the packaged service
 * screens a paced stream of orders, with licences to draw, while it is killed with SIGKILL and
 * restarted under the same instance id several times. An independent {@code read_committed}
 * reader then counts the decisions: every order decided exactly once, no licence drawn beyond its
 * quantity, and how long each restart took to decide again.
 *
 * <pre>bench/crash.sh [--orders 60000 --rate 1000 --kills 6 --kill-every-seconds 4]</pre>
 */
public final class CrashBench {

    private final Map<String, String> args;
    private final String bootstrap;
    private final Workload workload = Workload.generate(2_000, 0.03);
    private final String group = "crash-" + UUID.randomUUID();
    private final String instanceId = "crash-" + UUID.randomUUID().toString().substring(0, 8);

    private CrashBench(Map<String, String> args, String bootstrap) {
        this.args = args;
        this.bootstrap = bootstrap;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = BenchArgs.parse(argv);
        boolean passed;
        try (EmbeddedBroker broker = EmbeddedBroker.start(3)) {
            Topics.create(broker.bootstrapServers(), 3);
            passed = new CrashBench(args, broker.bootstrapServers()).run();
        }
        System.exit(passed ? 0 : 1);
    }

    private boolean run() throws Exception {
        int n = BenchArgs.intArg(args, "orders", 60_000);
        int rate = BenchArgs.intArg(args, "rate", 1_000);
        int kills = BenchArgs.intArg(args, "kills", 6);
        long killEvery = TimeUnit.SECONDS.toNanos(BenchArgs.intArg(args, "kill-every-seconds", 4));
        publishLicences();
        Process service = start();
        awaitReady(service);

        String run = "CR" + UUID.randomUUID().toString().substring(0, 6);
        Thread generator = new Thread(() -> send(run, n, rate), "generator");
        long started = System.currentTimeMillis();
        generator.start();
        List<Long> restarts = new ArrayList<>();
        java.util.Random random = new java.util.Random(18);
        try (Watch watch = new Watch(run)) {
            long since = started;
            for (int k = 0; k < kills; k++) {
                // kill while it works: once it decides again, after 1 to kill-every-seconds more
                watch.awaitDecisionAfter(since);
                LockSupport.parkNanos(1 + (long) (random.nextDouble() * killEvery)); // the kill's moment, not a synchronisation
                service.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no leave-group, an open transaction
                since = System.currentTimeMillis();
                restarts.add(since);
                service = start();
                System.out.printf("kill %d of %d at %d ms; restarted%n", k + 1, kills, since - started);
            }
        }
        generator.join();
        Counted counted = count(run, n);
        service.destroy();
        service.waitFor(20, TimeUnit.SECONDS);
        service.destroyForcibly();

        List<Long> recovery = new ArrayList<>();
        for (long r : restarts) {
            Long first = counted.decidedAt.stream().filter(t -> t >= r).min(Long::compare).orElse(null);
            recovery.add(first == null ? -1 : first - r);
        }
        int lost = n - counted.byOrder.size();
        long duplicated = counted.byOrder.values().stream().filter(c -> c > 1).count();
        List<String> overdrawn = overdrawn(counted.drawn);
        System.out.printf(Locale.ROOT, "%n| measure | value |%n|---|---:|%n");
        System.out.printf(Locale.ROOT, "| orders sent at %d/s | %,d |%n", rate, n);
        System.out.printf(Locale.ROOT, "| kill -9 and restart of the service | %d |%n", kills);
        System.out.printf(Locale.ROOT, "| decided (distinct orders, read_committed) | %,d |%n", counted.byOrder.size());
        System.out.printf(Locale.ROOT, "| lost | %d |%n", lost);
        System.out.printf(Locale.ROOT, "| decided more than once | %d |%n", duplicated);
        System.out.printf(Locale.ROOT, "| licences drawn beyond their quantity | %d of %d |%n", overdrawn.size(), counted.drawn.size());
        System.out.printf(Locale.ROOT, "| restart to first decision (ms), each restart | %s |%n", recovery);
        overdrawn.forEach(l -> System.out.println("overdrawn: " + l));
        return lost == 0 && duplicated == 0 && overdrawn.isEmpty() && recovery.stream().allMatch(r -> r >= 0);
    }

    private void publishLicences() throws Exception {
        try (KafkaProducer<String, byte[]> p = producer()) {
            for (License l : workload.licenses().all()) {
                p.send(new ProducerRecord<>(Topics.LICENSES, l.licenseNumber(), AvroCodec.instance().encode(LicenseEvents.toRecord(l, "crash-bench"))));
            }
            p.flush();
        }
    }

    private void send(String run, int n, int rate) {
        List<OrderEvent> templates = workload.events().stream().map(e -> OrderEvent.newBuilder(e).build()).toList();
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> p = producer()) {
            for (int i = 0; i < n; i++) {
                long wait = start + i * interval - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait); // pacing the load, not synchronising
                }
                OrderEvent o = templates.get(i % templates.size());
                o.setOrderId(run + "-" + i);
                p.send(new ProducerRecord<>(Topics.ORDERS, o.getOrderId(), AvroCodec.instance().encode(o)));
            }
            p.flush();
        }
    }

    /** The newest decision of this run, by its write time, followed in the background. */
    private final class Watch implements AutoCloseable {
        private final java.util.concurrent.atomic.AtomicLong newest = new java.util.concurrent.atomic.AtomicLong();
        private volatile boolean running = true;
        private final Thread thread;

        Watch(String run) {
            thread = new Thread(() -> {
                try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer())) {
                    List<TopicPartition> partitions = c.partitionsFor(Topics.DECISIONS).stream()
                            .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                    c.assign(partitions);
                    while (running) {
                        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(100))) {
                            if (r.key() != null && r.key().startsWith(run + "-")) {
                                newest.accumulateAndGet(r.timestamp(), Math::max);
                            }
                        }
                    }
                }
            }, "watch");
            thread.start();
        }

        void awaitDecisionAfter(long millis) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (newest.get() < millis) {
                if (System.nanoTime() > end) {
                    throw new IllegalStateException("no decision within 120 s of " + millis);
                }
                LockSupport.parkNanos(20_000_000); // a wait on another process's progress
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
        }
    }

    private record Counted(Map<String, Integer> byOrder, List<Long> decidedAt, Map<String, BigDecimal> drawn) {
    }

    /** Reads the decisions topic from the start, read_committed, until every order is seen and 15 s more pass. */
    private Counted count(String run, int n) {
        Map<String, Integer> byOrder = new HashMap<>();
        List<Long> decidedAt = new ArrayList<>();
        Map<String, BigDecimal> drawn = new HashMap<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(Topics.DECISIONS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            long lastProgress = System.nanoTime();
            long allSeenAt = -1;
            while (true) {
                boolean progress = false;
                for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(500))) {
                    if (r.key() == null || !r.key().startsWith(run + "-")) {
                        continue;
                    }
                    progress = true;
                    byOrder.merge(r.key(), 1, Integer::sum);
                    decidedAt.add(r.timestamp());
                    ScreeningDecision d = AvroCodec.instance().decode(r.value(), ScreeningDecision.class);
                    if (d.getStatus() == DecisionStatus.RELEASE) {
                        for (LicenseAllocation a : d.getLicenseAllocations()) {
                            drawn.merge(a.getLicenseNumber(), new BigDecimal(a.getQuantity()), BigDecimal::add);
                        }
                    }
                }
                long now = System.nanoTime();
                if (progress) {
                    lastProgress = now;
                }
                if (allSeenAt < 0 && byOrder.size() == n) {
                    allSeenAt = now;
                }
                if ((allSeenAt >= 0 && now - allSeenAt > TimeUnit.SECONDS.toNanos(15))
                        || now - lastProgress > TimeUnit.SECONDS.toNanos(120)) {
                    return new Counted(byOrder, decidedAt, drawn);
                }
            }
        }
    }

    private List<String> overdrawn(Map<String, BigDecimal> drawn) {
        List<String> out = new ArrayList<>();
        for (License l : workload.licenses().all()) {
            BigDecimal d = drawn.getOrDefault(l.licenseNumber(), BigDecimal.ZERO);
            if (d.compareTo(l.quantity()) > 0) {
                out.add(l.licenseNumber() + ": " + d.toPlainString() + " of " + l.quantity().toPlainString() + " " + l.unit());
            }
        }
        return out;
    }

    private int port;

    private Process start() throws Exception {
        File jar = new File(args.getOrDefault("service-jar", "target/quarkus-app/quarkus-run.jar"));
        if (!jar.exists()) {
            throw new IllegalStateException(jar + " not found: run ./mvnw package -DskipTests first");
        }
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx256m"));
        cmd.addAll(SubjectJvms.IMAGE_GC_FLAGS);
        cmd.addAll(List.of("-XX:+ExitOnOutOfMemoryError",
                "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dquarkus.http.port=" + port,
                "-Dscreening.instance-id=" + instanceId, // the same id after each kill, as a pod's restarted container
                "-Dscreening.consumer-group=" + group,
                "-Dscreening.export-date.max-past-days=-1", // the workload's orders carry fixed dates
                "-Dquarkus.log.category.\"screening.decisions\".level=WARN",
                "-jar", jar.getPath()));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("bench/results/crash-service.log"))).start();
    }

    private void awaitReady(Process service) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < end && service.isAlive()) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/q/health/ready").toURL().openConnection();
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            service.waitFor(250, TimeUnit.MILLISECONDS); // returns early only if the service died
        }
        throw new IllegalStateException("service not ready within 90 s; see bench/results/crash-service.log");
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, "1"),
                new StringSerializer(), new ByteArraySerializer());
    }
}

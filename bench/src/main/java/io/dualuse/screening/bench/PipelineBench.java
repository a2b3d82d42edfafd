package io.dualuse.screening.bench;

import io.dualuse.screening.core.license.License;
import io.dualuse.screening.demo.EmbeddedBroker;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.wire.AvroCodec;
import io.dualuse.screening.wire.LicenseEvents;
import org.HdrHistogram.Histogram;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.util.EntityUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The pipeline load generator: the screening service against a raw Kafka consume-produce
 * passthrough on the same broker, the same partitions and the same Avro serdes, measured back to
 * back in one run so that the ratio holds on a noisy machine.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.dualuse.screening.bench.PipelineBench [--orders 20000] [--rate 5000]
 *     [--seconds 12] [--latency-settle-seconds 5] [--rest-rate 1000] [--rest-seconds 10] [--bootstrap host:port] [--service-jar target/quarkus-app/quarkus-run.jar]</pre>
 *
 * Throughput: the consumer side is started first, then N orders are produced as fast as the
 * producer goes; the time runs from the first send to the last output a read_committed reader
 * sees. Latency: orders are produced at a fixed rate; latency is from the send of an order to the
 * moment its output is visible to a read_committed reader (what a warehouse experiences).
 */
public final class PipelineBench {

    private static final int PARTITIONS = 3;
    /** This JVM: the broker (when embedded), the load generator and the reader. */
    private static final long OWN_PID = ProcessHandle.current().pid();
    /**
     * The collector flags of the container image (src/main/docker/Dockerfile.jvm), for the service
     * and the passthrough alike; SERVICE_JAVA_OPTS come after them and so can override them.
     */
    static final List<String> IMAGE_GC_FLAGS = List.of("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:-G1UseAdaptiveIHOP",
            "-XX:InitiatingHeapOccupancyPercent=55", "-XX:MaxTenuringThreshold=1");
    private final Map<String, String> args;
    private final String bootstrap;
    private final Workload workload;
    /** The workload's orders, copied for the generator, which sets each one's id as it sends it. */
    private final List<OrderEvent> templates;
    private final List<String[]> table = new ArrayList<>();
    /** Whether this JVM (broker, generator, reader) has had its own longer warm-up. */
    private boolean brokerWarm;
    private final String serviceGroup = "bench-" + UUID.randomUUID();
    /** The JVM being measured (passthrough or service), or -1 when it runs in this one. */
    private volatile long subjectPid = -1;
    /** CPU per order of the last throughput run, by subject name: {subject µs, this JVM's µs}. */
    private final Map<String, double[]> cpuPerOrder = new HashMap<>();

    private PipelineBench(Map<String, String> args, String bootstrap) {
        this.args = args;
        this.bootstrap = bootstrap;
        // a few controlled lines per hundred: most orders are ordinary goods, as in a logistics stream
        this.workload = Workload.generate(2_000, Double.parseDouble(args.getOrDefault("controlled-share", "0.03")));
        this.templates = workload.events().stream().map(e -> OrderEvent.newBuilder(e).build()).toList();
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = BenchArgs.parse(argv);
        if (args.containsKey("rest-port")) {
            // only the REST load, against a service already running (bench/README.md)
            PipelineBench bench = new PipelineBench(args, null);
            bench.restLatency(Integer.parseInt(args.get("rest-port")), bench.intArg("rest-rate", 1_000), bench.intArg("rest-seconds", 10));
            return;
        }
        if (args.containsKey("passthrough-in")) {
            // the baseline in its own JVM, started by runPassthrough; runs until that one stops it
            PipelineBench bench = new PipelineBench(args, args.get("bootstrap"));
            bench.new Passthrough(args.get("passthrough-in"), args.get("passthrough-out"), Boolean.parseBoolean(args.get("exactly-once")));
            Thread.currentThread().join();
            return;
        }
        EmbeddedBroker broker = null;
        String bootstrap = args.get("bootstrap");
        if (bootstrap == null) {
            broker = EmbeddedBroker.start(PARTITIONS);
            bootstrap = broker.bootstrapServers();
            System.out.println("embedded KRaft broker at " + bootstrap);
        }
        try {
            new PipelineBench(args, bootstrap).run();
        } finally {
            if (broker != null) {
                broker.close();
            }
        }
    }

    private int intArg(String name, int fallback) {
        return BenchArgs.intArg(args, name, fallback);
    }

    private void run() throws Exception {
        int n = intArg("orders", 100_000);
        int rate = intArg("rate", 5_000);
        int seconds = intArg("seconds", 12);
        Topics.create(bootstrap, PARTITIONS);
        createTopics("bench.pt.in", "bench.pt.out", "bench.pteos.in", "bench.pteos.out",
                "bench.holds.state.at-least-once", "bench.holds.state.exactly-once");
        double linesPerOrder = workload.meanLinesPerOrder();
        System.out.printf("workload: %.2f lines/order, %d licences, %d orders per throughput run, %d orders/s for %d s%n",
                linesPerOrder, workload.licenses().all().size(), n, rate, seconds);

        // --- baseline: raw passthrough, at-least-once and exactly-once ---
        double ptAlo = Double.NaN;
        double ptEos = Double.NaN;
        Histogram ptLatency = new Histogram(3);
        Histogram ptAloLatency = new Histogram(3);
        // --service-only true: for experiments on the service only (no ratios then)
        if (!Boolean.parseBoolean(args.getOrDefault("service-only", "false"))) {
            try (AutoCloseable pt = passthrough("bench.pt.in", "bench.pt.out", false)) {
                warmUp("bench.pt.in", "bench.pt.out", "PTW");
                ptAlo = throughput("passthrough at-least-once", "bench.pt.in", "bench.pt.out", "PT", n);
                ptAloLatency = latency("passthrough at-least-once", "bench.pt.in", "bench.pt.out", "PTL", rate, seconds);
            }
            try (AutoCloseable pt = passthrough("bench.pteos.in", "bench.pteos.out", true)) {
                warmUp("bench.pteos.in", "bench.pteos.out", "PTEW");
                ptEos = throughput("passthrough exactly-once", "bench.pteos.in", "bench.pteos.out", "PTE", n);
                ptLatency = latency("passthrough exactly-once", "bench.pteos.in", "bench.pteos.out", "PTEL", rate, seconds);
            }
        }

        // --- the service, as a separate process, in each delivery mode ---
        publishLicences();
        ServiceRun alo = runService("at-least-once", "SVA", n, rate, seconds, false);
        ServiceRun eos = runService("exactly-once", "SVE", n, rate, seconds, true);

        row("orders/s (throughput run)", fmt(ptAlo), fmt(alo.throughput), fmt(ptEos), fmt(eos.throughput),
                String.format(Locale.ROOT, "ALO %.0f %% (target 90 %%), EOS %.0f %% (target 70 %%)",
                        100 * alo.throughput / ptAlo, 100 * eos.throughput / ptEos));
        row("order lines/s", fmt(ptAlo * linesPerOrder), fmt(alo.throughput * linesPerOrder),
                fmt(ptEos * linesPerOrder), fmt(eos.throughput * linesPerOrder), "");
        for (double pct : new double[]{50, 99, 99.9}) {
            row("p" + (pct == 99.9 ? "99.9" : String.valueOf((int) pct)) + " latency at " + rate + "/s (ms)",
                    ms(ptAloLatency, pct), ms(alo.latency, pct), ms(ptLatency, pct), ms(eos.latency, pct),
                    pct == 99 ? "target <= 20 ms" : "");
        }
        double[] none = {Double.NaN, Double.NaN};
        double[][] cpu = {cpuPerOrder.getOrDefault("passthrough at-least-once", none), cpuPerOrder.getOrDefault("service at-least-once", none),
                cpuPerOrder.getOrDefault("passthrough exactly-once", none), cpuPerOrder.getOrDefault("service exactly-once", none)};
        row("CPU per order, subject (µs)", us(cpu[0][0]), us(cpu[1][0]), us(cpu[2][0]), us(cpu[3][0]), "");
        row("CPU per order, broker + load generator (µs)", us(cpu[0][1]), us(cpu[1][1]), us(cpu[2][1]), us(cpu[3][1]),
                "2 cores: 2,000,000 µs per s in all");
        row("service RSS at steady load (MB)", "", String.valueOf(alo.rssKb / 1024), "", String.valueOf(eos.rssKb / 1024),
                "target <= 512 MB");
        row("dry-run REST p50 / p99 at " + intArg("rest-rate", 1_000) + " req/s (ms)", "", "", "",
                ms(eos.rest, 50) + " / " + ms(eos.rest, 99), "target p99 <= 5 ms");
        printTable();
    }

    private record ServiceRun(double throughput, Histogram latency, long rssKb, Histogram rest) {
    }

    /** Starts the service in one delivery mode, measures it, stops it. The REST run only once (mode-independent). */
    private ServiceRun runService(String delivery, String prefix, int n, int rate, int seconds, boolean rest) throws Exception {
        int port = freePort();
        Process service = startService(port, delivery);
        subjectPid = service.pid();
        try {
            awaitReady(port);
            String name = "service " + delivery;
            warmUp(Topics.ORDERS, Topics.DECISIONS, prefix + "W");
            double svc = throughput(name, Topics.ORDERS, Topics.DECISIONS, prefix, n);
            Histogram latency = latency(name, Topics.ORDERS, Topics.DECISIONS, prefix + "L", rate, seconds);
            long rssKb = rssKb(service.pid());
            Histogram restLatency = rest ? restLatency(port, intArg("rest-rate", 1_000), intArg("rest-seconds", 10)) : null;
            return new ServiceRun(svc, latency, rssKb, restLatency);
        } finally {
            subjectPid = -1;
            service.destroy();
            service.waitFor(20, TimeUnit.SECONDS);
            service.destroyForcibly();
        }
    }

    // ---------------------------------------------------------------- measurements

    /**
     * An unmeasured run before each subject's measured ones: every subject is measured warm (JIT,
     * connections, group membership), not only the ones that happen to run later in this JVM.
     */
    private void warmUp(String in, String out, String prefix) throws Exception {
        // by time, not by count: on two shared cores the JIT compiler of a fresh service JVM was
        // still taking 40 % of its CPU after 10,000 orders; 35-40 s because the passthrough in its
        // own JVM made 21,000 orders/s after 15 s and 34,000 after 40 (the service 12,000-13,000
        // after both). The first subject warms this JVM too (broker, generator, reader): with 40 s,
        // its JIT still took 14-21 µs per order in the first measured run, 2-5 in the later ones,
        // and the first passthrough measured 21,000-29,000 orders/s against 32,000-36,000
        int seconds = intArg("warmup-seconds", 35) + (brokerWarm ? 0 : intArg("broker-warmup-seconds", 20));
        brokerWarm = true;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (int round = 0; System.nanoTime() < end; round++) {
            throughput(null, in, out, prefix + round, intArg("warmup-orders", 10_000));
        }
    }

    private double throughput(String name, String in, String out, String prefix, int n) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger seen = new AtomicInteger();
        Reader reader = new Reader(out, r -> {
            if (r.key() != null && r.key().startsWith(prefix + "-") && seen.incrementAndGet() == n) {
                done.countDown();
            }
        });
        try (reader; KafkaProducer<String, byte[]> p = producer()) {
            reader.awaitAssigned();
            Map<String, Long> threads0 = threadCpuNanos(subjectPid);
            Map<String, Long> ownThreads0 = threadCpuNanos(OWN_PID);
            long subjectCpu0 = cpuNanos(subjectPid);
            long ownCpu0 = cpuNanos(OWN_PID);
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                OrderEvent o = order(prefix, i);
                p.send(new ProducerRecord<>(in, o.getOrderId(), AvroCodec.instance().encode(o)));
            }
            p.flush();
            if (!done.await(240, TimeUnit.SECONDS)) {
                throw new IllegalStateException((name == null ? "warm-up " + prefix : name) + ": only " + seen.get() + " of " + n + " outputs seen");
            }
            double perSecond = n / ((System.nanoTime() - t0) / 1e9);
            // where the CPU went, per order: the subject's JVM, and this one (broker, generator, reader)
            double subjectUs = subjectPid < 0 ? Double.NaN : (cpuNanos(subjectPid) - subjectCpu0) / 1e3 / n;
            double ownUs = (cpuNanos(OWN_PID) - ownCpu0) / 1e3 / n;
            if (name != null) {
                System.out.printf("%-28s %,10.0f orders/s, CPU per order: subject %s µs, broker + load generator %s µs%n",
                        name, perSecond, us(subjectUs), us(ownUs));
                cpuPerOrder.put(name, new double[]{subjectUs, ownUs});
                printThreadShares("by thread", threads0, threadCpuNanos(subjectPid), n);
                // the broker's share: its request handlers and network threads, the log cleaner of the
                // compacted state topics, the transaction coordinator; and the generator and reader
                printThreadShares("broker + load generator, by thread", ownThreads0, threadCpuNanos(OWN_PID), n);
            }
            return perSecond;
        }
    }

    private Histogram latency(String name, String in, String out, String prefix, int rate, int seconds) throws Exception {
        int n = rate * seconds;
        // sent at the rate first and not recorded: the latency run follows a throughput run at full
        // speed, and in its first seconds the broker's log writes on this VM's disk stalled the
        // service for 73-300 ms once or twice in every run (bench/README.md)
        int settle = rate * intArg("latency-settle-seconds", 5);
        Map<String, Long> sentAt = new ConcurrentHashMap<>(n * 2);
        Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        // by the second of the send: tells one long stall from pauses spread over the run
        Histogram[] bySecond = new Histogram[seconds + 1];
        for (int i = 0; i < bySecond.length; i++) {
            bySecond[i] = new Histogram(TimeUnit.SECONDS.toMicros(60), 2);
        }
        AtomicLong firstSend = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger seen = new AtomicInteger();
        Reader reader = new Reader(out, r -> {
            Long t = r.key() == null ? null : sentAt.remove(r.key());
            if (t != null) {
                long micros = Math.max(1, (System.nanoTime() - t) / 1_000);
                h.recordValue(micros);
                bySecond[(int) Math.min(seconds, Math.max(0, (t - firstSend.get()) / 1_000_000_000L))].recordValue(micros);
                if (seen.incrementAndGet() == n) {
                    done.countDown();
                }
            }
        });
        try (reader; KafkaProducer<String, byte[]> p = producer()) {
            reader.awaitAssigned();
            long interval = 1_000_000_000L / rate;
            long start = System.nanoTime();
            firstSend.set(start + settle * interval);
            for (int i = 0; i < settle + n; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait); // pacing the load at the fixed rate, not synchronising
                }
                OrderEvent o = order(prefix, i);
                byte[] value = AvroCodec.instance().encode(o);
                if (i >= settle) {
                    sentAt.put(o.getOrderId(), System.nanoTime());
                }
                p.send(new ProducerRecord<>(in, o.getOrderId(), value));
            }
            p.flush();
            if (!done.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + ": only " + seen.get() + " of " + n + " outputs seen");
            }
        }
        System.out.printf("%-28s at %d/s: p50 %s ms, p99 %s ms, p99.9 %s ms%n", name, rate, ms(h, 50), ms(h, 99), ms(h, 99.9));
        if (Boolean.parseBoolean(args.getOrDefault("latency-timeline", "false"))) {
            StringBuilder line = new StringBuilder("    p99 / max by second of send (ms), from ")
                    .append(java.time.LocalTime.now().minusNanos(System.nanoTime() - firstSend.get())).append(':');
            for (int i = 0; i < seconds; i++) {
                line.append(' ').append(ms(bySecond[i], 99)).append('/').append(ms(bySecond[i], 100));
            }
            System.out.println(line);
        }
        return h;
    }

    /**
     * The dry-run endpoint at a fixed rate, open loop: request i is due at {@code start + i / rate};
     * {@code rest-connections} threads each take every k-th request, each on its own keep-alive
     * connection, and a latency runs from the request's due time, so a stall is counted for every
     * request it delays (no coordinated omission). Asynchronous clients were tried first: the JDK
     * HttpClient's sendAsync queued for seconds inside the client, and Vert.x's left a few dozen
     * requests per run without an answer, while wrk measured the same service at about 1 ms.
     */
    private Histogram restLatency(int port, int rate, int seconds) throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString("ops:ops".getBytes(StandardCharsets.UTF_8));
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            bodies.add(order("REST", i).toString());
        }
        Histogram h = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        // the first seconds warm the client and the endpoint (class loading, JIT, connections) and are not recorded
        int warm = rate * intArg("rest-warmup-seconds", 5);
        int n = warm + rate * seconds;
        int k = intArg("rest-connections", 16);
        AtomicInteger failures = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/screenings");
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < k; w++) {
            int first = w;
            // one client per worker: one connection each, reused request after request
            CloseableHttpClient client = HttpClients.custom().setMaxConnPerRoute(1).setMaxConnTotal(1)
                    .setDefaultRequestConfig(RequestConfig.custom().setSocketTimeout(10_000).build()).build();
            Thread worker = new Thread(() -> {
                try (client) {
                    for (int i = first; i < n; i += k) {
                        long due = start + i * interval;
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait); // pacing the load at the fixed rate, not synchronising
                        }
                        HttpPost post = new HttpPost(uri);
                        post.setHeader("Authorization", auth);
                        post.setEntity(new StringEntity(bodies.get(i % bodies.size()), ContentType.APPLICATION_JSON));
                        try (CloseableHttpResponse resp = client.execute(post)) {
                            EntityUtils.consume(resp.getEntity());
                            if (resp.getStatusLine().getStatusCode() != 200) {
                                throw new IllegalStateException("HTTP " + resp.getStatusLine().getStatusCode());
                            }
                            if (i >= warm) {
                                synchronized (h) {
                                    h.recordValue(Math.max(1, (System.nanoTime() - due) / 1_000));
                                }
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                            firstFailure.compareAndSet(null, String.valueOf(e));
                        }
                    }
                } catch (java.io.IOException e) {
                    firstFailure.compareAndSet(null, String.valueOf(e));
                }
            }, "rest-load-" + w);
            worker.start();
            workers.add(worker);
        }
        for (Thread t : workers) {
            t.join();
        }
        System.out.printf("%-28s at %d req/s: p50 %s ms, p99 %s ms, p99.9 %s ms, %d failed%n", "REST dry run", rate,
                ms(h, 50), ms(h, 99), ms(h, 99.9), failures.get());
        if (failures.get() > 0) {
            throw new IllegalStateException("REST dry run: " + failures.get() + " request(s) failed, first: " + firstFailure.get());
        }
        return h;
    }

    // ---------------------------------------------------------------- the service and the baseline

    private Process startService(int port, String delivery) throws Exception {
        File jar = new File(args.getOrDefault("service-jar", "target/quarkus-app/quarkus-run.jar"));
        if (!jar.exists()) {
            throw new IllegalStateException(jar + " not found: run ./mvnw package -DskipTests first");
        }
        List<String> cmd = subjectJvm();
        cmd.addAll(List.of(
                "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dquarkus.http.port=" + port,
                "-Dscreening.instance-id=bench-" + UUID.randomUUID(),
                "-Dscreening.delivery=" + delivery,
                // one group for both runs: the second continues where the first stopped, no backlog
                "-Dscreening.consumer-group=" + serviceGroup,
                // the REST load logs in as the demo ops user against this real broker: prod refuses that unless told
                "-Dscreening.security.demo-users.enabled=true",
                "-Dscreening.security.demo-users.allow-in-prod=true",
                // each mode starts from an empty backlog of open holds: nobody reviews the bench's
                // holds, so the second instance would otherwise restore and carry the first one's
                "-Dscreening.topics.holds-state=bench.holds.state." + delivery,
                "-Dquarkus.log.category.\"screening.decisions\".level=WARN",
                "-jar", jar.getPath()));
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true).redirectOutput(new File("bench/results/pipeline-service-" + delivery + ".log")).start();
    }

    /**
     * The baseline as the service runs: a JVM of its own with the service's heap and options, not
     * a thread of this one, which also runs the broker and has its Kafka client code compiled
     * already. {@code --passthrough-in-process true} runs it here, as earlier runs did.
     */
    private AutoCloseable passthrough(String in, String out, boolean exactlyOnce) throws Exception {
        if (Boolean.parseBoolean(args.getOrDefault("passthrough-in-process", "false"))) {
            return new Passthrough(in, out, exactlyOnce);
        }
        List<String> cmd = subjectJvm();
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), PipelineBench.class.getName(),
                "--bootstrap", bootstrap, "--passthrough-in", in, "--passthrough-out", out,
                "--exactly-once", String.valueOf(exactlyOnce)));
        for (String option : List.of("fetch-wait-ms", "passthrough-compression", "passthrough-batch-size", "retry-backoff-ms")) {
            if (args.containsKey(option)) {
                cmd.addAll(List.of("--" + option, args.get(option)));
            }
        }
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(new File("bench/results/pipeline-passthrough-" + (exactlyOnce ? "exactly-once" : "at-least-once") + ".log"))
                .start();
        subjectPid = process.pid();
        return () -> {
            subjectPid = -1;
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
            process.destroyForcibly();
        };
    }

    private void publishLicences() throws Exception {
        try (KafkaProducer<String, byte[]> p = producer()) {
            for (License l : workload.licenses().all()) {
                p.send(new ProducerRecord<>(Topics.LICENSES, l.licenseNumber(), AvroCodec.instance().encode(LicenseEvents.toRecord(l, "bench"))));
            }
            p.flush();
        }
    }

    /** Raw consume-produce: decode and re-encode each order with the same Avro codec, no screening. */
    private final class Passthrough implements AutoCloseable {
        private final Thread thread;
        private final KafkaConsumer<String, byte[]> consumer;
        private volatile boolean running = true;

        Passthrough(String in, String out, boolean exactlyOnce) {
            Map<String, Object> cc = new HashMap<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "bench-pt-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, args.getOrDefault("fetch-wait-ms", "500")));
            consumer = new KafkaConsumer<>(cc, new StringDeserializer(), new ByteArrayDeserializer());
            // the service's producer settings (application.properties), so that only screening differs
            Map<String, Object> pc = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, "5",
                    ProducerConfig.COMPRESSION_TYPE_CONFIG, args.getOrDefault("passthrough-compression", "snappy"),
                    ProducerConfig.BATCH_SIZE_CONFIG, args.getOrDefault("passthrough-batch-size", "16384")));
            if (exactlyOnce) {
                pc.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-pt-" + UUID.randomUUID());
                // as the service's transactional channels (application.properties): the default 100 ms
                // backoff on CONCURRENT_TRANSACTIONS would dominate the baseline's latency
                pc.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, args.getOrDefault("retry-backoff-ms", "10"));
            }
            KafkaProducer<String, byte[]> producer = new KafkaProducer<>(pc, new StringSerializer(), new ByteArraySerializer());
            if (exactlyOnce) {
                producer.initTransactions();
            }
            consumer.subscribe(List.of(in));
            thread = new Thread(() -> {
                try (producer) {
                    while (running) {
                        ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                        if (records.isEmpty()) {
                            continue;
                        }
                        if (exactlyOnce) {
                            producer.beginTransaction();
                        }
                        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                        for (ConsumerRecord<String, byte[]> r : records) {
                            OrderEvent e = AvroCodec.instance().decode(r.value(), OrderEvent.class);
                            producer.send(new ProducerRecord<>(out, r.key(), AvroCodec.instance().encode(e)));
                            offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                        }
                        if (exactlyOnce) {
                            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                            producer.commitTransaction();
                        } else {
                            producer.flush(); // acknowledged before the offsets move on, as the service does
                            consumer.commitAsync(offsets, null);
                        }
                    }
                } catch (WakeupException e) {
                    // stopping
                } finally {
                    consumer.close();
                }
            }, "passthrough");
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            consumer.wakeup();
            thread.join(10_000);
        }
    }

    /**
     * The partitions of a topic created a moment ago: the broker may answer a metadata request
     * with none until the topic has reached it (a reader assigned no partition then failed the run).
     */
    private static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<TopicPartition> tps = consumer.partitionsFor(topic, Duration.ofSeconds(5)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (!tps.isEmpty()) {
                return tps;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + topic + " has no partitions after 30 s");
            }
        }
    }

    /** A read_committed reader of an output topic, from its current end. */
    private final class Reader implements AutoCloseable {
        private final Thread thread;
        private final KafkaConsumer<String, byte[]> consumer;
        private final CountDownLatch assigned = new CountDownLatch(1);
        private volatile boolean running = true;

        Reader(String topic, java.util.function.Consumer<ConsumerRecord<String, byte[]>> onRecord) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, args.getOrDefault("fetch-wait-ms", "500")),
                    new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> tps = partitionsOf(consumer, topic);
            consumer.assign(tps);
            consumer.seekToEnd(tps);
            tps.forEach(consumer::position); // resolve the end now, before anything is produced
            assigned.countDown();
            thread = new Thread(() -> {
                try {
                    while (running) {
                        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                            onRecord.accept(r);
                        }
                    }
                } catch (WakeupException e) {
                    // stopping
                } finally {
                    consumer.close();
                }
            }, "reader-" + topic);
            thread.start();
        }

        void awaitAssigned() throws InterruptedException {
            assigned.await();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            consumer.wakeup();
            thread.join(10_000);
        }
    }

    // ---------------------------------------------------------------- plumbing

    /**
     * Order {@code i} of a run, as the generator sends it: one of the workload's orders under the
     * id {@code prefix-i}. Made as it is sent, not all before the run, so that this JVM, which is
     * also the broker, does not hold up to 100,000 deep copies of orders (and copy them in its
     * young collections) while it measures. The result is a reused template: encode or print it
     * before the next call. Only the generator's thread calls this.
     */
    private OrderEvent order(String prefix, int i) {
        OrderEvent template = templates.get(i % templates.size());
        template.setOrderId(prefix + "-" + i);
        return template;
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, "1"),
                new StringSerializer(), new ByteArraySerializer());
    }

    private void createTopics(String... names) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String n : names) {
                topics.add(new NewTopic(n, PARTITIONS, (short) 1));
            }
            try {
                admin.createTopics(topics).all().get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    private static void awaitReady(int port) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < end) {
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
        }
        throw new IllegalStateException("service not ready within 90 s; see bench/results/pipeline-service.log");
    }

    /**
     * The start of the command line of a subject JVM, service or passthrough alike: the image's
     * heap and collector flags, then SERVICE_JAVA_OPTS (which can override them).
     */
    private List<String> subjectJvm() {
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx" + args.getOrDefault("service-heap", "256m")));
        cmd.addAll(IMAGE_GC_FLAGS);
        String extra = System.getenv("SERVICE_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            cmd.addAll(List.of(extra.trim().split("\\s+")));
        }
        return cmd;
    }

    /** User + system CPU of a process from /proc, -1 for none. */
    private static long cpuNanos(long pid) throws Exception {
        return pid < 0 ? -1 : statCpuNanos(Files.readString(Path.of("/proc/" + pid + "/stat")));
    }

    /** utime + stime of a /proc stat line (clock ticks of 10 ms), in ns. */
    private static long statCpuNanos(String stat) {
        // fields after the command name, which is in parentheses and may hold spaces: utime is the 14th field
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }

    /** CPU by thread kind of a process (thread names with their numbers taken out), from /proc. */
    private static Map<String, Long> threadCpuNanos(long pid) throws Exception {
        Map<String, Long> out = new HashMap<>();
        if (pid < 0) {
            return out;
        }
        File[] tasks = new File("/proc/" + pid + "/task").listFiles();
        for (File task : tasks == null ? new File[0] : tasks) {
            try {
                String stat = Files.readString(task.toPath().resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+", "#");
                out.merge(name, statCpuNanos(stat), Long::sum);
            } catch (java.io.IOException | RuntimeException gone) {
                // the thread ended between listing and reading
            }
        }
        return out;
    }

    /** Where a JVM's CPU went during a throughput run, by thread kind: the line that says which threads to look at. */
    private static void printThreadShares(String title, Map<String, Long> before, Map<String, Long> after, int n) {
        StringBuilder sb = new StringBuilder("    " + title + " (µs per order):");
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(10)
                .forEach(e -> sb.append(String.format(Locale.ROOT, " %s %.1f;", e.getKey(), e.getValue() / 1e3 / n)));
        System.out.println(sb);
    }

    private static String us(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.0f", v);
    }

    private static long rssKb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String ms(Histogram h, double percentile) {
        return String.format(Locale.ROOT, "%.1f", h.getValueAtPercentile(percentile) / 1000.0);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%,.0f", v);
    }

    private void row(String... cells) {
        table.add(cells);
    }

    private void printTable() {
        System.out.println();
        System.out.println("| measure | passthrough at-least-once | service at-least-once | passthrough exactly-once | service exactly-once | ratio / target |");
        System.out.println("|---|---:|---:|---:|---:|---|");
        for (String[] r : table) {
            System.out.println("| " + String.join(" | ", r) + " |");
        }
    }
}

package io.dualuse.screening.bench;

import io.dualuse.screening.core.license.License;
import io.dualuse.screening.demo.EmbeddedBroker;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.wire.AvroCodec;
import io.dualuse.screening.wire.LicenseEvents;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import java.util.concurrent.locks.LockSupport;

/**
 * The pipeline load generator: the screening service against a raw Kafka consume-produce
 * passthrough on the same broker, the same partitions and the same Avro serdes, measured back to
 * back in one run so that the ratio holds on a noisy machine.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.dualuse.screening.bench.PipelineBench [--orders 20000] [--rate 5000]
 *     [--seconds 12] [--latency-settle-seconds 5] [--rest-rate 1000] [--rest-seconds 10] [--rest-login bearer|basic] [--bootstrap host:port] [--service-jar target/quarkus-app/quarkus-run.jar]</pre>
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
    private final Map<String, String> args;
    private final String bootstrap;
    private final Workload workload;
    /** The workload's orders, copied for the generator, which sets each one's id as it sends it. */
    private final List<OrderEvent> templates;
    private final Report report = new Report();
    private final SubjectJvms subjects;
    /** Whether this JVM (broker, generator, reader) has had its own longer warm-up. */
    private boolean brokerWarm;
    /** When this run started, and the span of the last measured throughput run: the windows of the previews. */
    private Instant servicesStart;
    private Instant lastRunFrom;
    private Instant lastRunTo;
    private final String serviceGroup = "bench-" + UUID.randomUUID();
    /** The JVM being measured (passthrough or service), or -1 when it runs in this one. */
    private volatile long subjectPid = -1;
    /** CPU per order of the last throughput run, by subject name: {subject µs, this JVM's µs}. */
    private final Map<String, double[]> cpuPerOrder = new HashMap<>();

    private PipelineBench(Map<String, String> args, String bootstrap) {
        this.args = args;
        this.bootstrap = bootstrap;
        this.subjects = new SubjectJvms(args, bootstrap);
        // a few controlled lines per hundred: most orders are ordinary goods, as in a logistics stream
        this.workload = Workload.generate(2_000, Double.parseDouble(args.getOrDefault("controlled-share", "0.03")));
        this.templates = workload.events().stream().map(e -> OrderEvent.newBuilder(e).build()).toList();
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = BenchArgs.parse(argv);
        if (args.containsKey("rest-port")) {
            // only the REST load, against a service already running (bench/README.md)
            PipelineBench bench = new PipelineBench(args, null);
            RestLoad.run(Integer.parseInt(args.get("rest-port")), bench.intArg("rest-rate", 1_000), bench.intArg("rest-seconds", 10),
                    bench.restBodies(), args);
            return;
        }
        if (args.containsKey("streams-in")) {
            // the Kafka Streams passthrough in its own JVM, started by streams(); runs until stopped
            new StreamsPassthrough(args.get("bootstrap"), args, args.get("streams-in"), args.get("streams-out"),
                    Boolean.parseBoolean(args.get("streams-store")));
            Thread.currentThread().join();
            return;
        }
        if (args.containsKey("passthrough-in")) {
            // the baseline in its own JVM, started by runPassthrough; runs until that one stops it
            PipelineBench bench = new PipelineBench(args, args.get("bootstrap"));
            new Passthrough(args.get("bootstrap"), args, args.get("passthrough-in"), args.get("passthrough-out"),
                    Boolean.parseBoolean(args.get("exactly-once")));
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
        // the service's own hold-state topics (one per mode) are created by the service, compacted
        // as state topics must be: made here, they had been plain delete-policy topics
        createTopics("bench.pt.in", "bench.pt.out", "bench.pteos.in", "bench.pteos.out");
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

        // --- the engine question (issue #24): the same passthrough as a Kafka Streams application ---
        if (Boolean.parseBoolean(args.getOrDefault("streams", "false"))) {
            createTopics("bench.st.in", "bench.st.out", "bench.sts.in", "bench.sts.out");
            double[] streams = new double[2];
            Histogram[] streamsLatency = new Histogram[2];
            for (int store = 0; store < 2; store++) {
                String in = store == 0 ? "bench.st.in" : "bench.sts.in";
                String out = store == 0 ? "bench.st.out" : "bench.sts.out";
                String name = "Kafka Streams exactly-once" + (store == 0 ? "" : ", a store write per order");
                try (AutoCloseable st = streams(in, out, store == 1)) {
                    warmUp(in, out, store == 0 ? "STW" : "STSW");
                    streams[store] = throughput(name, in, out, store == 0 ? "ST" : "STS", n);
                    streamsLatency[store] = latency(name, in, out, store == 0 ? "STL" : "STSL", rate, seconds);
                }
            }
            Report engine = new Report();
            engine.row("orders/s (throughput run)", Report.fmt(ptEos), Report.fmt(streams[0]), Report.fmt(streams[1]),
                    String.format(Locale.ROOT, "Streams %.0f %%, with a store %.0f %% of the plain exactly-once passthrough",
                            100 * streams[0] / ptEos, 100 * streams[1] / ptEos));
            for (double pct : new double[]{50, 99}) {
                engine.row("p" + (int) pct + " latency at " + rate + "/s (ms)", Report.ms(ptLatency, pct),
                        Report.ms(streamsLatency[0], pct), Report.ms(streamsLatency[1], pct), "");
            }
            double[] none = {Double.NaN, Double.NaN};
            engine.row("CPU per order, subject (µs)", Report.us(cpuPerOrder.getOrDefault("passthrough exactly-once", none)[0]),
                    Report.us(cpuPerOrder.getOrDefault("Kafka Streams exactly-once", none)[0]),
                    Report.us(cpuPerOrder.getOrDefault("Kafka Streams exactly-once, a store write per order", none)[0]), "");
            engine.printEngine();
        }
        if (Boolean.parseBoolean(args.getOrDefault("skip-service", "false"))) {
            return;
        }

        // --- the service, as a separate process, in each delivery mode ---
        publishLicences();
        ServiceRun alo = runService("at-least-once", "SVA", n, rate, seconds, false);
        ServiceRun eos = runService("exactly-once", "SVE", n, rate, seconds, true);

        report.row("orders/s (throughput run)", Report.fmt(ptAlo), Report.fmt(alo.throughput), Report.fmt(ptEos), Report.fmt(eos.throughput),
                String.format(Locale.ROOT, "ALO %.0f %% (target 90 %%), EOS %.0f %% (target 70 %%)",
                        100 * alo.throughput / ptAlo, 100 * eos.throughput / ptEos));
        report.row("order lines/s", Report.fmt(ptAlo * linesPerOrder), Report.fmt(alo.throughput * linesPerOrder),
                Report.fmt(ptEos * linesPerOrder), Report.fmt(eos.throughput * linesPerOrder), "");
        for (double pct : new double[]{50, 99, 99.9}) {
            report.row("p" + (pct == 99.9 ? "99.9" : String.valueOf((int) pct)) + " latency at " + rate + "/s (ms)",
                    Report.ms(ptAloLatency, pct), Report.ms(alo.latency, pct), Report.ms(ptLatency, pct), Report.ms(eos.latency, pct),
                    pct == 99 ? "target <= 20 ms" : "");
        }
        double[] none = {Double.NaN, Double.NaN};
        double[][] cpu = {cpuPerOrder.getOrDefault("passthrough at-least-once", none), cpuPerOrder.getOrDefault("service at-least-once", none),
                cpuPerOrder.getOrDefault("passthrough exactly-once", none), cpuPerOrder.getOrDefault("service exactly-once", none)};
        report.row("CPU per order, subject (µs)", Report.us(cpu[0][0]), Report.us(cpu[1][0]), Report.us(cpu[2][0]), Report.us(cpu[3][0]), "");
        report.row("CPU per order, broker + load generator (µs)", Report.us(cpu[0][1]), Report.us(cpu[1][1]), Report.us(cpu[2][1]), Report.us(cpu[3][1]),
                "2 cores: 2,000,000 µs per s in all");
        report.row("service RSS at steady load (MB)", "", String.valueOf(alo.rssKb / 1024), "", String.valueOf(eos.rssKb / 1024),
                "target <= 512 MB");
        report.row("dry-run REST p50 / p99 at " + intArg("rest-rate", 1_000) + " req/s, " + (BenchLogin.bearer(args) ? "bearer token" : "demo basic")
                + " (ms)", "", "", "",
                Report.ms(eos.rest, 50) + " / " + Report.ms(eos.rest, 99), "target p99 <= 5 ms");
        for (PreviewBench.Run p : eos.previews) {
            report.row(String.format(Locale.ROOT, "ruleset preview orders/s, %,d orders (%d pass(es))", p.orders(), p.passes()),
                    "", "", "", Report.fmt(p.ordersPerSecond()),
                    String.format(Locale.ROOT, "%.0f %% of the EOS pipeline (target >= 50 %%)", 100 * p.ordersPerSecond() / eos.throughput));
            report.row(String.format(Locale.ROOT, "service live heap, before / max during that preview (MB)"),
                    "", "", "", (p.heapBeforeKb() / 1024) + " / " + (p.heapMaxKb() / 1024), "target: flat between windows");
        }
        report.print();
    }

    private record ServiceRun(double throughput, Histogram latency, long rssKb, Histogram rest, List<PreviewBench.Run> previews) {
    }

    /**
     * Previews after the exactly-once run, with the pipeline idle: over the orders of its throughput
     * run, then over every order the service runs sent to orders.v1 (warm-ups included), to see
     * the preview's speed next to the pipeline's and its memory at two window sizes.
     */
    private List<PreviewBench.Run> previews(int port, long pid) throws Exception {
        if (!Boolean.parseBoolean(args.getOrDefault("preview", "true"))) {
            return List.of();
        }
        List<PreviewBench.Run> runs = new ArrayList<>();
        runs.add(PreviewBench.run("preview: the EOS throughput run", port, pid, lastRunFrom, lastRunTo, args));
        System.out.println(runs.get(0));
        // two large windows, one about half the other: flat memory means the same heap for both.
        // orders.v1 has orders of the service runs only (the passthroughs have their own topics)
        Instant now = Instant.now();
        Instant half = servicesStart.plus(Duration.between(servicesStart, now).dividedBy(2));
        runs.add(PreviewBench.run("preview: first half of the service runs", port, pid, servicesStart, half, args));
        System.out.println(runs.get(1));
        runs.add(PreviewBench.run("preview: all of the service runs", port, pid, servicesStart, now, args));
        System.out.println(runs.get(2));
        return runs;
    }

    /** Starts the service in one delivery mode, measures it, stops it. The REST run only once (mode-independent). */
    private ServiceRun runService(String delivery, String prefix, int n, int rate, int seconds, boolean rest) throws Exception {
        if (servicesStart == null) {
            servicesStart = Instant.now();
        }
        int port = SubjectJvms.freePort();
        Process service = subjects.service(port, delivery, serviceGroup);
        subjectPid = service.pid();
        try {
            RestLoad.awaitReady(port);
            String name = "service " + delivery;
            warmUp(Topics.ORDERS, Topics.DECISIONS, prefix + "W");
            double svc = throughput(name, Topics.ORDERS, Topics.DECISIONS, prefix, n);
            Histogram latency = latency(name, Topics.ORDERS, Topics.DECISIONS, prefix + "L", rate, seconds);
            long rssKb = ProcStats.rssKb(service.pid());
            Histogram restLatency = rest ? RestLoad.run(port, intArg("rest-rate", 1_000), intArg("rest-seconds", 10), restBodies(), args) : null;
            List<PreviewBench.Run> previews = rest ? previews(port, service.pid()) : List.of();
            return new ServiceRun(svc, latency, rssKb, restLatency, previews);
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
        OutputReader reader = new OutputReader(bootstrap, args.getOrDefault("fetch-wait-ms", "500"), out, r -> {
            if (r.key() != null && r.key().startsWith(prefix + "-") && seen.incrementAndGet() == n) {
                done.countDown();
            }
        });
        try (reader; KafkaProducer<String, byte[]> p = producer()) {
            reader.awaitAssigned();
            Map<String, Long> threads0 = ProcStats.threadCpuNanos(subjectPid);
            Map<String, Long> ownThreads0 = ProcStats.threadCpuNanos(OWN_PID);
            long subjectCpu0 = ProcStats.cpuNanos(subjectPid);
            long ownCpu0 = ProcStats.cpuNanos(OWN_PID);
            long t0 = System.nanoTime();
            Instant sentFrom = Instant.now().minusSeconds(1);
            for (int i = 0; i < n; i++) {
                OrderEvent o = order(prefix, i);
                p.send(new ProducerRecord<>(in, o.getOrderId(), AvroCodec.instance().encode(o)));
            }
            p.flush();
            if (!done.await(240, TimeUnit.SECONDS)) {
                throw new IllegalStateException((name == null ? "warm-up " + prefix : name) + ": only " + seen.get() + " of " + n + " outputs seen");
            }
            double perSecond = n / ((System.nanoTime() - t0) / 1e9);
            if (name != null) {
                lastRunFrom = sentFrom;
                lastRunTo = Instant.now().plusSeconds(1);
            }
            // where the CPU went, per order: the subject's JVM, and this one (broker, generator, reader)
            double subjectUs = subjectPid < 0 ? Double.NaN : (ProcStats.cpuNanos(subjectPid) - subjectCpu0) / 1e3 / n;
            double ownUs = (ProcStats.cpuNanos(OWN_PID) - ownCpu0) / 1e3 / n;
            if (name != null) {
                System.out.printf("%-28s %,10.0f orders/s, CPU per order: subject %s µs, broker + load generator %s µs%n",
                        name, perSecond, Report.us(subjectUs), Report.us(ownUs));
                cpuPerOrder.put(name, new double[]{subjectUs, ownUs});
                ProcStats.printThreadShares("by thread", threads0, ProcStats.threadCpuNanos(subjectPid), n);
                // the broker's share: its request handlers and network threads, the log cleaner of the
                // compacted state topics, the transaction coordinator; and the generator and reader
                ProcStats.printThreadShares("broker + load generator, by thread", ownThreads0, ProcStats.threadCpuNanos(OWN_PID), n);
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
        OutputReader reader = new OutputReader(bootstrap, args.getOrDefault("fetch-wait-ms", "500"), out, r -> {
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
        System.out.printf("%-28s at %d/s: p50 %s ms, p99 %s ms, p99.9 %s ms%n", name, rate, Report.ms(h, 50), Report.ms(h, 99), Report.ms(h, 99.9));
        if (Boolean.parseBoolean(args.getOrDefault("latency-timeline", "false"))) {
            StringBuilder line = new StringBuilder("    p99 / max by second of send (ms), from ")
                    .append(java.time.LocalTime.now().minusNanos(System.nanoTime() - firstSend.get())).append(':');
            for (int i = 0; i < seconds; i++) {
                line.append(' ').append(Report.ms(bySecond[i], 99)).append('/').append(Report.ms(bySecond[i], 100));
            }
            System.out.println(line);
        }
        return h;
    }

    // ---------------------------------------------------------------- the service and the baseline

    /**
     * The baseline as the service runs: a JVM of its own with the service's heap and options, not
     * a thread of this one, which also runs the broker and has its Kafka client code compiled
     * already. {@code --passthrough-in-process true} runs it here, as earlier runs did.
     */
    private AutoCloseable passthrough(String in, String out, boolean exactlyOnce) throws Exception {
        if (Boolean.parseBoolean(args.getOrDefault("passthrough-in-process", "false"))) {
            return new Passthrough(bootstrap, args, in, out, exactlyOnce);
        }
        return measured(subjects.passthrough(in, out, exactlyOnce));
    }

    /** The subject JVM being measured until closed: its CPU is read, then it is stopped. */
    private AutoCloseable measured(Process process) {
        subjectPid = process.pid();
        return () -> {
            subjectPid = -1;
            process.destroy();
            process.waitFor(20, TimeUnit.SECONDS);
            process.destroyForcibly();
        };
    }

    private AutoCloseable streams(String in, String out, boolean store) throws Exception {
        return measured(subjects.streams(in, out, store));
    }

    /** The dry-run bodies of the REST load: orders of the workload as JSON. */
    private List<String> restBodies() {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            bodies.add(order("REST", i).toString());
        }
        return bodies;
    }

    private void publishLicences() throws Exception {
        try (KafkaProducer<String, byte[]> p = producer()) {
            for (License l : workload.licenses().all()) {
                p.send(new ProducerRecord<>(Topics.LICENSES, l.licenseNumber(), AvroCodec.instance().encode(LicenseEvents.toRecord(l, "bench"))));
            }
            p.flush();
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
}

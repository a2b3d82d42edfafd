package io.dualuse.screening.bench;

import java.io.File;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The JVMs being measured, each started as the container image starts the service: the packaged
 * service in one delivery mode, or the passthrough baseline in a JVM of its own.
 */
final class SubjectJvms {

    /**
     * The collector flags of the container image (src/main/docker/Dockerfile.jvm), for the service
     * and the passthrough alike; SERVICE_JAVA_OPTS come after them and so can override them.
     */
    static final List<String> IMAGE_GC_FLAGS = List.of("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-XX:-G1UseAdaptiveIHOP",
            "-XX:InitiatingHeapOccupancyPercent=55", "-XX:MaxTenuringThreshold=1");

    private final Map<String, String> args;
    private final String bootstrap;

    SubjectJvms(Map<String, String> args, String bootstrap) {
        this.args = args;
        this.bootstrap = bootstrap;
    }

    Process service(int port, String delivery, String group) throws Exception {
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
                "-Dscreening.consumer-group=" + group,
                // the REST load logs in as the demo ops user: the demo profile on top of prod, as the one-command run
                "-Dquarkus.profile=prod,demo",
                // each mode starts from an empty backlog of open holds: nobody reviews the bench's
                // holds, so the second instance would otherwise restore and carry the first one's
                "-Dscreening.topics.holds-state=bench.holds.state." + delivery,
                "-Dquarkus.log.category.\"screening.decisions\".level=WARN"));
        cmd.addAll(BenchLogin.serviceOptions(args));
        cmd.addAll(List.of("-jar", jar.getPath()));
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true).redirectOutput(new File("bench/results/pipeline-service-" + delivery + ".log")).start();
    }

    /**
     * The baseline as the service runs: a JVM of its own with the service's heap and options, not
     * a thread of this one, which also runs the broker and has its Kafka client code compiled
     * already. {@code --passthrough-in-process true} runs it here, as earlier runs did.
     */
    Process passthrough(String in, String out, boolean exactlyOnce) throws Exception {
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
        return process;
    }

    /** The service for StateBench: one of {@code --instances} in one group, on the default topics. */
    Process stateService(int port, int instance) throws Exception {
        File jar = new File(args.getOrDefault("service-jar", "target/quarkus-app/quarkus-run.jar"));
        List<String> cmd = subjectJvm();
        cmd.addAll(List.of(
                "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dquarkus.http.port=" + port,
                "-Dscreening.instance-id=bench-state-" + instance,
                "-Dscreening.advertised-url=http://127.0.0.1:" + port,
                // a temporary folder of its own: its local store's size is measured there
                "-Djava.io.tmpdir=" + stateTemp(instance),
                "-Dscreening.consumer-group=bench-state",
                "-Dquarkus.profile=prod,demo"));
        cmd.addAll(BenchLogin.serviceOptions(args));
        cmd.addAll(List.of("-jar", jar.getPath()));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(new File("bench/results/state-service-" + (instance + 1) + ".log")).start();
    }

    /** The temporary folder of state-bench instance {@code instance}, created empty. */
    static String stateTemp(int instance) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Path.of("bench/results/state-tmp-" + (instance + 1)).toAbsolutePath();
        if (java.nio.file.Files.exists(dir)) {
            try (var files = java.nio.file.Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        java.nio.file.Files.createDirectories(dir);
        return dir.toString();
    }

    /** The Kafka Streams passthrough (issue #24's engine question), a JVM of its own like the plain one. */
    Process streams(String in, String out, boolean store) throws Exception {
        List<String> cmd = subjectJvm();
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), PipelineBench.class.getName(),
                "--bootstrap", bootstrap, "--streams-in", in, "--streams-out", out, "--streams-store", String.valueOf(store)));
        for (String option : List.of("fetch-wait-ms", "passthrough-compression", "passthrough-batch-size", "retry-backoff-ms",
                "streams-commit-ms")) {
            if (args.containsKey(option)) {
                cmd.addAll(List.of("--" + option, args.get(option)));
            }
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(new File("bench/results/pipeline-streams-" + (store ? "store" : "plain") + ".log")).start();
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

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}

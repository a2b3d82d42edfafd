package io.dualuse.screening.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ruleset previews against the running service, after its pipeline runs: a candidate with one
 * more measure (every dual-use item to Germany reviewed) over a window of orders already on
 * {@code orders.v1}. Reports the preview's orders/s from the service's own start and finish
 * times, and the service's live heap ({@link #heapAfterGcKb}), taken before the preview and
 * every few seconds while it runs: memory is flat when the largest of those does not grow with
 * the window.
 */
final class PreviewBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HISTOGRAM_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)\\s*$");

    /** One preview: what it read and screened, how fast, and the heap around it. */
    record Run(String label, long records, long orders, long changed, int passes, double seconds, long heapBeforeKb,
               long heapMaxKb, int heapSamples) {
        double ordersPerSecond() {
            return orders / seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-34s %,10d records, %,9d orders (%,d changed) in %d pass(es), %.1f s: %,.0f orders/s;"
                            + " heap after full GC before %,d KB, max during %,d KB (%d samples)", label, records, orders, changed,
                    passes, seconds, ordersPerSecond(), heapBeforeKb, heapMaxKb, heapSamples);
        }
    }

    private PreviewBench() {
    }

    static Run run(String label, int port, long pid, Instant from, Instant to, Map<String, String> args) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String auth = BenchLogin.officerHeader(args);
        long before = heapAfterGcKb(pid);
        HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/v1/ruleset/preview?from=" + from + "&to=" + to))
                .header("Authorization", auth).header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString(candidate())).build(), HttpResponse.BodyHandlers.ofString());
        if (started.statusCode() != 202) {
            throw new IllegalStateException("preview refused: HTTP " + started.statusCode() + " " + started.body());
        }
        String id = JSON.readTree(started.body()).get("id").asText();
        URI status = URI.create("http://127.0.0.1:" + port + "/api/v1/ruleset/preview/" + id);
        long max = 0;
        int samples = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(20);
        JsonNode s;
        while (true) {
            s = JSON.readTree(http.send(HttpRequest.newBuilder(status).header("Authorization", auth).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            if (!"RUNNING".equals(s.get("state").asText())) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("preview " + id + " still running after 20 minutes: " + s);
            }
            max = Math.max(max, heapAfterGcKb(pid));
            samples++;
            if (Boolean.parseBoolean(args.getOrDefault("preview-histogram", "false")) && samples % 5 == 0) {
                // what the heap holds during a preview, largest classes first
                System.out.println(label + ", " + s.get("progress") + ":\n"
                        + jcmd(pid, "GC.class_histogram").lines().limit(25).collect(java.util.stream.Collectors.joining("\n")));
            }
            Thread.sleep(3_000); // pacing the heap samples; the loop ends on the preview's state, not on time
        }
        if (!"DONE".equals(s.get("state").asText())) {
            throw new IllegalStateException("preview " + id + " ended " + s.get("state") + ": " + s.get("error"));
        }
        double seconds = Duration.between(Instant.parse(s.get("startedAt").asText()), Instant.parse(s.get("finishedAt").asText()))
                .toMillis() / 1000.0;
        JsonNode progress = s.get("progress");
        return new Run(label, progress.get("recordsRead").asLong() / (2L * progress.get("passes").asInt()),
                s.get("result").get("ordersScreened").asLong(), s.get("result").get("ordersChanged").asLong(),
                progress.get("passes").asInt(), seconds, before, max, samples);
    }

    /** The candidate: the shipped ruleset with one measure more. */
    private static String candidate() throws IOException {
        try (InputStream in = PreviewBench.class.getClassLoader().getResourceAsStream("rulesets/cn-dual-use.yaml")) {
            String seed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return seed.replaceFirst("version: \\S+", "version: BENCH-PREVIEW").replace("\nmeasures:\n", """

                    measures:
                    - id: BENCH-REVIEW-DE
                      title: 'Bench: every dual-use item to Germany is reviewed'
                      legalBasis: 'none: a benchmark candidate'
                      source: PRC-DU-REGS
                      action: ENHANCED_REVIEW
                      effectiveFrom: 2026-01-01
                      effectiveTo: null
                      suspensions: []
                      scope:
                        countries: [DE]
                        partyRoles: [FINAL_DESTINATION, SHIP_TO, CONSIGNEE, END_USER, INTERMEDIARY]
                        endUserTypes: []
                        endUseCategories: []
                        families: []
                        controlNumbers: []
                        transfers: [EXPORT_FROM_CN]
                      verified: true
                    """);
        }
    }

    /**
     * The service's live heap, in KB: the total of {@code jcmd GC.class_histogram}, which collects
     * and counts in one safepoint. ({@code GC.run} then {@code GC.heap_info} counted what a running
     * preview allocated in the half second between the two commands: 60-100 MB of garbage.)
     */
    static long heapAfterGcKb(long pid) throws Exception {
        String histogram = jcmd(pid, "GC.class_histogram");
        Matcher m = HISTOGRAM_TOTAL.matcher(histogram);
        if (!m.find()) {
            throw new IllegalStateException("no total in jcmd GC.class_histogram: "
                    + histogram.substring(Math.max(0, histogram.length() - 300)));
        }
        return Long.parseLong(m.group(1)) / 1024;
    }

    private static String jcmd(long pid, String command) throws Exception {
        Process p = new ProcessBuilder("jcmd", String.valueOf(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + out);
        }
        return out;
    }
}

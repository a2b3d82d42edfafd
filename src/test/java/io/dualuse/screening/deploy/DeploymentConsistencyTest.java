package io.dualuse.screening.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dualuse.screening.platform.Topics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Static checks of what cannot be run here (no Docker, no Kubernetes): docker-compose.yml, every
 * deploy/k8s/*.yaml and application.properties must agree with {@link Topics}. Plain JUnit, no
 * Quarkus, milliseconds. Each check is a function returning the problems it found; the tests at the
 * end feed each one a broken input to prove it can fail.
 */
class DeploymentConsistencyTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path ROOT = projectRoot();
    private static final String TOPIC_INIT = "topic-init";
    /** Audit topics: decisions and reviews are never deleted by retention (or kept at least a year). */
    private static final List<String> AUDIT_TOPICS = List.of(Topics.DECISIONS, Topics.REVIEWS);
    private static final long ONE_YEAR_MS = 365L * 24 * 3600 * 1000;
    private static final int K8S_PARTITIONS = 6;
    /** topic-init's line format: {@code topic <name> <key=value>...} */
    private static final Pattern TOPIC_LINE = Pattern.compile("^\\s*topic\\s+(\\S+)((?:\\s+\\S+=\\S+)*)\\s*$");

    // ------------------------------------------------------------------ the real files

    @Test
    void composeFileParsesAndItsTopicInitDeclaresEveryTopicWithTheRightCleanupPolicy() throws IOException {
        JsonNode compose = single(readYaml(ROOT.resolve("docker-compose.yml")), "docker-compose.yml");
        Map<String, Map<String, String>> topics = composeTopics(compose);
        assertThat(topicProblems("docker-compose.yml topic-init", topics)).isEmpty();
        topics.forEach((t, c) -> assertThat(c).as(t).containsEntry("partitions", String.valueOf(Topics.partitions(t, 3))));
    }

    @Test
    void kubernetesManifestsParseAndDeclareEveryTopicWithTheRightCleanupPolicy() throws IOException {
        List<JsonNode> docs = k8sDocs();
        assertThat(docs).as("deploy/k8s manifests").isNotEmpty();
        Map<String, Map<String, String>> topics = kafkaTopics(docs);
        assertThat(topicProblems("deploy/k8s KafkaTopic", topics)).isEmpty();
        assertThat(kafkaTopicSizingProblems(topics)).isEmpty();
    }

    /**
     * What the service's Kafka identity must be allowed on each topic: a missing Read or Write only
     * shows in production, as an authorization error. The audit topic is read too: the decision log
     * points at its records and {@code GET /api/v1/decisions/{id}} reads them back.
     */
    @Test
    void theServicesKafkaUserMayReadAndWriteWhatTheServiceReadsAndWrites() throws IOException {
        Map<String, Set<String>> granted = new TreeMap<>();
        for (JsonNode doc : k8sDocs()) {
            if (!"KafkaUser".equals(doc.path("kind").asText())) {
                continue;
            }
            for (JsonNode acl : doc.path("spec").path("authorization").path("acls")) {
                if ("topic".equals(acl.path("resource").path("type").asText())) {
                    Set<String> ops = granted.computeIfAbsent(acl.path("resource").path("name").asText(), k -> new TreeSet<>());
                    acl.path("operations").forEach(o -> ops.add(o.asText()));
                }
            }
        }
        List<String> reads = List.of(Topics.ORDERS, Topics.ORDERS_BY_EXPORTER, Topics.DECISIONS, Topics.LICENSES,
                Topics.LICENSE_LEDGER, Topics.HOLDS_STATE, Topics.RULESETS);
        List<String> writes = List.of(Topics.ORDERS_DLQ, Topics.ORDERS_BY_EXPORTER, Topics.DECISIONS, Topics.RELEASES,
                Topics.HOLDS, Topics.LICENSES, Topics.LICENSE_LEDGER, Topics.HOLDS_STATE, Topics.REVIEWS, Topics.RULESETS);
        assertThat(reads).allSatisfy(t -> assertThat(granted.getOrDefault(t, Set.of())).as("Read on " + t).contains("Read", "Describe"));
        assertThat(writes).allSatisfy(t -> assertThat(granted.getOrDefault(t, Set.of())).as("Write on " + t).contains("Write", "Describe"));
    }

    @Test
    void everyImageIsPinned() throws IOException {
        List<String> problems = new ArrayList<>(imageProblems("docker-compose.yml", readYaml(ROOT.resolve("docker-compose.yml"))));
        for (Path f : k8sFiles()) {
            problems.addAll(imageProblems(ROOT.relativize(f).toString(), readYaml(f)));
        }
        assertThat(problems).isEmpty();
        // and there are images to check: the walk finds them
        assertThat(images(readYaml(ROOT.resolve("docker-compose.yml")))).contains("apache/kafka:4.1.1");
        assertThat(images(k8sDocs())).contains("export-screening:1.0.0");
    }

    @Test
    void everyTopicPropertyNamesATopicOfTopicsAll() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(ROOT.resolve("src/main/resources/application.properties"), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        // the defaults come from Topics (TopicConfigSource); a rename here must still name a topic of Topics.ALL
        assertThat(propertyProblems(p)).isEmpty();
    }

    @Test
    void kustomizationListsEveryManifestAndScalingIsBoundedByPartitions() throws IOException {
        assertThat(kustomizationProblems(single(readYaml(ROOT.resolve("deploy/k8s/kustomization.yaml")), "kustomization.yaml"),
                k8sFiles().stream().map(f -> f.getFileName().toString()).toList())).isEmpty();
        List<JsonNode> docs = k8sDocs();
        assertThat(scalingProblems(docs, kafkaTopics(docs))).isEmpty();
    }

    @Test
    void deploymentTakesItsInstanceIdFromThePodNameAndLogsInThroughOidc() throws IOException {
        JsonNode container = k8sDocs().stream().filter(d -> "Deployment".equals(d.path("kind").asText()))
                .findFirst().orElseThrow().at("/spec/template/spec/containers/0");
        Map<String, JsonNode> env = new LinkedHashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
        assertThat(env.get("SCREENING_INSTANCE_ID").at("/valueFrom/fieldRef/fieldPath").asText()).isEqualTo("metadata.name");
        assertThat(env.get("QUARKUS_OIDC_CREDENTIALS_SECRET").at("/valueFrom/secretKeyRef/key").asText()).isEqualTo("client-secret");
        assertThat(env).doesNotContainKey("QUARKUS_PROFILE"); // never the demo profile in a cluster
        JsonNode config = k8sDocs().stream().filter(d -> "ConfigMap".equals(d.path("kind").asText())).findFirst().orElseThrow();
        assertThat(config.at("/data/QUARKUS_OIDC_AUTH_SERVER_URL").asText()).startsWith("https://");
        assertThat(config.path("data").has("QUARKUS_PROFILE")).isFalse();
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.at("/resources/limits/memory").asText()).isNotEmpty();
    }

    // ------------------------------------------------------------------ each check can fail

    @Test
    void theBenchmarkStartsTheServiceWithTheImagesCollectorFlags() throws IOException {
        // the Performance numbers hold for the image only if bench/ runs the JVM the image runs
        assertThat(collectorFlags(Files.readString(ROOT.resolve("src/main/docker/Dockerfile.jvm"))))
                .as("-XX collector flags of the image's JAVA_OPTS")
                .isNotEmpty()
                .containsExactlyElementsOf(collectorFlags(Files.readString(
                        ROOT.resolve("bench/src/main/java/io/dualuse/screening/bench/SubjectJvms.java"))));
    }

    @Test
    void collectorFlagsAreFoundInJavaOptsAndInAJavaListAlike() {
        assertThat(collectorFlags("ENV JAVA_OPTS=\"-XX:MaxRAMPercentage=50.0 -XX:+UseG1GC -XX:G1HeapRegionSize=2m -XX:MaxGCPauseMillis=20 -Dx=y\""))
                .containsExactly("-XX:+UseG1GC", "-XX:G1HeapRegionSize=2m", "-XX:MaxGCPauseMillis=20");
        assertThat(collectorFlags("List.of(\"-XX:+UseG1GC\", \"-XX:InitiatingHeapOccupancyPercent=70\", \"-XX:MaxTenuringThreshold=1\")"))
                .containsExactly("-XX:+UseG1GC", "-XX:InitiatingHeapOccupancyPercent=70", "-XX:MaxTenuringThreshold=1");
    }

    /** The -XX flags that choose or tune the collector (G1, IHOP, pause goal, tenuring), in order of appearance. */
    static List<String> collectorFlags(String text) {
        List<String> flags = new ArrayList<>();
        Matcher m = Pattern.compile("-XX:[+-]?(?:Use\\w*GC|G1\\w*|InitiatingHeapOccupancyPercent|MaxGCPauseMillis|MaxTenuringThreshold)(?:=[\\w.]+)?").matcher(text);
        while (m.find()) {
            flags.add(m.group());
        }
        return flags;
    }

    @Test
    void yamlThatDoesNotParseFails() {
        assertThatThrownBy(() -> readYaml("services:\n  kafka: [unclosed\n", "broken.yaml"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("broken.yaml does not parse");
    }

    @Test
    void aTopicMissingFromComposeFails() {
        JsonNode compose = readYaml(composeWith(Topics.ALL.stream().filter(t -> !t.equals(Topics.REVIEWS)).toList(), Map.of()), "c.yml").get(0);
        assertThat(topicProblems("compose", composeTopics(compose)))
                .containsExactly("compose: missing topic " + Topics.REVIEWS);
    }

    @Test
    void aTopicMissingFromKubernetesFails() {
        List<JsonNode> docs = readYaml(kafkaTopicsWith(Topics.ALL.stream().filter(t -> !t.equals(Topics.ORDERS_DLQ)).toList(), Map.of()), "t.yaml");
        assertThat(topicProblems("k8s", kafkaTopics(docs))).containsExactly("k8s: missing topic " + Topics.ORDERS_DLQ);
    }

    @Test
    void aCompactedTopicWithoutCompactionFailsAndAPlainTopicWithCompactionFails() {
        Map<String, String> wrong = Map.of(Topics.LICENSE_LEDGER, "delete", Topics.ORDERS, "compact");
        assertThat(topicProblems("compose", composeTopics(readYaml(composeWith(Topics.ALL, wrong), "c.yml").get(0)))).containsExactlyInAnyOrder(
                "compose: compacted topic " + Topics.LICENSE_LEDGER + " needs cleanup.policy=compact, has delete",
                "compose: topic " + Topics.ORDERS + " is not in Topics.COMPACTED but has cleanup.policy=compact");
        assertThat(topicProblems("k8s", kafkaTopics(readYaml(kafkaTopicsWith(Topics.ALL, wrong), "t.yaml")))).containsExactlyInAnyOrder(
                "k8s: compacted topic " + Topics.LICENSE_LEDGER + " needs cleanup.policy=compact, has delete",
                "k8s: topic " + Topics.ORDERS + " is not in Topics.COMPACTED but has cleanup.policy=compact");
    }

    @Test
    void anAuditTopicWithShortRetentionFails() {
        Map<String, Map<String, String>> topics = composeTopics(readYaml(composeWith(Topics.ALL, Map.of()), "c.yml").get(0));
        topics.get(Topics.DECISIONS).put("retention.ms", "604800000");
        topics.get(Topics.REVIEWS).remove("retention.ms");
        assertThat(topicProblems("compose", topics)).containsExactlyInAnyOrder(
                "compose: audit topic " + Topics.DECISIONS + " needs retention.ms=-1 or at least a year, has 604800000",
                "compose: audit topic " + Topics.REVIEWS + " needs retention.ms=-1 or at least a year, has the broker default");
    }

    @Test
    void anUnpinnedImageFails() {
        JsonNode compose = readYaml("""
                services:
                  a: {image: "apache/kafka"}
                  b: {image: "prom/prometheus:latest"}
                  c: {image: "registry.local:5000/team/app"}
                  d: {image: "grafana/grafana:11.6.0"}
                  e: {image: "quay.io/x/y@sha256:0123456789abcdef"}
                """, "c.yml").get(0);
        assertThat(imageProblems("c.yml", List.of(compose))).containsExactlyInAnyOrder(
                "c.yml: image apache/kafka is not pinned (no tag)",
                "c.yml: image prom/prometheus:latest is not pinned (tag latest)",
                "c.yml: image registry.local:5000/team/app is not pinned (no tag)");
    }

    @Test
    void aTopicPropertyOutsideTopicsAllFails() {
        Properties p = new Properties();
        p.setProperty("screening.topics.orders", Topics.ORDERS);
        p.setProperty("screening.topics.decisions", "screening.decision.v1");
        p.setProperty("%prod.screening.topics.holds", "holds");
        p.setProperty("screening.consumer-group", "not-a-topic");
        assertThat(propertyProblems(p)).containsExactlyInAnyOrder(
                "application.properties: screening.topics.decisions=screening.decision.v1 is not a topic of Topics.ALL",
                "application.properties: %prod.screening.topics.holds=holds is not a topic of Topics.ALL");
    }

    @Test
    void aManifestMissingFromTheKustomizationFailsAndScalingBeyondPartitionsFails() {
        JsonNode kustomization = readYaml("resources: [kafka.yaml]\n", "k.yaml").get(0);
        assertThat(kustomizationProblems(kustomization, List.of("kafka.yaml", "pdb.yaml", "kustomization.yaml")))
                .containsExactly("deploy/k8s/pdb.yaml is not listed in kustomization.yaml");
        List<JsonNode> docs = readYaml("""
                kind: ScaledObject
                spec:
                  maxReplicaCount: 12
                  triggers:
                    - type: kafka
                      metadata: {topic: orders.v1, consumerGroup: export-screening}
                """, "s.yaml");
        assertThat(scalingProblems(docs, Map.of(Topics.ORDERS, Map.of("partitions", "6"))))
                .containsExactly("ScaledObject maxReplicaCount 12 exceeds the 6 partitions of orders.v1");
    }

    // ------------------------------------------------------------------ checks

    /** Topic name -> its settings (cleanup.policy, retention.ms, partitions...) from topic-init's command. */
    static Map<String, Map<String, String>> composeTopics(JsonNode compose) {
        JsonNode init = compose.path("services").path(TOPIC_INIT);
        assertThat(init.isObject()).as("docker-compose.yml has a service " + TOPIC_INIT).isTrue();
        StringBuilder script = new StringBuilder();
        JsonNode command = init.path("command");
        if (command.isArray()) {
            command.forEach(c -> script.append(c.asText()).append('\n'));
        } else {
            script.append(command.asText());
        }
        // the function's default (partitions=3), which a line's own partitions=N replaces
        String partitions = find(Pattern.compile("partitions=(\\d+)"), script.toString());
        Map<String, Map<String, String>> topics = new TreeMap<>();
        for (String line : script.toString().split("\n")) {
            Matcher m = TOPIC_LINE.matcher(line);
            if (m.matches()) {
                Map<String, String> config = new TreeMap<>();
                for (String kv : m.group(2).trim().split("\\s+")) {
                    if (!kv.isEmpty()) {
                        config.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
                    }
                }
                if (partitions != null) {
                    config.putIfAbsent("partitions", partitions);
                }
                topics.put(m.group(1), config);
            }
        }
        return topics;
    }

    /** Topic name -> spec.config of its KafkaTopic, plus partitions and replicas. */
    static Map<String, Map<String, String>> kafkaTopics(List<JsonNode> docs) {
        Map<String, Map<String, String>> topics = new TreeMap<>();
        for (JsonNode d : docs) {
            if ("KafkaTopic".equals(d.path("kind").asText())) {
                String name = d.path("spec").hasNonNull("topicName") ? d.path("spec").path("topicName").asText()
                        : d.path("metadata").path("name").asText();
                Map<String, String> config = new TreeMap<>();
                Iterator<Map.Entry<String, JsonNode>> it = d.path("spec").path("config").fields();
                it.forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
                if (d.path("spec").has("partitions")) {
                    config.put("partitions", d.path("spec").path("partitions").asText());
                }
                if (d.path("spec").has("replicas")) {
                    config.put("replicas", d.path("spec").path("replicas").asText());
                }
                topics.put(name, config);
            }
        }
        return topics;
    }

    static List<String> topicProblems(String where, Map<String, Map<String, String>> declared) {
        List<String> problems = new ArrayList<>();
        for (String topic : Topics.ALL) {
            Map<String, String> config = declared.get(topic);
            if (config == null) {
                problems.add(where + ": missing topic " + topic);
                continue;
            }
            String policy = config.getOrDefault("cleanup.policy", "delete");
            boolean compact = List.of(policy.split(",")).contains("compact");
            if (Topics.COMPACTED.contains(topic) && !compact) {
                problems.add(where + ": compacted topic " + topic + " needs cleanup.policy=compact, has " + policy);
            } else if (!Topics.COMPACTED.contains(topic) && compact) {
                problems.add(where + ": topic " + topic + " is not in Topics.COMPACTED but has cleanup.policy=compact");
            }
            if (AUDIT_TOPICS.contains(topic)) {
                String retention = config.get("retention.ms");
                if (retention == null || !(retention.equals("-1") || Long.parseLong(retention) >= ONE_YEAR_MS)) {
                    problems.add(where + ": audit topic " + topic + " needs retention.ms=-1 or at least a year, has "
                            + (retention == null ? "the broker default" : retention));
                }
            }
        }
        declared.keySet().stream().filter(t -> !Topics.ALL.contains(t))
                .forEach(t -> problems.add(where + ": declares " + t + ", which is not in Topics.ALL"));
        return problems;
    }

    static List<String> kafkaTopicSizingProblems(Map<String, Map<String, String>> topics) {
        List<String> problems = new ArrayList<>();
        topics.forEach((t, c) -> {
            int needed = Topics.partitions(t, K8S_PARTITIONS);
            if (!String.valueOf(needed).equals(c.get("partitions"))) {
                problems.add("KafkaTopic " + t + " needs " + needed + " partitions, has " + c.get("partitions"));
            }
            if (!"3".equals(c.get("replicas"))) {
                problems.add("KafkaTopic " + t + " needs 3 replicas, has " + c.get("replicas"));
            }
            if (!"2".equals(c.get("min.insync.replicas"))) {
                problems.add("KafkaTopic " + t + " needs min.insync.replicas 2, has " + c.get("min.insync.replicas"));
            }
        });
        return problems;
    }

    static List<String> imageProblems(String where, List<JsonNode> docs) {
        List<String> problems = new ArrayList<>();
        for (String image : images(docs)) {
            if (image.contains("@sha256:")) {
                continue; // pinned by digest
            }
            String lastSegment = image.substring(image.lastIndexOf('/') + 1);
            int colon = lastSegment.indexOf(':');
            if (colon < 0 || colon == lastSegment.length() - 1) {
                problems.add(where + ": image " + image + " is not pinned (no tag)");
            } else if (lastSegment.substring(colon + 1).equals("latest")) {
                problems.add(where + ": image " + image + " is not pinned (tag latest)");
            }
        }
        return problems;
    }

    /** Every {@code image:} value anywhere in the documents. */
    static List<String> images(List<JsonNode> docs) {
        List<String> images = new ArrayList<>();
        for (JsonNode d : docs) {
            collectImages(d, images);
        }
        return images;
    }

    private static void collectImages(JsonNode node, List<String> images) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("image") && e.getValue().isTextual()) {
                    images.add(e.getValue().asText());
                } else {
                    collectImages(e.getValue(), images);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectImages(n, images));
        }
    }

    static List<String> propertyProblems(Properties properties) {
        List<String> problems = new ArrayList<>();
        for (String key : new TreeMap<>(properties).keySet().stream().map(Object::toString).toList()) {
            if (key.matches("(%[^.]+\\.)?screening\\.topics\\..+")) {
                String value = properties.getProperty(key).trim();
                if (!Topics.ALL.contains(value)) {
                    problems.add("application.properties: " + key + "=" + value + " is not a topic of Topics.ALL");
                }
            }
        }
        return problems;
    }

    static List<String> kustomizationProblems(JsonNode kustomization, List<String> files) {
        List<String> listed = new ArrayList<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        return files.stream().filter(f -> !f.equals("kustomization.yaml") && !listed.contains(f))
                .map(f -> "deploy/k8s/" + f + " is not listed in kustomization.yaml").toList();
    }

    /** A consumer group cannot use more instances than its topic has partitions. */
    static List<String> scalingProblems(List<JsonNode> docs, Map<String, Map<String, String>> topics) {
        List<String> problems = new ArrayList<>();
        for (JsonNode d : docs) {
            if (!"ScaledObject".equals(d.path("kind").asText())) {
                continue;
            }
            int max = d.path("spec").path("maxReplicaCount").asInt(100);
            for (JsonNode trigger : d.path("spec").path("triggers")) {
                if (!"kafka".equals(trigger.path("type").asText())) {
                    continue;
                }
                String topic = trigger.path("metadata").path("topic").asText();
                Map<String, String> config = topics.get(topic);
                if (config == null) {
                    problems.add("ScaledObject trigger topic " + topic + " has no KafkaTopic");
                } else if (max > Integer.parseInt(config.getOrDefault("partitions", "0"))) {
                    problems.add("ScaledObject maxReplicaCount " + max + " exceeds the " + config.get("partitions")
                            + " partitions of " + topic);
                }
            }
        }
        return problems;
    }

    // ------------------------------------------------------------------ helpers

    static List<JsonNode> readYaml(Path file) throws IOException {
        return readYaml(Files.readString(file), ROOT.relativize(file).toString());
    }

    /** All documents of a (multi-document) YAML text; an empty document is skipped. */
    static List<JsonNode> readYaml(String text, String source) {
        List<JsonNode> docs = new ArrayList<>();
        try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(new StringReader(text))) {
            while (it.hasNextValue()) {
                JsonNode d = it.nextValue();
                if (d != null && !d.isNull() && !d.isMissingNode()) {
                    docs.add(d);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new AssertionError(source + " does not parse: " + e.getMessage(), e);
        }
        return docs;
    }

    private static JsonNode single(List<JsonNode> docs, String source) {
        assertThat(docs).as(source + " documents").hasSize(1);
        return docs.get(0);
    }

    private static List<Path> k8sFiles() throws IOException {
        try (Stream<Path> s = Files.list(ROOT.resolve("deploy/k8s"))) {
            return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
    }

    private static List<JsonNode> k8sDocs() throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        for (Path f : k8sFiles()) {
            docs.addAll(readYaml(f));
        }
        return docs;
    }

    private static String find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static String composeWith(List<String> topics, Map<String, String> policyOverrides) {
        StringBuilder sb = new StringBuilder("services:\n  topic-init:\n    image: apache/kafka:4.1.1\n    command:\n      - |\n");
        sb.append("        partitions=3; kafka-topics.sh --create --partitions \"$$partitions\" ...\n");
        for (String t : topics) {
            String policy = policyOverrides.getOrDefault(t, Topics.COMPACTED.contains(t) ? "compact" : "delete");
            sb.append("        topic ").append(t).append(" cleanup.policy=").append(policy)
                    .append(AUDIT_TOPICS.contains(t) ? " retention.ms=-1" : "")
                    .append(Topics.partitions(t, 3) != 3 ? " partitions=" + Topics.partitions(t, 3) : "").append('\n');
        }
        return sb.toString();
    }

    private static String kafkaTopicsWith(List<String> topics, Map<String, String> policyOverrides) {
        StringBuilder sb = new StringBuilder("# comment-only preamble\n");
        for (String t : topics) {
            String policy = policyOverrides.getOrDefault(t, Topics.COMPACTED.contains(t) ? "compact" : "delete");
            sb.append("---\nkind: KafkaTopic\nmetadata: {name: ").append(t).append("}\nspec:\n  topicName: ").append(t)
                    .append("\n  partitions: ").append(Topics.partitions(t, K8S_PARTITIONS))
                    .append("\n  replicas: 3\n  config:\n    cleanup.policy: ").append(policy)
                    .append("\n    min.insync.replicas: 2\n")
                    .append(AUDIT_TOPICS.contains(t) ? "    retention.ms: -1\n" : "");
        }
        return sb.toString();
    }

    private static Path projectRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("docker-compose.yml"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("docker-compose.yml not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}

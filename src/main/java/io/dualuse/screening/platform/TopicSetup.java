package io.dualuse.screening.platform;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The service's topics on the broker it is given, before anything reads or writes them: the missing
 * ones are created from the one table ({@link Topics}: partitions, cleanup), so a bare broker just
 * works; with {@code screening.topic-setup.create=false} (a locked-down cluster) nothing is created.
 * A state topic that is not compacted, or a one-partition topic with more, is refused: a broker's
 * auto-creation makes exactly those, and they would lose state or reorder rulesets. Until every
 * topic is right the start waits, naming what is missing or wrong in the log, so the service is not
 * ready (its HTTP port and health answer only once started) and reads nothing.
 */
@ApplicationScoped
public class TopicSetup {

    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    /** What was found at start; empty lists when every topic is as the table says. */
    public record Report(List<String> created, List<String> missing, List<String> misconfigured) {

        public boolean ready() {
            return missing.isEmpty() && misconfigured.isEmpty();
        }
    }

    /** One topic as this run names and wants it. */
    record Wanted(String name, int partitions, Topics.Cleanup cleanup, boolean onePartition) {
    }

    private final ScreeningConfig config;
    private final Map<String, Object> kafka;

    @Inject
    public TopicSetup(ScreeningConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.config = config;
        this.kafka = kafka;
    }

    /** First of all start-up work: the readers and the pipeline assume the topics exist. */
    void start(@Observes @Priority(0) StartupEvent ignored) {
        ScreeningConfig.TopicCreation setup = config.topicSetup();
        Map<String, Object> admin = new HashMap<>();
        kafka.forEach((k, v) -> {
            if (AdminClientConfig.configNames().contains(k)) {
                admin.put(k, v);
            }
        });
        admin.put(AdminClientConfig.CLIENT_ID_CONFIG, config.instanceId() + "-topic-setup");
        try (Admin client = Admin.create(admin)) {
            awaitReady(client, wanted(config), setup, TopicSetup::log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped while waiting for the topics", e);
        }
    }

    /** Provisions, then checks again every {@code retry-every} until every topic is as wanted. */
    static Report awaitReady(Admin admin, List<Wanted> wanted, ScreeningConfig.TopicCreation setup, java.util.function.Consumer<Report> onCheck)
            throws InterruptedException {
        while (true) {
            Report r = provision(admin, wanted, setup.create(), setup.replicationFactor(), setup.timeout());
            onCheck.accept(r);
            if (r.ready()) {
                return r;
            }
            Thread.sleep(setup.retryEvery().toMillis()); // waiting for an operator, not synchronising threads
        }
    }

    private static void log(Report r) {
        if (!r.created().isEmpty()) {
            LOG.infof("created topics %s", r.created());
        }
        if (!r.missing().isEmpty()) {
            LOG.errorf("waiting for topics, not started until they exist: %s (create them, or set screening.topic-setup.create=true; "
                    + "deploy/k8s/kafka-topics.yaml lists them with their settings)", r.missing());
        }
        if (!r.misconfigured().isEmpty()) {
            LOG.errorf("waiting for topics to be fixed, not started until they are: %s", r.misconfigured());
        }
    }

    /** The topics of this run: configured names, partitions and cleanup from the table. */
    static List<Wanted> wanted(ScreeningConfig config) {
        return Topics.DEFINITIONS.stream()
                .map(t -> new Wanted(config.topic(t.name()), t.partitions(config.topicSetup().partitions()), t.cleanup(), t.onePartition()))
                .toList();
    }

    /**
     * Creates what is missing (when {@code create}), then checks what exists.
     *
     * @param replication empty: the broker's default replication factor
     */
    static Report provision(Admin admin, List<Wanted> wanted, boolean create, Optional<Short> replication, Duration timeout) {
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<Wanted> absent = wanted.stream().filter(w -> !existing.contains(w.name())).toList();
            List<String> created = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            List<String> present = new ArrayList<>(wanted.stream().map(Wanted::name).filter(existing::contains).toList());
            if (create && !absent.isEmpty()) {
                List<NewTopic> topics = absent.stream().map(w -> new NewTopic(w.name(), Optional.of(w.partitions()), replication)
                        .configs(w.cleanup() == Topics.Cleanup.COMPACT
                                ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT) : Map.of()))
                        .toList();
                for (Map.Entry<String, org.apache.kafka.common.KafkaFuture<Void>> r : admin.createTopics(topics).values().entrySet()) {
                    try {
                        r.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                        created.add(r.getKey());
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof TopicExistsException) {
                            present.add(r.getKey()); // another instance, or a listing that lagged: checked below
                        } else {
                            missing.add(r.getKey() + " (could not create: " + e.getCause().getMessage() + ")");
                        }
                    }
                }
            } else {
                absent.forEach(w -> missing.add(w.name()));
            }
            return new Report(created.stream().sorted().toList(), missing, misconfigured(admin, wanted, present, timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the topics", e);
        } catch (ExecutionException | TimeoutException e) {
            String cause = e instanceof ExecutionException ? String.valueOf(e.getCause()) : "no answer in " + timeout;
            return new Report(List.of(), wanted.stream().map(w -> w.name() + " (not checked: " + cause + ")").toList(), List.of());
        }
    }

    /** Topics that exist but would lose state (not compacted) or reorder events (more than one partition). */
    private static List<String> misconfigured(Admin admin, List<Wanted> wanted, List<String> present, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (present.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> described = admin.describeTopics(present).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<ConfigResource> compacted = wanted.stream().filter(w -> w.cleanup() == Topics.Cleanup.COMPACT && present.contains(w.name()))
                .map(w -> new ConfigResource(ConfigResource.Type.TOPIC, w.name())).toList();
        Map<ConfigResource, Config> configs = compacted.isEmpty() ? Map.of()
                : admin.describeConfigs(compacted).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<String> wrong = new ArrayList<>();
        for (Wanted w : wanted) {
            TopicDescription d = described.get(w.name());
            if (d == null) {
                continue;
            }
            if (w.onePartition() && d.partitions().size() != 1) {
                wrong.add(w.name() + " has " + d.partitions().size() + " partitions, needs 1");
            }
            Config c = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, w.name()));
            if (c != null) {
                String policy = Optional.ofNullable(c.get(TopicConfig.CLEANUP_POLICY_CONFIG)).map(e -> e.value()).orElse("");
                if (!Set.of(policy.split(",")).contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                    wrong.add(w.name() + " has cleanup.policy=" + policy + ", needs compact");
                }
            }
        }
        return wrong.stream().sorted().collect(Collectors.toList());
    }
}

package io.dualuse.screening.state;

import io.dualuse.screening.core.rules.Ruleset;
import io.dualuse.screening.core.rules.RulesetException;
import io.dualuse.screening.core.rules.RulesetLoader;
import io.dualuse.screening.platform.ScreeningConfig;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.rules.event.RulesetActivation;
import io.dualuse.screening.wire.WireFormat;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Rulesets put in force, as events on {@code screening.rulesets.v1} (one partition, key: the
 * ruleset version): every instance screens with the ruleset of the topic's last record. An
 * activation through REST thus reaches every instance, each one re-screens the holds and released
 * orders it owns, and an instance that restarts comes back with it, not with its configured file.
 *
 * <p>At start-up the configured ruleset (file or seed) meets the topic's last one: the later
 * {@code publishedAt} wins; on the same date the topic's, which an officer activated on purpose.
 * When the configured one wins (a new announcement shipped with a deploy, or an empty topic), the
 * instance publishes it, so that the others follow.
 */
@ApplicationScoped
public class RulesetActivations {

    /** {@code activatedBy} of a ruleset an instance put in force from its configuration. */
    public static final String CONFIGURATION = "configuration";
    private static final Logger LOG = Logger.getLogger(RulesetActivations.class);
    private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(30);

    /** Published, but this instance did not screen with it in time: its topic reader is stuck or gone. */
    public static final class NotAppliedInTime extends RuntimeException {
        NotAppliedInTime(Ruleset r, Duration timeout) {
            super("ruleset " + r.version() + " is on the ruleset topic, but this instance did not put it in force within "
                    + timeout + "; the other instances may have. Check this instance's log and health.");
        }
    }

    /** What a new ruleset in force sets off on this instance: re-screening what it owns. */
    public interface Rescreening {
        /** Completes with the number of decisions that changed. */
        CompletionStage<Integer> rulesetActivated(String version, String actor);
    }

    /** A ruleset published before the configured one: a restart would put the configured one back. */
    public static final class OlderThanConfigured extends RuntimeException {
        OlderThanConfigured(Ruleset next, Ruleset configured) {
            super("ruleset " + next.version() + " was published " + next.publishedAt() + ", before " + configured.version()
                    + " (published " + configured.publishedAt() + "), which the service is configured with and would"
                    + " put back in force at its next start. Give it a later publishedAt, or configure it"
                    + " (screening.ruleset.path).");
        }
    }

    private final ActiveRuleset rules;
    private final Rescreening rescreening;
    private final Emitter<RulesetActivation> out;
    private final WireFormat wire;
    private final Clock clock;
    private final Duration applyTimeout;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    /** Activations published here, by content hash, completed when this instance has applied them. */
    private final Map<String, CompletableFuture<Integer>> applied = new ConcurrentHashMap<>();
    private final RulesetLoader loader = new RulesetLoader();
    private volatile CompactedTopicTail tail;
    /** Each version's latest valid activation, in topic order (the last is in force); guarded by this. */
    private final Map<String, Activated> history = new java.util.LinkedHashMap<>();
    /** Until the topic is restored, records only go into the history; guarded by this. */
    private boolean restoring = true;
    /** The topic's last valid activation: what the history ends with. Guarded by this. */
    private Activated last;

    private record Activated(Ruleset ruleset, RulesetActivation record) {
    }

    @Inject
    public RulesetActivations(ActiveRuleset rules, Rescreening rescreening,
                              @Channel(Topics.RULESETS_OUT) Emitter<RulesetActivation> out, WireFormat wire) {
        this(rules, rescreening, out, wire, Clock.systemUTC(), APPLY_TIMEOUT);
    }

    RulesetActivations(ActiveRuleset rules, Rescreening rescreening, Emitter<RulesetActivation> out, WireFormat wire,
                       Clock clock, Duration applyTimeout) {
        this.applyTimeout = applyTimeout;
        this.rules = rules;
        this.rescreening = rescreening;
        this.out = out;
        this.wire = wire;
        this.clock = clock;
    }

    void start(@Observes StartupEvent start, @Identifier("default-kafka-broker") Map<String, Object> kafka,
               ScreeningConfig config) {
        start(kafka, config.topic(Topics.RULESETS));
    }

    /** Reads the topic from its beginning and follows it; {@link #ready()} once its ruleset is in force. */
    public RulesetActivations start(Map<String, Object> kafka, String topic) {
        tail = new CompactedTopicTail(kafka, topic, this::apply).start();
        tail.caughtUp().whenComplete((v, e) -> {
            if (e != null) {
                ready.completeExceptionally(e);
            } else {
                restored();
            }
        });
        return this;
    }

    void stop(@Observes ShutdownEvent stop) {
        close();
    }

    void close() {
        if (tail != null) {
            tail.close();
        }
    }

    /** Completes when the ruleset in force is the one the topic and the configuration agree on. */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    /**
     * The rulesets activated on the topic, each version once (its latest activation), oldest first:
     * which file was in force, since when and by whose hand, for an auditor reproducing a decision.
     */
    public synchronized List<RulesetActivation> history() {
        return history.values().stream().map(Activated::record).toList();
    }

    /** A version's latest activation, with its file. */
    public synchronized Optional<RulesetActivation> activation(String version) {
        return Optional.ofNullable(history.get(version)).map(Activated::record);
    }

    /** What changed from one activated version to another; empty when either was never activated here. */
    public Optional<io.dualuse.screening.core.rules.RulesetDiff> diff(String from, String to) {
        Optional<Ruleset> a = activation(from).map(RulesetActivations::parse);
        Optional<Ruleset> b = activation(to).map(RulesetActivations::parse);
        return a.isPresent() && b.isPresent() ? Optional.of(io.dualuse.screening.core.rules.RulesetDiff.between(a.get(), b.get()))
                : Optional.empty();
    }

    private static Ruleset parse(RulesetActivation a) {
        return new io.dualuse.screening.core.rules.RulesetLoader().parse(a.getYaml().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "ruleset topic, " + a.getVersion());
    }

    /**
     * Which ruleset an instance starts with: the configured one when the topic has none or when it
     * was published later than the topic's last; otherwise the topic's.
     */
    static boolean configuredWins(Ruleset configured, Ruleset lastOnTopic) {
        return lastOnTopic == null || configured.publishedAt().isAfter(lastOnTopic.publishedAt());
    }

    /**
     * Publishes a validated ruleset and completes, with the number of decisions this instance changed
     * by re-screening, once this instance screens with it. The other instances apply it from the
     * topic and re-screen what they own.
     *
     * @throws OlderThanConfigured when it was published before the configured ruleset
     */
    public CompletionStage<Integer> activate(Ruleset next, String yaml, String actor) {
        Ruleset configured = rules.configured().ruleset();
        if (next.publishedAt().isBefore(configured.publishedAt())) {
            throw new OlderThanConfigured(next, configured);
        }
        CompletableFuture<Integer> done = applied.computeIfAbsent(next.contentHash(), h -> new CompletableFuture<>());
        return publish(next, yaml, actor)
                .thenCompose(v -> done.orTimeout(applyTimeout.toMillis(), TimeUnit.MILLISECONDS))
                .whenComplete((n, e) -> {
                    if (e != null) {
                        applied.remove(next.contentHash(), done); // not published, or not applied in time
                    }
                })
                .exceptionally(e -> {
                    Throwable cause = e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
                    if (cause instanceof java.util.concurrent.TimeoutException) {
                        throw new NotAppliedInTime(next, applyTimeout);
                    }
                    throw e instanceof RuntimeException re ? re : new java.util.concurrent.CompletionException(e);
                });
    }

    // synchronized with restored(): caughtUp may complete its callback on the starting thread, and a
    // record that arrives while the configured ruleset is being published must not be lost
    private synchronized void apply(String key, byte[] value) {
        if (value == null) {
            return; // a ruleset is replaced, never deleted
        }
        RulesetActivation a = wire.decode(value, RulesetActivation.class);
        Ruleset r;
        try {
            r = loader.parse(a.getYaml().getBytes(StandardCharsets.UTF_8),
                    "activated by " + a.getActivatedBy() + " at " + a.getActivatedAt());
        } catch (RulesetException e) {
            // another version's validation let it through: keep screening with the one in force
            LOG.errorf("ruleset %s on the ruleset topic is invalid and ignored: %s", key, e.problems());
            return;
        }
        last = new Activated(r, a);
        history.remove(r.version()); // activated again: now the latest
        history.put(r.version(), last);
        if (restoring) {
            return;
        }
        putInForce(r, a.getActivatedBy());
    }

    private synchronized void restored() {
        Ruleset configured = rules.configured().ruleset();
        restoring = false;
        if (!configuredWins(configured, last == null ? null : last.ruleset())) {
            if (!last.ruleset().contentHash().equals(configured.contentHash())) {
                LOG.infof("ruleset %s (published %s, activated by %s) from the ruleset topic is in force, not the configured %s (published %s)",
                        last.ruleset().version(), last.ruleset().publishedAt(), last.record().getActivatedBy(), configured.version(),
                        configured.publishedAt());
                rules.activate(last.ruleset());
            }
            completePending(last.ruleset(), 0);
            ready.complete(null);
            return;
        }
        if (last == null) {
            LOG.infof("the ruleset topic is empty: publishing the configured ruleset %s for every instance", configured.version());
        } else {
            LOG.infof("configured ruleset %s (published %s) is newer than the ruleset topic's %s: publishing it for every instance",
                    configured.version(), configured.publishedAt(), last.ruleset().version());
        }
        publish(configured, rules.configured().text(), CONFIGURATION).whenComplete((v, e) -> {
            if (e != null) {
                ready.completeExceptionally(new IllegalStateException("configured ruleset not published: " + e, e));
            } else {
                ready.complete(null);
            }
        });
    }

    private void putInForce(Ruleset r, String actor) {
        if (rules.screener().ruleset().contentHash().equals(r.contentHash())) {
            completePending(r, 0); // already in force here (this instance's own start-up record, or a repeat)
            return;
        }
        rules.activate(r);
        CompletableFuture<Integer> waiting = applied.remove(r.contentHash());
        CompletionStage<Integer> changed;
        try {
            changed = rescreening.rulesetActivated(r.version(), actor);
        } catch (RuntimeException e) {
            changed = CompletableFuture.failedFuture(e);
        }
        changed.whenComplete((n, e) -> {
            if (e != null) {
                LOG.errorf(e, "re-screening after ruleset %s failed", r.version());
            }
            if (waiting != null) {
                if (e != null) {
                    waiting.completeExceptionally(e);
                } else {
                    waiting.complete(n);
                }
            }
        });
    }

    private void completePending(Ruleset r, int changed) {
        CompletableFuture<Integer> waiting = applied.remove(r.contentHash());
        if (waiting != null) {
            waiting.complete(changed);
        }
    }

    private CompletionStage<Void> publish(Ruleset r, String yaml, String actor) {
        RulesetActivation record = new RulesetActivation(r.version(), r.contentHash(), r.publishedAt().toString(), yaml,
                actor, clock.instant());
        CompletableFuture<Void> acked = new CompletableFuture<>();
        // partition 0 whatever the topic's partition count: the order of activations is the order of its records
        Metadata where = Metadata.of(OutgoingKafkaRecordMetadata.<String>builder().withKey(r.version()).withPartition(0).build());
        out.send(Message.of(record, where, () -> {
            acked.complete(null);
            return CompletableFuture.completedFuture(null);
        }, e -> {
            acked.completeExceptionally(e);
            return CompletableFuture.completedFuture(null);
        }));
        return acked;
    }
}

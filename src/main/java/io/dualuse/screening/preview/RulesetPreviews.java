package io.dualuse.screening.preview;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualuse.screening.core.license.InMemoryLicenseRegistry;
import io.dualuse.screening.core.rules.Ruleset;
import io.dualuse.screening.pipeline.OrderIntake;
import io.dualuse.screening.platform.ScreeningConfig;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.state.ActiveRuleset;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ruleset previews on this instance: one runs at a time (a preview screens every order of its
 * window twice, on one core), and the last few finished ones stay readable. A preview lives on
 * the instance that started it.
 */
@ApplicationScoped
public class RulesetPreviews {

    /** A preview is running already; a second would halve both. */
    public static final class Running extends RuntimeException {
        private final String id;

        Running(String id) {
            super("ruleset preview " + id + " is running; wait for it or cancel it (DELETE /api/v1/ruleset/preview/" + id + ")");
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** What DELETE did. */
    public enum Cancelled { CANCELLING, DISCARDED }

    private static final AtomicLong CLIENTS = new AtomicLong();

    private final ActiveRuleset rules;
    private final InMemoryLicenseRegistry licences;
    private final OrderIntake intake;
    private final Executor runner;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, Object> kafka;
    private final String topic;
    private final String instanceId;
    private final ScreeningConfig.Preview settings;
    /** Jobs by id, oldest first: the running one, if any, and the last finished ones. */
    private final Map<String, PreviewJob> jobs = new LinkedHashMap<>();

    @Inject
    public RulesetPreviews(ActiveRuleset rules, InMemoryLicenseRegistry licences, OrderIntake intake, PreviewRunner runner,
                           ObjectMapper json, Clock clock, @Identifier("default-kafka-broker") Map<String, Object> kafka,
                           ScreeningConfig config) {
        this(rules, licences, intake, runner, json, clock, kafka, config.topic(Topics.ORDERS), config.instanceId(), config.preview());
    }

    RulesetPreviews(ActiveRuleset rules, InMemoryLicenseRegistry licences, OrderIntake intake, Executor runner,
                    ObjectMapper json, Clock clock, Map<String, Object> kafka, String topic, String instanceId,
                    ScreeningConfig.Preview settings) {
        this.rules = rules;
        this.licences = licences;
        this.intake = intake;
        this.runner = runner;
        this.json = json;
        this.clock = clock;
        this.kafka = kafka;
        this.topic = topic;
        this.instanceId = instanceId;
        this.settings = settings;
    }

    /** The window a preview covers when the request does not say: the last {@code screening.preview.window}. */
    public Duration defaultWindow() {
        return settings.window();
    }

    /**
     * Starts a preview of {@code candidate} over the orders stamped in {@code [from, to)}.
     *
     * @throws Running when one runs already
     */
    public synchronized PreviewJob.Status start(Ruleset candidate, Instant from, Instant to, String actor) {
        for (PreviewJob job : jobs.values()) {
            if (job.running()) {
                throw new Running(job.id());
            }
        }
        ActiveRuleset.Shadow screeners = rules.shadow(candidate);
        Ruleset inForce = screeners.inForce().ruleset();
        List<String> warnings = new ArrayList<>();
        if (inForce.contentHash().equals(candidate.contentHash())) {
            warnings.add("the candidate is the ruleset in force (same SHA-256): nothing can change");
        }
        Ruleset configured = rules.configured().ruleset();
        if (candidate.publishedAt().isBefore(configured.publishedAt())) {
            warnings.add("activating it would be refused (409): it was published " + candidate.publishedAt() + ", before "
                    + configured.version() + " (published " + configured.publishedAt() + "), which the service is configured with");
        }
        String id = UUID.randomUUID().toString();
        PreviewJob job = new PreviewJob(
                new PreviewJob.Request(id, ref(inForce), ref(candidate), from, to, actor, clock.instant(), List.copyOf(warnings)),
                screeners.inForce(), screeners.candidate(), licences, intake,
                new PreviewJob.Settings(kafka, topic, settings.indexedOrders(), settings.changedOrders(), dir(),
                        instanceId + "-ruleset-preview-" + CLIENTS.incrementAndGet()),
                json, clock);
        jobs.put(id, job);
        forgetOld();
        runner.execute(job);
        return job.status();
    }

    public synchronized Optional<PreviewJob.Status> status(String id) {
        return Optional.ofNullable(jobs.get(id)).map(PreviewJob::status);
    }

    /** A page of a finished preview's changed orders, oldest first; empty when there is no such preview. */
    public Optional<List<JsonNode>> changes(String id, int page, int size) {
        PreviewJob job;
        synchronized (this) {
            job = jobs.get(id);
        }
        return Optional.ofNullable(job).map(j -> j.changes(page, size));
    }

    /** Cancels a running preview, or forgets a finished one and deletes its file; empty when there is none. */
    public synchronized Optional<Cancelled> cancel(String id) {
        PreviewJob job = jobs.get(id);
        if (job == null) {
            return Optional.empty();
        }
        if (job.running()) {
            job.cancel();
            return Optional.of(Cancelled.CANCELLING);
        }
        jobs.remove(id);
        job.discard();
        return Optional.of(Cancelled.DISCARDED);
    }

    /** Keeps the running job and the last {@code screening.preview.keep} finished ones. */
    private void forgetOld() {
        long finished = jobs.values().stream().filter(j -> !j.running()).count();
        for (Iterator<PreviewJob> it = jobs.values().iterator(); it.hasNext() && finished > settings.keep(); ) {
            PreviewJob j = it.next();
            if (!j.running()) {
                it.remove();
                j.discard();
                finished--;
            }
        }
    }

    private Path dir() {
        return Path.of(settings.dir().orElse(System.getProperty("java.io.tmpdir")));
    }

    private static PreviewJob.RulesetRef ref(Ruleset r) {
        return new PreviewJob.RulesetRef(r.version(), r.contentHash(), r.publishedAt());
    }

    synchronized void stop(@Observes ShutdownEvent ignored) {
        jobs.values().forEach(PreviewJob::discard);
        jobs.clear();
    }
}

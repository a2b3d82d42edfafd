package io.dualuse.screening.preview;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.license.LicenseRegistry;
import io.dualuse.screening.core.rules.RulesetDiff;
import io.dualuse.screening.core.screening.Screener;
import io.dualuse.screening.core.screening.ShadowTally;
import io.dualuse.screening.pipeline.OrderIntake;
import io.dualuse.screening.state.TopicWindow;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;

/**
 * One ruleset preview: reads the order versions stamped in a window from {@code orders.v1}, on
 * a consumer of its own in no group (the pipeline's offsets are not touched), skips what the
 * pipeline's intake dead-letters, and screens each order's latest version twice in memory, under
 * the ruleset in force and under the candidate, with the same licences and party lists. It
 * publishes nothing and draws no licence: {@link Screener#screen} only reads the registry.
 *
 * <p>Memory stays flat whatever the window: records are streamed, counts go to a
 * {@link ShadowTally}, changed orders to a file ({@link ChangedOrders}), and which record holds
 * an order's latest version is noted in a table of fixed size ({@link LatestVersions}); a
 * window with more orders than it holds is read in more passes, each for a share of the orders.
 * Each pass reads the window twice: once to find the latest versions, once to screen them.
 */
public final class PreviewJob implements Runnable {

    private static final Logger LOG = Logger.getLogger(PreviewJob.class);
    /** How much later than {@code to} a record may be stamped before a partition is taken as past the window. */
    static final Duration MARGIN = Duration.ofMinutes(1);
    /** Room for an uneven share of orders per pass before the table is full. */
    private static final double SLACK = 1.25;

    public enum State { RUNNING, DONE, CANCELLED, FAILED }

    /** A ruleset named in a preview. */
    public record RulesetRef(String version, String sha256, LocalDate publishedAt) {
    }

    /** What was asked for. */
    public record Request(String id, RulesetRef inForce, RulesetRef candidate, Instant from, Instant to, String startedBy,
                   Instant startedAt, List<String> warnings) {
    }

    /** How far it got: records read over all passes, of at most {@code recordsToRead} (the exact number once done). */
    public record Progress(int pass, int passes, long recordsRead, long recordsToRead, long ordersScreened) {
    }

    /** An order the candidate decides differently. */
    public record ChangedOrder(String orderId, long orderVersion, Instant receivedAt, int partition, long offset,
                        Decision inForce, Decision candidate) {
    }

    /** Records of the window not screened, and why: the intake's dead-letter code, SUPERSEDED or SCREENING_FAILED. */
    public record Skipped(String reason, long records) {
    }

    /**
     * Whether the window reaches past what the topic still holds.
     *
     * @param complete   no partition lost records the window may have wanted
     * @param partitions the partitions that did, each with its oldest record still held
     */
    public record Retention(boolean complete, String message, List<TopicWindow.Truncated> partitions) {
    }

    /** The changed orders, paged at {@code GET .../changes}. */
    public record Changes(long total, int kept, boolean truncated) {
    }

    public record Result(long ordersScreened, long ordersChanged, List<ShadowTally.Transition> transitions,
                  List<ShadowTally.Count> reasonCodes, List<ShadowTally.Count> controlNumbers, List<Skipped> skipped,
                  Retention retention, Changes changes, RulesetDiff diff) {
    }

    public record Status(String id, State state, RulesetRef inForce, RulesetRef candidate, Instant from, Instant to,
                  String startedBy, Instant startedAt, Instant finishedAt, Progress progress, List<String> warnings,
                  String error, Result result) {
    }

    /** How a job reads and what it may keep. */
    record Settings(Map<String, Object> kafka, String topic, int indexedOrders, int changedOrders, Path dir,
                    String clientId) {
    }

    private final Request request;
    private final Screener inForce;
    private final Screener candidate;
    private final RulesetDiff diff;
    private final LicenseRegistry licences;
    private final OrderIntake intake;
    private final Settings settings;
    private final ObjectMapper json;
    private final Clock clock;

    private volatile State state = State.RUNNING;
    private volatile boolean cancelled;
    private volatile Progress progress = new Progress(0, 0, 0, 0, 0);
    private volatile Result result;
    private volatile String error;
    private volatile Instant finishedAt;
    private volatile ChangedOrders changes;

    PreviewJob(Request request, Screener inForce, Screener candidate, LicenseRegistry licences, OrderIntake intake,
               Settings settings, ObjectMapper json, Clock clock) {
        this.request = request;
        this.inForce = inForce;
        this.candidate = candidate;
        this.diff = RulesetDiff.between(inForce.ruleset(), candidate.ruleset());
        this.licences = licences;
        this.intake = intake;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    String id() {
        return request.id();
    }

    boolean running() {
        return state == State.RUNNING;
    }

    /** Asks a running job to stop at its next poll. */
    void cancel() {
        cancelled = true;
    }

    Status status() {
        return new Status(request.id(), state, request.inForce(), request.candidate(), request.from(), request.to(),
                request.startedBy(), request.startedAt(), finishedAt, progress, request.warnings(), error, result);
    }

    /** A page of the changed orders, oldest first, once the job is done; empty before. */
    List<com.fasterxml.jackson.databind.JsonNode> changes(int page, int size) {
        ChangedOrders c = changes;
        return state == State.DONE && c != null ? c.page(page, size) : List.of();
    }

    /** Deletes what the job wrote to disk. */
    void discard() {
        cancel();
        ChangedOrders c = changes;
        if (c != null) {
            c.close();
        }
    }

    @Override
    public void run() {
        Map<String, Object> config = TopicWindow.readerConfig(settings.kafka());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, settings.clientId());
        // keys as strings: the intake reads records as the pipeline's consumer gives them
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            if (cancelled) {
                throw new CancellationException();
            }
            TopicWindow window = TopicWindow.open(consumer, settings.topic(), request.from(), request.to().plus(MARGIN), "ruleset preview " + request.id());
            long records = window.records();
            int passes = (int) Math.max(1, Math.ceil(records * SLACK / settings.indexedOrders()));
            Result done = null;
            while (done == null) {
                try {
                    done = screenAll(consumer, window, passes);
                } catch (LatestVersions.Full full) {
                    LOG.infof("ruleset preview %s: %s; reading the window again in %d passes", request.id(), full.getMessage(), passes * 2);
                    passes *= 2;
                }
            }
            result = done;
            finish(State.DONE);
            LOG.infof("ruleset preview %s done: %d orders screened, %d decided otherwise by %s", request.id(),
                    done.ordersScreened(), done.ordersChanged(), request.candidate().version());
        } catch (CancellationException e) {
            finish(State.CANCELLED);
            discard();
        } catch (RuntimeException | IOException e) {
            LOG.errorf(e, "ruleset preview %s failed", request.id());
            error = String.valueOf(e.getMessage() == null ? e : e.getMessage());
            finish(State.FAILED);
            discard();
        }
    }

    private void finish(State s) {
        finishedAt = clock.instant();
        state = s;
    }

    private Result screenAll(org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer, TopicWindow window,
                             int passes) throws IOException {
        ChangedOrders previous = changes;
        if (previous != null) {
            previous.close();
        }
        ChangedOrders changed = new ChangedOrders(settings.dir(), settings.changedOrders(), json);
        changes = changed;
        ShadowTally tally = new ShadowTally();
        Map<String, long[]> skipped = new TreeMap<>();
        LatestVersions latest = new LatestVersions(settings.indexedOrders());
        long toRead = window.records() * 2 * passes;
        long[] read = {0};
        for (int pass = 0; pass < passes; pass++) {
            int share = pass;
            latest.clear();
            Runnable report = () -> progress = new Progress(share + 1, passes, read[0], toRead, tally.orders());
            report.run();
            long[] accepted = {0};
            readShare(consumer, window, share, passes, read, report, null, order -> {
                if (share == 0) { // counted once, not once per pass
                    skipped.computeIfAbsent(order.problem().code(), k -> new long[1])[0]++;
                }
            }, (r, order, fingerprint) -> {
                accepted[0]++;
                latest.offer(fingerprint, order.order().orderVersion(), r.partition(), r.offset());
            });
            if (accepted[0] > latest.size()) {
                skipped.computeIfAbsent("SUPERSEDED", k -> new long[1])[0] += accepted[0] - latest.size();
            }
            // only the records of the latest versions are decoded again: the others are the bulk of a pass
            long[] screen = latest.sortedPositions();
            readShare(consumer, window, share, passes, read, report, screen, order -> { }, (r, order, fingerprint) -> {
                Instant receivedAt = Instant.ofEpochMilli(r.timestamp());
                LocalDate receivedOn = LocalDate.ofInstant(receivedAt, inForce.clock().getZone());
                Decision before;
                Decision after;
                try {
                    before = inForce.screen(order.order(), licences, receivedOn);
                    after = candidate.screen(order.order(), licences, receivedOn);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "ruleset preview %s: order record %s-%d@%d could not be screened", request.id(),
                            r.topic(), r.partition(), r.offset());
                    skipped.computeIfAbsent("SCREENING_FAILED", k -> new long[1])[0]++;
                    return;
                }
                if (tally.add(before, after)) {
                    changed.add(new ChangedOrder(before.orderId(), before.orderVersion(), receivedAt, r.partition(), r.offset(),
                            before, after));
                }
            });
        }
        changed.finish();
        // the offset ranges count transaction markers too: what was read is the exact number
        progress = new Progress(passes, passes, read[0], read[0], tally.orders());
        List<Skipped> skips = new ArrayList<>();
        skipped.forEach((reason, n) -> skips.add(new Skipped(reason, n[0])));
        return new Result(tally.orders(), tally.changed(), tally.transitions(), tally.reasonCodes(), tally.controlNumbers(),
                skips, retention(window), new Changes(changed.total(), changed.kept(), changed.total() > changed.kept()), diff);
    }

    /** What a pass does with an accepted order of its share. */
    @FunctionalInterface
    private interface ShareSink {
        void accept(ConsumerRecord<String, byte[]> r, OrderIntake.Read order, long fingerprint);
    }

    /**
     * Reads the window once, giving {@code sink} the accepted orders stamped in it whose
     * fingerprint falls in {@code share}, and {@code refused} what the intake dead-letters.
     *
     * @param read   counts the records read, all passes together
     * @param report publishes the progress, after each poll
     * @param only   when not null, the sorted positions ({@link LatestVersions#position}) of the only
     *               records to decode
     */
    private void readShare(org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer, TopicWindow window, int share,
                           int passes, long[] read, Runnable report, long[] only,
                           java.util.function.Consumer<OrderIntake.Read> refused, ShareSink sink) throws IOException {
        long startMillis = request.from().toEpochMilli();
        long endMillis = request.to().toEpochMilli();
        window.read(consumer, r -> {
            read[0]++;
            if (r.timestamp() < startMillis || r.timestamp() >= endMillis
                    || only != null && Arrays.binarySearch(only, LatestVersions.position(r.partition(), r.offset())) < 0) {
                return;
            }
            OrderIntake.Read order = intake.read(r);
            if (!order.accepted()) {
                refused.accept(order);
                return;
            }
            long fingerprint = LatestVersions.fingerprint(order.order().orderId());
            if (LatestVersions.classOf(fingerprint, passes) == share) {
                sink.accept(r, order, fingerprint);
            }
        }, () -> cancelled, report);
    }

    private Retention retention(TopicWindow window) {
        List<TopicWindow.Truncated> truncated = window.truncated();
        if (truncated.isEmpty()) {
            return new Retention(true, "the topic still holds every order of the window", List.of());
        }
        StringBuilder m = new StringBuilder("the window starts at ").append(request.from())
                .append(", before what the topic still holds: ");
        for (int i = 0; i < truncated.size(); i++) {
            TopicWindow.Truncated t = truncated.get(i);
            m.append(i == 0 ? "" : "; ").append("partition ").append(t.partition()).append(" starts at offset ")
                    .append(t.oldestOffset());
            m.append(t.oldestStamp() == null ? " and holds no order of the window" : ", stamped " + t.oldestStamp());
        }
        m.append(". Orders deleted by retention are not in this preview.");
        return new Retention(false, m.toString(), truncated);
    }
}

package io.dualuse.screening.state;

import io.dualuse.screening.core.parties.PartyListLoader;
import io.dualuse.screening.core.parties.PartyLists;
import io.dualuse.screening.parties.event.PartyListVersion;
import io.dualuse.screening.platform.ScreeningConfig;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.wire.WireFormat;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Versions of the party lists put in force, as events on {@code screening.parties.v1} (one partition,
 * key: the version): every instance screens parties against the lists of the topic's last record.
 * An officer's import thus reaches every instance, each re-screens the holds and released orders it
 * owns, and an instance that restarts comes back with the imported lists.
 *
 * <p>At start-up, when the topic has no lists, or only lists the service shipped ({@code bundled})
 * in another version, or lists from another configured file, the instance publishes its own (the
 * bundled lists or {@code screening.parties.path}): a release with new shipped lists puts them in
 * force. An officer's import is never replaced that way; a later import or a new configured file is
 * what replaces it.
 */
@ApplicationScoped
public class PartyListVersions {

    public static final String BUNDLED = "bundled";
    public static final String FILE = "file";
    public static final String IMPORT = "import";
    private static final Logger LOG = Logger.getLogger(PartyListVersions.class);

    /** What new lists in force set off on this instance: re-screening what it owns. */
    public interface Rescreening {
        CompletionStage<Integer> partyListsChanged(String version, String actor);
    }

    private final ActiveRuleset rules;
    private final Rescreening rescreening;
    private final Emitter<Record<String, PartyListVersion>> out;
    private final WireFormat wire;
    private final Clock clock;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final Map<String, CompletableFuture<Integer>> applied = new ConcurrentHashMap<>();
    private volatile CompactedTopicTail tail;
    /** The topic's last valid record, and whether the topic is still being restored; guarded by this. */
    private PartyListVersion last;
    private PartyLists lastLists;
    private boolean restoring = true;

    public PartyListVersions(ActiveRuleset rules, Rescreening rescreening,
                             @Channel(Topics.PARTIES_OUT) Emitter<Record<String, PartyListVersion>> out, WireFormat wire, Clock clock) {
        this.rules = rules;
        this.rescreening = rescreening;
        this.out = out;
        this.wire = wire;
        this.clock = clock;
    }

    void start(@Observes StartupEvent start, @Identifier("default-kafka-broker") Map<String, Object> kafka, ScreeningConfig config) {
        tail = new CompactedTopicTail(kafka, config.topic(Topics.PARTIES), this::apply, config.instanceId()).start();
        tail.caughtUp().whenComplete((v, e) -> {
            if (e != null) {
                ready.completeExceptionally(e);
            } else {
                restored();
            }
        });
    }

    void stop(@Observes ShutdownEvent stop) {
        if (tail != null) {
            tail.close();
        }
    }

    /** Completes when the lists in force are the ones the topic and the configuration agree on. */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    /** The record of the lists in force, or null before the topic has any. */
    public synchronized PartyListVersion inForce() {
        return last;
    }

    /**
     * Publishes lists an officer imported ({@code lists}: {@code csv} as loaded and validated by the caller) and completes, with the
     * number of decisions this instance changed by re-screening, once this instance screens with them.
     */
    public CompletionStage<Integer> publish(PartyLists lists, byte[] csv, String actor) {
        CompletableFuture<Integer> done = applied.computeIfAbsent(lists.version(), v -> new CompletableFuture<>());
        return send(lists, csv, IMPORT, actor)
                .thenCompose(v -> done.orTimeout(30, TimeUnit.SECONDS))
                .whenComplete((n, e) -> applied.remove(lists.version(), done));
    }

    private CompletionStage<Void> send(PartyLists lists, byte[] csv, String source, String actor) {
        PartyListVersion r = new PartyListVersion(lists.version(), new String(csv, StandardCharsets.UTF_8), lists.size(), source,
                actor, clock.instant());
        return out.send(Record.of(r.getVersion(), r));
    }

    private synchronized void apply(String key, byte[] value) {
        if (value == null) {
            return;
        }
        PartyListVersion r;
        PartyLists lists;
        try {
            r = wire.decode(value, PartyListVersion.class);
            // the lists in force already (the configured ones at start, an import published here): not parsed again
            PartyLists current = rules.screener().parties();
            lists = r.getVersion().equals(current.version()) ? current : PartyListLoader.load(r.getCsv().getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            LOG.errorf("party-list record %s skipped: %s", key, e.getMessage());
            return;
        }
        last = r;
        lastLists = lists;
        if (!restoring) {
            putInForce(r, lists);
        }
    }

    private void putInForce(PartyListVersion r, PartyLists lists) {
        CompletableFuture<Integer> done = applied.get(lists.version());
        if (lists.version().equals(rules.screener().parties().version())) {
            // in force already: no new screener, nothing to re-screen
            if (done != null) {
                done.complete(0);
            }
            return;
        }
        rules.useParties(lists);
        LOG.infof("party lists %s in force (%d entries, %s by %s)", lists.version(), lists.size(), r.getSource(), r.getPublishedBy());
        rescreening.partyListsChanged(lists.version(), r.getPublishedBy()).whenComplete((n, e) -> {
            if (done != null) {
                if (e != null) {
                    done.completeExceptionally(e);
                } else {
                    done.complete(n);
                }
            }
        });
    }

    private synchronized void restored() {
        restoring = false;
        PartyLists configured = rules.configuredParties();
        String source = rules.partiesFromFile() ? FILE : BUNDLED;
        boolean replace = last == null
                || (!IMPORT.equals(last.getSource()) && !configured.version().equals(last.getVersion()));
        if (replace) {
            LOG.infof("party-list topic holds %s: publishing the %s lists %s for every instance",
                    last == null ? "nothing" : last.getSource() + " lists " + last.getVersion(), source, configured.version());
            byte[] csv = rules.configuredPartiesCsv();
            send(configured, csv, source, "configuration").whenComplete((v, e) -> {
                if (e != null) {
                    ready.completeExceptionally(e);
                } else {
                    ready.complete(null); // in force already (the configured lists), and the record follows
                }
            });
        } else {
            putInForce(last, lastLists);
            ready.complete(null);
        }
    }
}

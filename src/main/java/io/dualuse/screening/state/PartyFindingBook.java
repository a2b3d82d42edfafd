package io.dualuse.screening.state;

import io.dualuse.screening.core.parties.PartyFindings;
import io.dualuse.screening.core.parties.PartyNames;
import io.dualuse.screening.parties.event.PartyFinding;
import io.dualuse.screening.platform.ScreeningConfig;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.wire.WireFormat;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Officers' findings that a party is not a listed entity, kept on the compacted topic
 * {@code screening.party-findings.v1} (key: entry id and the party's name as compared; a tombstone
 * withdraws a finding) and rebuilt from it by every instance. A finding recorded or withdrawn here or
 * on another instance sets off a re-screen of the open holds it may clear or reopen.
 */
@ApplicationScoped
public class PartyFindingBook implements PartyFindings {

    private static final Logger LOG = Logger.getLogger(PartyFindingBook.class);

    /** A finding recorded or withdrawn: what the re-screening listens to. */
    public record Changed(String entryId, String partyName, String actor) {
    }

    private final Map<String, Finding> byKey = new ConcurrentHashMap<>();
    private final Emitter<Record<String, PartyFinding>> out;
    private final WireFormat wire;
    private final Clock clock;
    private final Event<Changed> changed;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private volatile boolean restored;
    private volatile CompactedTopicTail tail;

    public PartyFindingBook(@Channel(Topics.PARTY_FINDINGS_OUT) Emitter<Record<String, PartyFinding>> out, WireFormat wire,
                            Clock clock, Event<Changed> changed) {
        this.out = out;
        this.wire = wire;
        this.clock = clock;
        this.changed = changed;
    }

    void start(@Observes StartupEvent start, @Identifier("default-kafka-broker") Map<String, Object> kafka, ScreeningConfig config) {
        tail = new CompactedTopicTail(kafka, config.topic(Topics.PARTY_FINDINGS), this::apply, config.instanceId()).start();
        tail.caughtUp().whenComplete((v, e) -> {
            if (e != null) {
                ready.completeExceptionally(e);
            } else {
                restored = true;
                LOG.infof("%d party finding(s) restored", byKey.size());
                ready.complete(null);
            }
        });
    }

    void stop(@Observes ShutdownEvent stop) {
        if (tail != null) {
            tail.close();
        }
    }

    public CompletableFuture<Void> ready() {
        return ready;
    }

    /** The topic key of a finding: the entry and the name as the service compares it. */
    public static String key(String entryId, String partyName) {
        return entryId + "|" + PartyNames.of(partyName).key();
    }

    @Override
    public Optional<Finding> notListed(String entryId, String partyName) {
        return byKey.isEmpty() ? Optional.empty() : Optional.ofNullable(byKey.get(key(entryId, partyName)));
    }

    public List<Finding> all() {
        return byKey.values().stream().sorted(Comparator.comparing(Finding::recordedAt)).toList();
    }

    /** Records a finding on the topic; every instance applies it from there. */
    public CompletionStage<Finding> record(String entryId, String partyName, String reason, String actor) {
        PartyFinding r = new PartyFinding(entryId, partyName, PartyNames.of(partyName).key(), reason, actor, clock.instant());
        return out.send(Record.of(key(entryId, partyName), r)).thenApply(v -> toFinding(r));
    }

    /** Withdraws a finding (a tombstone); false when there is none for that entry and name. */
    public CompletionStage<Boolean> withdraw(String entryId, String partyName) {
        if (notListed(entryId, partyName).isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        return out.send(Record.<String, PartyFinding>of(key(entryId, partyName), null)).thenApply(v -> true);
    }

    private void apply(String key, byte[] value) {
        Finding before;
        String entryId;
        String name;
        String actor;
        if (value == null) {
            before = byKey.remove(key);
            if (before == null) {
                return;
            }
            entryId = before.entryId();
            name = before.partyName();
            actor = null;
        } else {
            PartyFinding r;
            try {
                r = wire.decode(value, PartyFinding.class);
            } catch (RuntimeException e) {
                LOG.errorf("party finding %s skipped: %s", key, e.getMessage());
                return;
            }
            byKey.put(key, toFinding(r));
            entryId = r.getEntryId();
            name = r.getPartyName();
            actor = r.getRecordedBy();
        }
        if (restored) {
            changed.fireAsync(new Changed(entryId, name, actor));
        }
    }

    private static Finding toFinding(PartyFinding r) {
        return new Finding(r.getEntryId(), r.getPartyName(), r.getReason(), r.getRecordedBy(), r.getRecordedAt());
    }
}

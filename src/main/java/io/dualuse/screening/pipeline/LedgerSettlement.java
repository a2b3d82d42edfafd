package io.dualuse.screening.pipeline;

import io.dualuse.screening.license.event.LedgerEntry;
import io.dualuse.screening.state.LicenseBook;
import io.dualuse.screening.state.PartitionOwnership;
import io.smallrye.reactive.messaging.kafka.Record;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/**
 * When the pipeline settles licence draws, and what it writes: the draws of orders exported more
 * than {@code settleAfterDays} ago, on the licences of the exporters this instance owns, folded
 * into each licence's settled record on the ledger topic, their own keys tombstoned. Compaction
 * then leaves the ledger one record per licence plus the orders that can still change, so its
 * replay at start, and the registry in every instance's heap, stop growing with history.
 */
final class LedgerSettlement {

    private static final Logger LOG = Logger.getLogger(LedgerSettlement.class);
    /** After a settlement that could not be written, the next try comes this much later, not an hour. */
    private static final Duration RETRY = Duration.ofSeconds(30);

    private final LicenseBook licenses;
    private final PartitionOwnership ownership;
    private final Clock clock;
    private final int afterDays;
    private final Duration every;
    private final String ledgerTopic;
    private long nextNanos;

    LedgerSettlement(LicenseBook licenses, PartitionOwnership ownership, Clock clock, int afterDays, Duration every,
                     String ledgerTopic) {
        this.licenses = licenses;
        this.ownership = ownership;
        this.clock = clock;
        this.afterDays = afterDays;
        this.every = every;
        this.ledgerTopic = ledgerTopic;
        this.nextNanos = System.nanoTime(); // the first poll loop settles what built up while the service was down
    }

    /** The settlement due now, applied to this instance's registry already, or null when none is due or there is nothing to settle. */
    LicenseBook.Settling due() {
        long now = System.nanoTime();
        if (now - nextNanos < 0) {
            return null;
        }
        nextNanos = now + every.toNanos();
        LocalDate exportedBefore = LocalDate.now(clock).minusDays(afterDays);
        LicenseBook.Settling settling = licenses.settle(exportedBefore, ownership::owns);
        if (!settling.isEmpty()) {
            LOG.infof("settling the licence draws of %d order draw(s) exported before %s on %d licence(s)",
                    settling.tombstones().size(), exportedBefore, settling.totals().size());
        }
        return settling.isEmpty() ? null : settling;
    }

    /** Settles at the next turn of the loop. */
    void soon() {
        nextNanos = System.nanoTime();
    }

    /** A settlement that was not written: undone here, tried again soon. */
    void failed(LicenseBook.Settling settling) {
        licenses.undo(settling);
        nextNanos = System.nanoTime() + RETRY.toNanos();
        LOG.warnf("a settlement of %d draw(s) was not written; undone, tried again in %s", settling.tombstones().size(), RETRY);
    }

    /** Each touched licence's settled record. */
    List<ProducerRecord<String, Object>> totals(LicenseBook.Settling settling) {
        return records(settling.totals());
    }

    /** The tombstones of the draws folded. */
    List<ProducerRecord<String, Object>> tombstones(LicenseBook.Settling settling) {
        return records(settling.tombstones());
    }

    private List<ProducerRecord<String, Object>> records(List<Record<String, LedgerEntry>> records) {
        return records.stream().map(r -> new ProducerRecord<String, Object>(ledgerTopic, r.key(), r.value())).toList();
    }
}

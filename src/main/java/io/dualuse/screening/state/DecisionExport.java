package io.dualuse.screening.state;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.decision.Evidence;
import io.dualuse.screening.core.decision.Reason;
import io.dualuse.screening.core.decision.ReasonCode;
import io.dualuse.screening.core.review.ReviewPolicy;
import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.platform.ScreeningConfig;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.wire.DecisionEvents;
import io.dualuse.screening.wire.WireFormat;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The decisions and reviews of a date range as CSV, for auditors, read from the audit topic (which
 * keeps every decision) rather than from any copy the service holds. Rows are written and flushed
 * as the topic is read, never collected, so a year of decisions costs no more memory than a day.
 *
 * <p>A row is in the range when the decision's {@code decidedAt} is in {@code [from, to)}: that is
 * the time an auditor asks about. The topic is searched by record timestamp, which the producer sets
 * at about the same moment, so the read starts {@link #MARGIN} before {@code from} and a partition is
 * done at its first record stamped {@link #MARGIN} after {@code to} (an old range does not read the
 * rest of the topic), or at the end offsets seen when the export starts, so decisions published
 * meanwhile do not keep it running.
 *
 * <p>Rows come in partition-interleaved order, not sorted by time: sorting would need them all in
 * memory. A spreadsheet sorts them on {@code decidedAt}.
 */
@ApplicationScoped
public class DecisionExport {

    static final List<String> COLUMNS = List.of("decidedAt", "orderId", "orderVersion", "status", "reasonCodes",
            "controlNumbers", "measureIds", "reviewer", "reviewReason", "rulesetVersion", "rulesetHash");

    /** How far a decision's record timestamp may precede its {@code decidedAt} and still be found. */
    static final Duration MARGIN = Duration.ofMinutes(1);

    /** The codes of a decision made by a compliance officer's review ({@link ReviewPolicy}). */
    private static final Set<ReasonCode> REVIEWS = Set.of(ReasonCode.REVIEW_RELEASE, ReasonCode.REVIEW_REJECT,
            ReasonCode.OVERRIDE_RELEASE);
    private static final CsvMapper CSV = new CsvMapper();
    private static final AtomicLong EXPORTS = new AtomicLong();

    private final Map<String, Object> config;
    private final String topic;
    private final String instanceId;
    private final WireFormat wire;

    @Inject
    public DecisionExport(@Identifier("default-kafka-broker") Map<String, Object> kafka,
                          ScreeningConfig config, WireFormat wire) {
        this(kafka, config.topic(Topics.DECISIONS), config.instanceId(), wire);
    }

    DecisionExport(Map<String, Object> kafka, String topic, String instanceId, WireFormat wire) {
        this.topic = topic;
        this.instanceId = instanceId;
        this.wire = wire;
        this.config = TopicWindow.readerConfig(kafka);
    }

    /**
     * Writes a header row and one row per decision with {@code decidedAt} in {@code [from, to)}.
     * Does not close {@code out}.
     *
     * @return the number of decision rows written (the header not counted)
     * @throws IllegalStateException when a partition gives nothing for a while before its end
     */
    public long writeCsv(Instant from, Instant to, Writer out) throws IOException {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        COLUMNS.forEach(schema::addColumn);
        Map<String, Object> own = new HashMap<>(config);
        own.put(ConsumerConfig.CLIENT_ID_CONFIG, instanceId + "-decision-export-" + EXPORTS.incrementAndGet());
        long[] rows = {0};
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(own, new ByteArrayDeserializer(), new ByteArrayDeserializer());
             SequenceWriter csv = CSV.writer(schema.build())
                     .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
                     .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE)
                     .writeValues(out)) {
            TopicWindow window = TopicWindow.open(consumer, topic, from.minus(MARGIN), to.plus(MARGIN), "decision export");
            csv.init(false); // the header, also when no decision is in the range
            out.flush();
            try {
                window.read(consumer, r -> {
                    Decision d = DecisionEvents.fromEvent(wire.decode(r.value(), ScreeningDecision.class));
                    if (!d.decidedAt().isBefore(from) && d.decidedAt().isBefore(to)) {
                        csv.write(row(d));
                        rows[0]++;
                    }
                }, () -> false, () -> flush(out));
            } catch (IllegalStateException e) {
                throw new IllegalStateException(e.getMessage() + "; " + rows[0] + " row(s) were written before it stopped", e);
            }
            csv.flush();
        }
        out.flush();
        return rows[0];
    }

    private static void flush(Writer out) {
        try {
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> row(Decision d) {
        Reason review = null;
        for (Reason r : d.reasons()) {
            if (REVIEWS.contains(r.code())) {
                review = r; // ReviewPolicy adds the review as the last reason
            }
        }
        String reviewer = review == null ? "" : evidence(review, "reviewer");
        return List.of(d.decidedAt().toString(), d.orderId(), String.valueOf(d.orderVersion()), d.status().name(),
                joined(d, r -> r.code().name()), joined(d, Reason::controlNumber), joined(d, Reason::measureId),
                reviewer, review == null ? "" : reviewReason(review, reviewer),
                nonNull(d.rulesetVersion()), nonNull(d.rulesetHash()));
    }

    /** ReviewPolicy writes the message as {@code "reviewer: reason"}; the reason alone, or the whole message. */
    private static String reviewReason(Reason review, String reviewer) {
        String message = nonNull(review.message());
        String prefix = reviewer + ": ";
        return !reviewer.isEmpty() && message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static String evidence(Reason r, String name) {
        return r.evidence().stream().filter(e -> name.equals(e.name())).map(Evidence::value).findFirst().orElse("");
    }

    private static String joined(Decision d, Function<Reason, String> field) {
        return d.reasons().stream().map(field).filter(Objects::nonNull).distinct().collect(Collectors.joining(";"));
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}

package io.dualuse.screening.state;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.decision.DecisionStatus;
import io.dualuse.screening.core.decision.Reason;
import io.dualuse.screening.core.decision.ReasonCode;
import io.dualuse.screening.core.review.ReviewPolicy;
import io.dualuse.screening.core.review.Verdict;
import io.dualuse.screening.testing.KafkaBrokerResource;
import io.dualuse.screening.wire.AvroCodec;
import io.dualuse.screening.wire.DecisionEvents;
import io.dualuse.screening.wire.WireFormat;
import io.dualuse.screening.wire.WireSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The auditors' CSV export against the real test broker: decisions before, inside and after a
 * window on a fresh topic of three partitions, read back with a CSV parser.
 */
class DecisionExportBrokerTest {

    private static final Map<String, Object> KAFKA = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers());
    private static final Instant FROM = Instant.parse("2025-03-10T09:00:00Z");
    private static final Instant TO = Instant.parse("2025-03-10T17:00:00Z");
    private static final String REVIEW_REASON = "end user confirmed, \"civil\" use only";

    private static String topic;

    @BeforeAll
    static void decisionsAroundTheWindow() throws Exception {
        topic = "decision-export-" + UUID.randomUUID();
        try (Admin admin = Admin.create(KAFKA)) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        Decision held = decision("REVIEWED", DecisionStatus.HOLD, FROM.plus(Duration.ofHours(1)),
                new Reason(ReasonCode.LICENSE_REQUIRED, 1, "1C010", "M-7", "Art. 4", "licence needed", List.of()));
        Decision reviewed = ReviewPolicy.review(held, 2, Verdict.RELEASE, REVIEW_REASON, "Officer Wang", false, "officer1",
                FROM.plus(Duration.ofHours(2))).decision();
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerResource.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            // a record stamped half a minute before its decidedAt (producer clock): within the margin, still found
            Instant decided = FROM.plusSeconds(10);
            publish(p, 1, decided.minusSeconds(30), decision("STAMPED-EARLY", DecisionStatus.RELEASE, decided));
            // the rest in time order, as the pipeline appends them
            int i = 0;
            for (Decision d : List.of(
                    decision("EARLY", DecisionStatus.RELEASE, FROM.minus(Duration.ofHours(1))),
                    decision("JUST-BEFORE", DecisionStatus.RELEASE, FROM.minusMillis(1)),
                    decision("AT-FROM", DecisionStatus.RELEASE, FROM),
                    held,
                    decision("LICENSED", DecisionStatus.RELEASE, FROM.plus(Duration.ofHours(1)),
                            new Reason(ReasonCode.LICENSED, 1, "1C010", "M-7", "Art. 4", "licence L-1", List.of()),
                            new Reason(ReasonCode.LICENSED, 2, "1C011", "M-7", "Art. 4", "licence L-1", List.of()),
                            new Reason(ReasonCode.NOT_CONTROLLED, 3, null, null, null, "not listed", List.of())),
                    reviewed,
                    decision("AT-TO", DecisionStatus.HOLD, TO),
                    decision("LATE", DecisionStatus.REJECT, TO.plus(Duration.ofHours(1))))) {
                publish(p, i++ % 3, d.decidedAt(), d);
            }
            p.flush();
        }
    }

    private static Decision decision(String orderId, DecisionStatus status, Instant decidedAt, Reason... reasons) {
        return new Decision(orderId, 1, status, List.of(reasons), List.of(), "CN-DU-2025.03.01", "sha256:abc", decidedAt);
    }

    private static void publish(KafkaProducer<String, byte[]> p, int partition, Instant timestamp, Decision d) throws Exception {
        p.send(new ProducerRecord<>(topic, partition, timestamp.toEpochMilli(), d.orderId(),
                AvroCodec.instance().encode(DecisionEvents.toEvent(d)))).get();
    }

    private static DecisionExport export() {
        return new DecisionExport(KAFKA, topic, "test", WireFormat.of(WireSettings.SINGLE_OBJECT));
    }

    private static List<Map<String, String>> parse(String csv) throws IOException {
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            return it.readAll();
        }
    }

    @Test
    void writesTheDecisionsOfTheRangeFromIncludedToExcluded() throws Exception {
        StringWriter out = new StringWriter();

        long rows = export().writeCsv(FROM, TO, out);

        String csv = out.toString();
        assertThat(csv.lines().findFirst()).hasValue(String.join(",", DecisionExport.COLUMNS));
        List<Map<String, String>> parsed = parse(csv);
        assertThat(parsed).extracting(r -> r.get("orderId"))
                .containsExactlyInAnyOrder("AT-FROM", "STAMPED-EARLY", "REVIEWED", "LICENSED", "REVIEWED");
        assertThat(rows).isEqualTo(5);
        assertThat(parsed).filteredOn(r -> r.get("orderId").equals("LICENSED")).singleElement().satisfies(r -> {
            assertThat(r.get("decidedAt")).isEqualTo("2025-03-10T10:00:00Z");
            assertThat(r.get("status")).isEqualTo("RELEASE");
            assertThat(r.get("reasonCodes")).isEqualTo("LICENSED;NOT_CONTROLLED");
            assertThat(r.get("controlNumbers")).isEqualTo("1C010;1C011");
            assertThat(r.get("measureIds")).isEqualTo("M-7");
            assertThat(r.get("reviewer")).isEmpty();
            assertThat(r.get("rulesetVersion")).isEqualTo("CN-DU-2025.03.01");
            assertThat(r.get("rulesetHash")).isEqualTo("sha256:abc");
        });
    }

    @Test
    void aReviewGivesItsReviewerAndReasonQuotedAsCsv() throws Exception {
        StringWriter out = new StringWriter();

        export().writeCsv(FROM, TO, out);

        assertThat(out.toString()).contains("\"end user confirmed, \"\"civil\"\" use only\"");
        assertThat(parse(out.toString())).filteredOn(r -> r.get("orderId").equals("REVIEWED"))
                .extracting(r -> r.get("orderVersion"), r -> r.get("status"), r -> r.get("reasonCodes"),
                        r -> r.get("reviewer"), r -> r.get("reviewReason"))
                .containsExactlyInAnyOrder(
                        tuple("1", "HOLD", "LICENSE_REQUIRED", "", ""),
                        tuple("2", "RELEASE", "LICENSE_REQUIRED;REVIEW_RELEASE", "Officer Wang", REVIEW_REASON));
    }

    @Test
    void aRangeWithoutDecisionsGivesOnlyTheHeader() throws Exception {
        for (Instant[] range : List.of(
                new Instant[] {FROM.plus(Duration.ofHours(3)), FROM.plus(Duration.ofHours(4))}, // later decisions are read past
                new Instant[] {TO.plus(Duration.ofDays(1)), TO.plus(Duration.ofDays(2))},       // nothing on the topic that late
                new Instant[] {FROM, FROM})) {
            StringWriter out = new StringWriter();

            long rows = export().writeCsv(range[0], range[1], out);

            assertThat(rows).as("%s..%s", range[0], range[1]).isZero();
            assertThat(out.toString().lines()).as("%s..%s", range[0], range[1]).containsExactly(String.join(",", DecisionExport.COLUMNS));
        }
    }
}

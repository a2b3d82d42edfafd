package io.dualuse.screening.state;

import io.dualuse.screening.core.license.InMemoryLicenseRegistry;
import io.dualuse.screening.license.event.LedgerEntry;
import io.dualuse.screening.license.event.LicenseRecord;
import io.dualuse.screening.license.event.LicenseStatus;
import io.dualuse.screening.platform.ScreeningConfig;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.testing.KafkaBrokerResource;
import io.dualuse.screening.testing.KafkaTestClient;
import io.dualuse.screening.testing.RecordingEvent;
import io.dualuse.screening.wire.WireFormat;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The licence ledger kept per owned partition, on the real broker: an instance keeps the draws of
 * the exporters it owns and only those, takes over another partition's draws as they stand now
 * (updated and released draws included), keeps following what it owns, and forgets a partition
 * it gives away. Licences stay known for every exporter.
 */
class PartitionLocalLedgerBrokerTest {

    private static final int PARTITIONS = 6;
    private final String mine = PartitionOwnershipTest.exporterOf(0);
    private final String theirs = PartitionOwnershipTest.exporterOf(3);
    private final String licences = KafkaTestClient.createCompactedTopic("licences");
    private final String ledger = KafkaTestClient.createCompactedTopic("ledger");
    private LicenseBook book;

    @AfterEach
    void stop() {
        if (book != null) {
            book.stop(null);
        }
    }

    @Test
    void anInstanceKeepsTheDrawsOfItsOwnExportersTakesOthersOverAsTheyStandAndForgetsWhatItGivesAway() throws Exception {
        licence("L-MINE", mine);
        licence("L-THEIRS", theirs);
        draw("L-MINE", "A", "10");
        draw("L-THEIRS", "B", "20");
        draw("L-THEIRS", "C", "5");
        KafkaTestClient.send(ledger, "L-THEIRS/C", (byte[]) null); // C released
        draw("L-THEIRS", "B", "25"); // B amended

        ScreeningConfig config = PartitionOwnershipTest.config(Map.of(
                "screening.topics." + Topics.named(Topics.LICENSES).key(), licences,
                "screening.topics." + Topics.named(Topics.LICENSE_LEDGER).key(), ledger));
        PartitionOwnership ownership = new PartitionOwnership(new RecordingEvent<>(), config);
        ownership.partitionCounts(topic -> PARTITIONS);
        InMemoryLicenseRegistry registry = new InMemoryLicenseRegistry();
        book = new LicenseBook(registry, ownership, null, null, new RecordingEvent<>(), WireFormat.of(Map.of()), new SimpleMeterRegistry());
        book.start(null, Map.of("bootstrap.servers", KafkaBrokerResource.bootstrapServers()), config);
        book.ready().get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(registry.drawingOrders()).as("no draw is read before an assignment").isZero();

        ownership.onPartitionsAssigned(routed(0));
        assertThat(registry.drawn("L-MINE")).isEqualByComparingTo("10");
        assertThat(registry.drawn("L-THEIRS")).as("another instance's exporter").isEqualByComparingTo("0");
        assertThat(registry.find("L-THEIRS")).as("licences are known everywhere").isPresent();

        draw("L-MINE", "A", "12"); // followed: its exporter is kept here
        draw("L-THEIRS", "D", "7"); // not kept here, until taken over
        await().atMost(Duration.ofSeconds(30)).until(() -> registry.drawn("L-MINE").compareTo(new BigDecimal("12")) == 0);

        ownership.onPartitionsRevoked(routed(0));
        ownership.onPartitionsAssigned(routed(0, 3)); // another instance went away
        assertThat(registry.drawn("L-THEIRS")).as("B amended, C released, D new: as they stand").isEqualByComparingTo("32");
        assertThat(registry.drawsOf("C")).isEmpty();
        assertThat(registry.drawn("L-MINE")).as("the replay leaves what was kept as it is").isEqualByComparingTo("12");

        ownership.onPartitionsRevoked(routed(0, 3));
        ownership.onPartitionsAssigned(routed(3)); // partition 0 went to a new instance
        assertThat(registry.drawn("L-MINE")).isEqualByComparingTo("0");
        assertThat(registry.drawsOf("A")).isEmpty();
        assertThat(registry.drawn("L-THEIRS")).isEqualByComparingTo("32");

        draw("L-MINE", "E", "1"); // no longer followed here
        draw("L-THEIRS", "F", "3");
        await().atMost(Duration.ofSeconds(30)).until(() -> registry.drawn("L-THEIRS").compareTo(new BigDecimal("35")) == 0);
        assertThat(registry.drawn("L-MINE")).isEqualByComparingTo("0");
    }

    private void licence(String number, String exporter) {
        KafkaTestClient.send(licences, number, new LicenseRecord(number, exporter, List.of("1C117.d"), List.of(), "DE", "End User",
                "1000", "KG", "2026-01-01", "2026-12-31", LicenseStatus.ACTIVE, "test"));
    }

    private void draw(String licence, String order, String quantity) {
        KafkaTestClient.send(ledger, licence + "/" + order, new LedgerEntry(licence, order, 1L, quantity, "KG", "2099-01-01"));
    }

    private static List<TopicPartition> routed(int... partitions) {
        List<TopicPartition> out = new ArrayList<>();
        for (int p : partitions) {
            out.add(new TopicPartition(Topics.ORDERS_BY_EXPORTER, p));
        }
        return out;
    }
}

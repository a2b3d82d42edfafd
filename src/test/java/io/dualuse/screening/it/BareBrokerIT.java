package io.dualuse.screening.it;

import io.dualuse.screening.decision.event.DecisionStatus;
import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.testing.KafkaBrokerResource;
import io.dualuse.screening.testing.KafkaTestClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code KAFKA_BOOTSTRAP_SERVERS=... java -jar} against a broker that has none of the service's
 * topics (fresh names for all of them): it creates them from its table and decides the first order.
 */
class BareBrokerIT {

    private static final Duration DEADLINE = Duration.ofSeconds(120);
    private final PackagedService services = new PackagedService();

    @AfterEach
    void stop() {
        services.close();
    }

    @Test
    void theServiceCreatesItsTopicsAndDecidesAJsonOrder() throws Exception {
        String prefix = "bare-" + UUID.randomUUID() + ".";
        int port = PackagedService.freePort();
        List<String> options = PackagedService.onFreshTopics(prefix, port, "bare");
        Process service = services.start("bare-broker.log", options);
        PackagedService.awaitReady(service, port, DEADLINE);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).containsAll(Topics.ALL.stream().map(n -> prefix + n).toList());
        }

        String id = "BARE-" + UUID.randomUUID();
        String json = """
                {"orderId": "%s", "orderVersion": 1, "exportDate": "%s",
                 "exporter": {"id": "EXP-BARE", "name": "Exporter", "country": "CN"},
                 "consignee": {"name": "Berlin Textil GmbH", "country": "DE"},
                 "endUser": {"name": "Berlin Textil GmbH", "country": "DE", "type": "COMMERCIAL"},
                 "endUse": {"category": "CIVIL", "description": "retail"},
                 "shipFrom": "CN", "shipTo": "DE", "finalDestination": "DE",
                 "lines": [{"lineNo": 1, "sku": "TS-1", "description": "cotton T-shirts", "commodityCode": "6109100000",
                            "originCountry": "CN", "quantity": "500", "unit": "PCS"}]}""".formatted(id, LocalDate.now().plusDays(2));
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
        KafkaTestClient.sendLarge(new ProducerRecord<>(prefix + Topics.ORDERS, null, id, json.getBytes(StandardCharsets.UTF_8), headers));

        ScreeningDecision decision = KafkaTestClient.awaitValues(prefix + Topics.RELEASES, id, 1, ScreeningDecision.class).get(0);
        assertThat(decision.getStatus()).isEqualTo(DecisionStatus.RELEASE);
    }
}

package io.dualuse.screening.pipeline;

import io.dualuse.screening.decision.event.DecisionStatus;
import io.dualuse.screening.decision.event.Reason;
import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.testing.KafkaBrokerResource;
import io.dualuse.screening.testing.KafkaTestClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static io.dualuse.screening.testing.KafkaTestClient.awaitRecords;
import static io.dualuse.screening.testing.KafkaTestClient.awaitValues;
import static io.dualuse.screening.testing.TestOrders.freshId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Orders as JSON on orders.v1, told apart by {@code content-type: application/json}: written here by
 * hand in the shape of the dry-run body, as a platform without Avro would, and screened by the same
 * pipeline with the same dead letters.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class JsonIntakeServiceTest {

    private static String order(String id, String exporter, String endUser, String endUserType, String endUse, String destination,
                                String line) {
        return """
                {"orderId": "%s", "orderVersion": 1, "exportDate": "%s",
                 "exporter": {"id": "%s", "name": "Ganzhou Rare Earth Trading Co., Ltd.", "country": "CN"},
                 "consignee": {"name": "%s", "country": "%s"},
                 "endUser": {"name": "%s", "country": "%s", "type": "%s"},
                 "endUse": {"category": "%s", "description": "as declared"},
                 "shipFrom": "CN", "shipTo": "%s", "finalDestination": "%s",
                 "lines": [%s]}""".formatted(id, LocalDate.now().plusDays(2), exporter, endUser, destination, endUser, destination,
                endUserType, endUse, destination, destination, line);
    }

    private static final String T_SHIRTS = """
            {"lineNo": 1, "sku": "TS-1", "description": "cotton T-shirts", "commodityCode": "6109100000", "originCountry": "CN",
             "quantity": "500", "unit": "PCS"}""";

    private static final String DY_MAGNETS = """
            {"lineNo": 1, "sku": "MAG-N52-DY", "description": "sintered NdFeB magnet, Dy diffused", "commodityCode": "8505111000",
             "originCountry": "CN", "quantity": "50", "unit": "KG",
             "composition": [{"element": "Nd", "weightPercent": "29.5"}, {"element": "Dy", "weightPercent": "0.8"}]}""";

    private static void sendJson(String key, String json, String contentType) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("content-type", contentType.getBytes(StandardCharsets.UTF_8));
        KafkaTestClient.sendLarge(new ProducerRecord<>(Topics.ORDERS, null, key, json.getBytes(StandardCharsets.UTF_8), headers));
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    @Test
    void aJsonOrderIsScreenedLikeAnAvroOne() {
        String civil = freshId("JSON-CIVIL");
        sendJson(civil, order(civil, freshId("EXP-JSON"), "Berlin Textil GmbH", "COMMERCIAL", "CIVIL", "DE", T_SHIRTS), "application/json");
        ScreeningDecision released = awaitValues(Topics.RELEASES, civil, 1, ScreeningDecision.class).get(0);
        assertThat(released.getStatus()).isEqualTo(DecisionStatus.RELEASE);
        assertThat(released.getReasons()).extracting(Reason::getCode).containsOnly("NOT_CONTROLLED");
        // the decision says what it is, for a client in any language
        ConsumerRecord<String, byte[]> raw = awaitRecords(Topics.RELEASES, civil, rs -> !rs.isEmpty()).get(0);
        assertThat(header(raw, "content-type")).isEqualTo("application/avro; framing=single-object");
        assertThat(header(raw, "avro-schema")).isEqualTo("io.dualuse.screening.decision.event.ScreeningDecision");
        assertThat(header(raw, "avro-fingerprint")).isEqualTo(java.util.HexFormat.of().formatHex(raw.value(), 2, 10));

        // the January 2026 ban: Japanese military end users get no dual-use item
        String military = freshId("JSON-JP-MIL");
        sendJson(military, order(military, freshId("EXP-JSON"), "JGSDF Procurement Office", "MILITARY", "MILITARY", "JP", DY_MAGNETS),
                "Application/JSON; charset=utf-8");
        ScreeningDecision rejected = awaitValues(Topics.HOLDS, military, 1, ScreeningDecision.class).get(0);
        assertThat(rejected.getStatus()).isEqualTo(DecisionStatus.REJECT);
        assertThat(rejected.getReasons()).extracting(Reason::getCode).contains("PROHIBITED");
    }

    @Test
    void malformedJsonIsDeadLetteredWithWhereItBroke() {
        String key = freshId("JSON-BROKEN");
        String broken = "{\"orderId\": \"" + key + "\", \"lines\": [";
        sendJson(key, broken, "application/json");
        ConsumerRecord<String, byte[]> dead = awaitRecords(Topics.ORDERS_DLQ, key, rs -> !rs.isEmpty()).get(0);
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo(broken);
        assertThat(header(dead, OrderIntake.HEADER_CODE)).isEqualTo("UNDECODABLE");
        assertThat(header(dead, OrderIntake.HEADER_REASON)).contains("malformed JSON order").contains("line 1");
        assertThat(header(dead, "content-type")).isEqualTo("application/json");
    }

    @Test
    void aJsonOrderThatBreaksTheContractIsDeadLetteredNamingTheField() {
        String id = freshId("JSON-NEGATIVE");
        String line = T_SHIRTS.replace("\"500\"", "\"-5\"");
        sendJson(id, order(id, freshId("EXP-JSON"), "Berlin Textil GmbH", "COMMERCIAL", "CIVIL", "DE", line), "application/json");
        ConsumerRecord<String, byte[]> dead = awaitRecords(Topics.ORDERS_DLQ, id, rs -> !rs.isEmpty()).get(0);
        assertThat(header(dead, OrderIntake.HEADER_CODE)).isEqualTo("CONTRACT_VIOLATION");
        assertThat(header(dead, OrderIntake.HEADER_FIELD)).isEqualTo("lines[0].quantity");
    }

    @Test
    void withoutTheHeaderJsonIsNotMistakenForAnOrder() {
        String key = freshId("JSON-NO-HEADER");
        KafkaTestClient.send(Topics.ORDERS, key, order(key, "EXP-X", "A", "COMMERCIAL", "CIVIL", "DE", T_SHIRTS).getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, byte[]> dead = awaitRecords(Topics.ORDERS_DLQ, key, rs -> !rs.isEmpty()).get(0);
        assertThat(header(dead, OrderIntake.HEADER_CODE)).isEqualTo("UNDECODABLE");
        assertThat(header(dead, OrderIntake.HEADER_REASON)).contains("not Avro single-object encoding");
        assertThat(List.of(header(dead, "dead-letter-topic"))).containsExactly(Topics.ORDERS);
    }
}

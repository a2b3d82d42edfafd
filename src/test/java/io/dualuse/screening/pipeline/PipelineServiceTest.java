package io.dualuse.screening.pipeline;

import io.dualuse.screening.decision.event.DecisionStatus;
import io.dualuse.screening.decision.event.Reason;
import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.demo.SendOrder;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.testing.KafkaBrokerResource;
import io.dualuse.screening.testing.TestOrders;
import io.dualuse.screening.wire.PackedBytes;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.dualuse.screening.testing.KafkaTestClient.awaitRecords;
import static io.dualuse.screening.testing.KafkaTestClient.awaitValues;
import static io.dualuse.screening.testing.KafkaTestClient.send;
import static io.dualuse.screening.testing.TestOrders.freshId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The whole pipeline against a real broker: Avro orders in, decisions and dead letters out. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class PipelineServiceTest {

    @Test
    void japaneseMilitaryOrderIsRejectedOnTheAuditAndHoldsTopics() {
        String id = freshId("JP-MIL");
        send(Topics.ORDERS, id, TestOrders.japaneseMilitary(id));

        ScreeningDecision audit = awaitValues(Topics.DECISIONS, id, 1, ScreeningDecision.class).get(0);
        ScreeningDecision hold = awaitValues(Topics.HOLDS, id, 1, ScreeningDecision.class).get(0);

        assertThat(audit.getStatus()).isEqualTo(DecisionStatus.REJECT);
        assertThat(audit.getReasons()).extracting(Reason::getCode, Reason::getLineNo, Reason::getControlNumber, Reason::getMeasureId)
                .contains(tuple("PROHIBITED", 1, "1C905.a.4", "CN-JP-2026-1-MILITARY"));
        assertThat(audit.getRulesetVersion()).isEqualTo("CN-DU-2026.12.05");
        assertThat(hold).isEqualTo(audit);
    }

    @Test
    void uncontrolledOrderIsReleasedToTheWarehouses() {
        String id = freshId("DE-SHIRTS");
        send(Topics.ORDERS, id, TestOrders.civil(id, "DE", TestOrders.tShirts(1)).build());

        ScreeningDecision released = awaitValues(Topics.RELEASES, id, 1, ScreeningDecision.class).get(0);
        assertThat(released.getStatus()).isEqualTo(DecisionStatus.RELEASE);
        assertThat(released.getReasons()).extracting(Reason::getCode).containsExactly("NOT_CONTROLLED");
        assertThat(awaitValues(Topics.DECISIONS, id, 1, ScreeningDecision.class)).containsExactly(released);
    }

    @Test
    void malformedRecordIsDeadLetteredWithItsReasonAndTheNextOrderIsStillDecided() {
        String key = freshId("BROKEN");
        byte[] garbage = "this is not avro".getBytes(StandardCharsets.UTF_8);
        RecordMetadata sent = send(Topics.ORDERS, key, garbage);
        // same key, so same partition: it queues behind the bad record
        send(Topics.ORDERS, key, TestOrders.civil(key, "DE", TestOrders.tShirts(1)).build());

        ConsumerRecord<String, byte[]> dead = awaitRecords(Topics.ORDERS_DLQ, key, rs -> !rs.isEmpty()).get(0);
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(header(dead, OrderIntake.HEADER_CODE)).isEqualTo("UNDECODABLE");
        assertThat(header(dead, OrderIntake.HEADER_FIELD)).isEqualTo("value");
        assertThat(header(dead, "dead-letter-reason")).contains("not Avro single-object encoding");
        assertThat(header(dead, "dead-letter-topic")).isEqualTo(Topics.ORDERS);
        assertThat(header(dead, "dead-letter-partition")).isEqualTo(String.valueOf(sent.partition()));
        assertThat(header(dead, "dead-letter-offset")).isEqualTo(String.valueOf(sent.offset()));

        assertThat(awaitValues(Topics.DECISIONS, key, 1, ScreeningDecision.class))
                .extracting(ScreeningDecision::getStatus).containsExactly(DecisionStatus.RELEASE);
    }

    @Test
    void orderThatBreaksTheContractIsDeadLetteredNamingTheField() {
        String id = freshId("NEG-QTY");
        OrderEvent bad = TestOrders.civil(id, "DE", TestOrders.apt(1, "-5")).build();
        send(Topics.ORDERS, id, bad);

        ConsumerRecord<String, byte[]> dead = awaitRecords(Topics.ORDERS_DLQ, id, rs -> !rs.isEmpty()).get(0);
        assertThat(header(dead, OrderIntake.HEADER_CODE)).isEqualTo("CONTRACT_VIOLATION");
        assertThat(header(dead, OrderIntake.HEADER_FIELD)).isEqualTo("lines[0].quantity");
        assertThat(header(dead, "dead-letter-reason")).contains("lines[0].quantity must not be negative, got -5");
        assertThat(dead.value()).isEqualTo(io.dualuse.screening.wire.AvroCodec.instance().encode(bad));
    }

    @Test
    void aRecordTheScreeningStageCannotReadIsDeadLetteredAndTheExportersNextOrderStillDecided() {
        String exporter = freshId("EXP-CORRUPT");
        // as if the internal topic held a corrupt record: same exporter key, so same partition as the order below
        send(Topics.ORDERS_BY_EXPORTER, exporter, "corrupt".getBytes(StandardCharsets.UTF_8));
        String id = freshId("AFTER-CORRUPT");
        send(Topics.ORDERS, id, TestOrders.civil(id, "DE", TestOrders.tShirts(1))
                .setExporter(io.dualuse.screening.order.event.Party.newBuilder().setId(exporter).setName("E").setCountry("CN").build())
                .build());

        ConsumerRecord<String, byte[]> dead = awaitRecords(Topics.ORDERS_DLQ, exporter, rs -> !rs.isEmpty()).get(0);
        assertThat(header(dead, OrderIntake.HEADER_CODE)).isEqualTo("INTERNAL_ERROR");
        assertThat(dead.value()).isEqualTo("corrupt".getBytes(StandardCharsets.UTF_8));
        assertThat(awaitValues(Topics.RELEASES, id, 1, ScreeningDecision.class)).hasSize(1);
    }

    @Test
    void amendedOrderSupersedesAndLateOrRepeatedVersionsAreIgnored() {
        String id = freshId("AMEND");
        OrderEvent v1 = TestOrders.civil(id, "DE", TestOrders.apt(1, "100")).build();
        OrderEvent v2 = TestOrders.civil(id, "DE", TestOrders.tShirts(1)).setOrderVersion(2).build();
        OrderEvent v3 = TestOrders.civil(id, "DE", TestOrders.tShirts(1)).setOrderVersion(3).build();
        send(Topics.ORDERS, id, v1);
        send(Topics.ORDERS, id, v2);
        send(Topics.ORDERS, id, v2); // re-delivery of the same version
        send(Topics.ORDERS, id, v1); // an older version arriving late
        send(Topics.ORDERS, id, v3); // same key, same partition: once v3 is decided, the two above were handled

        List<ScreeningDecision> decisions = awaitRecords(Topics.DECISIONS, id,
                rs -> rs.stream().anyMatch(r -> decode(r).getOrderVersion() == 3)).stream().map(PipelineServiceTest::decode).toList();
        assertThat(decisions).extracting(ScreeningDecision::getOrderVersion, ScreeningDecision::getStatus).containsExactly(
                tuple(1L, DecisionStatus.HOLD), tuple(2L, DecisionStatus.RELEASE), tuple(3L, DecisionStatus.RELEASE));
    }

    @Test
    void commandLineProducerSendsAJsonOrderInTheWireFormat(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String id = freshId("CLI");
        java.nio.file.Path file = dir.resolve("order.json");
        java.nio.file.Files.writeString(file, """
                {"orderId": "%s", "orderVersion": 1, "exportDate": "2026-11-24",
                 "exporter": {"id": "EXP-CLI", "country": "CN"},
                 "shipFrom": "CN", "shipTo": "DE", "finalDestination": "DE",
                 "lines": [{"lineNo": 1, "commodityCode": "2841801000", "originCountry": "CN", "quantity": "10", "unit": "KG"}]}
                """.formatted(id));
        SendOrder.main(new String[] {file.toString(), KafkaBrokerResource.bootstrapServers()});

        assertThat(awaitValues(Topics.HOLDS, id, 1, ScreeningDecision.class)).singleElement()
                .satisfies(d -> assertThat(d.getReasons()).extracting(Reason::getCode).contains("LICENSE_REQUIRED"));
    }

    private static ScreeningDecision decode(ConsumerRecord<String, byte[]> r) {
        return io.dualuse.screening.wire.AvroCodec.instance().decode(r.value(), ScreeningDecision.class);
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    @Test
    void heldOrdersArePackedWithTheNativeLz4WhereThePlatformHasIt() {
        // lz4-java ships libraries for these; under Quarkus's class loader its fastestInstance()
        // silently fell back to the pure-Java codec, a quarter of the service's CPU under load
        String arch = System.getProperty("os.arch");
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && List.of("amd64", "aarch64").contains(arch));
        assertThat(PackedBytes.codec()).isEqualTo("LZ4Factory:JNI");
    }
}

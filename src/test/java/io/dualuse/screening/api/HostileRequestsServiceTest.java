package io.dualuse.screening.api;

import io.dualuse.screening.core.order.ContractLimits;
import io.dualuse.screening.decision.event.ScreeningDecision;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.order.event.OrderLine;
import io.dualuse.screening.pipeline.OrderIntake;
import io.dualuse.screening.platform.Topics;
import io.dualuse.screening.testing.KafkaBrokerResource;
import io.dualuse.screening.testing.KafkaTestClient;
import io.dualuse.screening.testing.RecordMutations;
import io.dualuse.screening.testing.TestOrders;
import io.dualuse.screening.wire.AvroCodec;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static io.dualuse.screening.api.RestApiServiceTest.asOfficer;
import static io.dualuse.screening.api.RestApiServiceTest.asOps;
import static io.dualuse.screening.testing.KafkaTestClient.awaitRecords;
import static io.dualuse.screening.testing.KafkaTestClient.awaitValues;
import static io.dualuse.screening.testing.KafkaTestClient.send;
import static io.dualuse.screening.testing.KafkaTestClient.sendLarge;
import static io.dualuse.screening.testing.TestOrders.freshId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

/**
 * Hostile input against the running service (issue #18): on the order topic, each record past the
 * contract's limits is dead-lettered naming its field while the good order queued behind it on the
 * same partition is decided; over REST, every malformed body gets a 4xx naming the field, never a
 * 5xx, and nothing is written for a refused licence.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class HostileRequestsServiceTest {

    static Stream<Arguments> poisonOrders() {
        return Stream.of(
                Arguments.of((Consumer<OrderEvent>) e -> e.getLines().get(0).setQuantity("-1e999999999"), "lines[0].quantity"),
                Arguments.of((Consumer<OrderEvent>) e -> e.getLines().get(0).getComposition().get(0).setWeightPercent("-1e999999999"),
                        "lines[0].composition[0].weightPercent"),
                Arguments.of((Consumer<OrderEvent>) e -> e.getLines().get(0).setDescription("x".repeat(500_000)), "lines[0].description"),
                Arguments.of((Consumer<OrderEvent>) e -> {
                    List<OrderLine> many = new ArrayList<>();
                    for (int i = 1; i <= 10_000; i++) {
                        many.add(TestOrders.tShirts(i));
                    }
                    e.setLines(many);
                }, "lines"),
                Arguments.of((Consumer<OrderEvent>) e -> e.getLines().get(0).setUnit("PARSEC"), "lines[0].unit"),
                Arguments.of((Consumer<OrderEvent>) e -> e.setOrderVersion(0), "orderVersion"));
    }

    @ParameterizedTest
    @MethodSource("poisonOrders")
    void aPoisonOrderIsDeadLetteredAndTheOrderBehindItIsDecided(Consumer<OrderEvent> poison, String field) {
        String key = freshId("POISON");
        OrderEvent bad = TestOrders.civil(key, "DE", TestOrders.dyMagnet(1)).build();
        poison.accept(bad);
        send(Topics.ORDERS, key, bad);
        // same key, same partition: it queues behind the poison
        String goodId = key + "-NEXT";
        send(Topics.ORDERS, key, TestOrders.civil(goodId, "DE", TestOrders.tShirts(1)).build());

        ConsumerRecord<String, byte[]> dead = awaitRecords(Topics.ORDERS_DLQ, key, rs -> !rs.isEmpty()).get(0);
        assertThat(header(dead, OrderIntake.HEADER_CODE)).isEqualTo("CONTRACT_VIOLATION");
        assertThat(header(dead, OrderIntake.HEADER_FIELD)).isEqualTo(field);
        assertThat(awaitValues(Topics.DECISIONS, goodId, 1, ScreeningDecision.class)).hasSize(1);
    }

    @Test
    void aRecordWithAMegabyteOfHeadersIsDeadLetteredWithoutThemAndTheOrderBehindItIsDecided() {
        String key = freshId("HEADERS");
        var record = new ProducerRecord<String, byte[]>(Topics.ORDERS, key,
                AvroCodec.instance().encode(TestOrders.civil(key, "DE", TestOrders.tShirts(1)).build()));
        for (int i = 0; i < 16; i++) {
            record.headers().add("padding-" + i, new byte[64 * 1024]);
        }
        sendLarge(record);
        String goodId = key + "-NEXT";
        send(Topics.ORDERS, key, TestOrders.civil(goodId, "DE", TestOrders.tShirts(1)).build());

        ConsumerRecord<String, byte[]> dead = awaitRecords(Topics.ORDERS_DLQ, key, rs -> !rs.isEmpty()).get(0);
        assertThat(header(dead, OrderIntake.HEADER_CODE)).isEqualTo("CONTRACT_VIOLATION");
        assertThat(header(dead, OrderIntake.HEADER_FIELD)).isEqualTo("headers");
        assertThat(dead.headers().lastHeader("padding-0")).isNull();
        assertThat(dead.value()).isEqualTo(record.value());
        assertThat(awaitValues(Topics.DECISIONS, goodId, 1, ScreeningDecision.class)).hasSize(1);
    }

    @Test
    void aRecordOverTheSizeLimitIsDeadLetteredAsAPointerAndTheOrderBehindItIsDecided() {
        String key = freshId("HUGE");
        // every field within its own limit; together 1.2 MB, over screening.pipeline.max-record-bytes
        OrderEvent huge = paddedOrder(key, 1_200_000);
        var sent = sendLarge(new ProducerRecord<>(Topics.ORDERS, key, AvroCodec.instance().encode(huge)));
        String goodId = key + "-NEXT";
        send(Topics.ORDERS, key, TestOrders.civil(goodId, "DE", TestOrders.tShirts(1)).build());

        ConsumerRecord<String, byte[]> dead = awaitRecords(Topics.ORDERS_DLQ, key, rs -> !rs.isEmpty()).get(0);
        assertThat(header(dead, OrderIntake.HEADER_CODE)).isEqualTo("CONTRACT_VIOLATION");
        assertThat(header(dead, OrderIntake.HEADER_FIELD)).isEqualTo("value");
        assertThat(header(dead, OrderIntake.HEADER_OFFSET)).isEqualTo(String.valueOf(sent.offset()));
        assertThat(dead.value()).isNull();
        assertThat(awaitValues(Topics.DECISIONS, goodId, 1, ScreeningDecision.class)).hasSize(1);
    }

    @Test
    void anOrderWhoseHoldWouldBeTooLargeForTheTopicIsDeadLetteredAndHeldAndTheOrderBehindItIsDecided() {
        String key = freshId("BIGHOLD");
        // under the limit itself; its open-hold state (order plus a decision with a reason per line) is over it
        OrderEvent big = paddedOrder(key, 990_000);
        byte[] bytes = AvroCodec.instance().encode(big);
        assertThat(bytes.length).isBetween(980_000, 1_000_000 - 100);
        sendLarge(new ProducerRecord<>(Topics.ORDERS, key, bytes));
        String goodId = key + "-NEXT";
        send(Topics.ORDERS, key, TestOrders.civil(goodId, "DE", TestOrders.tShirts(1)).build());

        ConsumerRecord<String, byte[]> dead = awaitRecords(Topics.ORDERS_DLQ, key, rs -> !rs.isEmpty()).get(0);
        assertThat(header(dead, OrderIntake.HEADER_CODE)).isEqualTo("OUTPUT_TOO_LARGE");
        assertThat(header(dead, OrderIntake.HEADER_REASON)).contains("max-record-bytes");
        assertThat(dead.value()).isEqualTo(bytes);
        ScreeningDecision held = awaitValues(Topics.DECISIONS, key, 1, ScreeningDecision.class).get(0);
        assertThat(held.getStatus().name()).isEqualTo("HOLD");
        assertThat(held.getReasons()).extracting(r -> r.getCode().toString()).containsExactly("INTERNAL_ERROR");
        assertThat(awaitValues(Topics.DECISIONS, goodId, 1, ScreeningDecision.class)).hasSize(1);
    }

    /** Dy magnets to Germany (a HOLD per line), descriptions padded until the encoded order is {@code size} bytes or a few more. */
    private static OrderEvent paddedOrder(String key, int size) {
        OrderEvent order = TestOrders.civil(key, "DE")
                .setExporter(io.dualuse.screening.order.event.Party.newBuilder().setId(key).setName("Padding Exporter Co.").setCountry("CN").build())
                .build();
        List<OrderLine> lines = new ArrayList<>();
        order.setLines(lines);
        int pad = ContractLimits.MAX_TEXT - 100;
        while (true) {
            OrderLine line = TestOrders.dyMagnet(lines.size() + 1);
            String base = line.getDescription() + " ";
            line.setDescription(base + "x".repeat(pad));
            lines.add(line);
            int over = AvroCodec.instance().encode(order).length - size;
            if (over >= 0) {
                line.setDescription(base + "x".repeat(Math.max(0, pad - over)));
                return order;
            }
        }
    }

    private static final String ORDER = """
            {"orderId": "%s", "orderVersion": 1, "exportDate": "2026-12-15",
             "exporter": {"id": "EXP-REST-1", "country": "CN"},
             "endUser": {"name": "Bavaria Motors GmbH", "country": "DE", "type": "COMMERCIAL"},
             "endUse": {"category": "CIVIL"}, "shipFrom": "CN", "shipTo": "DE", "finalDestination": "DE",
             "intermediaries": %s, "licenseNumbers": %s,
             "lines": [{"lineNo": 1, "description": "cotton T-shirts", "commodityCode": "6109100010",
                        "quantity": "%s", "unit": "PCS", "composition": %s}]}""";

    /**
     * A seeded fuzz of the order topic: orders' bytes mutated (bits, bytes, cuts, inflated lengths)
     * between good orders. Each mutated record is dead-lettered with a code and a reason, or, when
     * the mutation still decodes to a valid order, decided; every good order is decided.
     */
    @Test
    void mutatedRecordsOnTheOrderTopicAreEachDeadLetteredOrDecidedAndTheGoodOnesAllDecided() {
        String run = freshId("FUZZ");
        java.util.Random random = new java.util.Random(18);
        List<String> good = new ArrayList<>();
        Map<String, String> mutatedToOrderId = new java.util.HashMap<>(); // key -> order id it decodes to, or ""
        for (int i = 0; i < 160; i++) {
            String key = run + "-" + i;
            OrderEvent order = i % 2 == 0 ? TestOrders.civil(key, "DE", TestOrders.dyMagnet(1), TestOrders.tShirts(2)).build()
                    : TestOrders.japaneseMilitary(key);
            byte[] bytes = AvroCodec.instance().encode(order);
            if (i % 4 == 0) {
                good.add(key);
            } else {
                bytes = RecordMutations.mutate(bytes, random);
                String decodesTo = "";
                try {
                    decodesTo = AvroCodec.instance().decode(bytes, OrderEvent.class).getOrderId();
                } catch (RuntimeException undecodable) {
                    // must be dead-lettered
                }
                mutatedToOrderId.put(key, decodesTo);
            }
            send(Topics.ORDERS, key, bytes);
        }

        var seen = KafkaTestClient.awaitKeys(List.of(Topics.ORDERS_DLQ, Topics.DECISIONS), byKey ->
                good.stream().allMatch(id -> byKey.containsKey(Topics.DECISIONS + "/" + id))
                        && mutatedToOrderId.entrySet().stream().allMatch(e -> byKey.containsKey(Topics.ORDERS_DLQ + "/" + e.getKey())
                        || (!e.getValue().isEmpty() && byKey.containsKey(Topics.DECISIONS + "/" + e.getValue()))));

        int deadLettered = 0;
        for (String key : mutatedToOrderId.keySet()) {
            var dead = seen.get(Topics.ORDERS_DLQ + "/" + key);
            if (dead != null) {
                deadLettered++;
                assertThat(header(dead.get(0), OrderIntake.HEADER_CODE)).as(key).isIn("UNDECODABLE", "SCHEMA_MISMATCH", "CONTRACT_VIOLATION");
                assertThat(header(dead.get(0), OrderIntake.HEADER_REASON)).as(key).isNotBlank();
            }
        }
        assertThat(deadLettered).as("most mutations break the record").isGreaterThan(mutatedToOrderId.size() / 2);
    }

    /**
     * A seeded fuzz of the dry run's JSON: a valid order with a value somewhere replaced by a
     * hostile one (null, wrong type, huge or deep), a field dropped, or the text cut or scrambled.
     * Every answer is a 2xx or a 4xx, never a 5xx.
     */
    @Test
    void noMutatedOrderBodyGetsA5xx() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        String valid = ORDER.formatted("FUZZ-REST", "[{\"name\": \"Busan Trading\", \"country\": \"KR\", \"role\": \"distributor\"}]",
                "[\"LIC-1\"]", "10", "[{\"element\": \"Dy\", \"weightPercent\": \"0.8\"}]");
        List<com.fasterxml.jackson.databind.JsonNode> hostile = List.of(
                json.nullNode(), json.getNodeFactory().textNode(""), json.getNodeFactory().numberNode(new java.math.BigDecimal("1e999999999")),
                json.getNodeFactory().numberNode(-1), json.getNodeFactory().numberNode(0), json.getNodeFactory().booleanNode(true),
                json.createArrayNode(), json.createObjectNode(), json.createArrayNode().addNull(),
                json.getNodeFactory().textNode("x".repeat(5_000)), json.getNodeFactory().textNode("\u0000\u202E"),
                json.getNodeFactory().textNode("NaN"), json.getNodeFactory().numberNode(1.5),
                json.getNodeFactory().numberNode(new java.math.BigInteger("9".repeat(2_000))));
        java.util.Random random = new java.util.Random(18);
        java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (int i = 0; i < 400; i++) {
            String body;
            if (i % 4 == 3) { // the text itself: cut, or a character dropped or doubled
                StringBuilder b = new StringBuilder(valid);
                int at = random.nextInt(b.length());
                switch (random.nextInt(3)) {
                    case 0 -> b.setLength(at);
                    case 1 -> b.deleteCharAt(at);
                    default -> b.insert(at, b.charAt(at));
                }
                body = b.toString();
            } else {
                var tree = json.readTree(valid);
                var containers = new ArrayList<com.fasterxml.jackson.databind.JsonNode>();
                tree.findParents("country").forEach(containers::add);
                containers.add(tree);
                containers.add(tree.get("lines").get(0));
                containers.add(tree.get("lines").get(0).get("composition").get(0));
                var target = (com.fasterxml.jackson.databind.node.ObjectNode) containers.get(random.nextInt(containers.size()));
                var names = new ArrayList<String>();
                target.fieldNames().forEachRemaining(names::add);
                String field = names.get(random.nextInt(names.size()));
                if (random.nextInt(10) == 0) {
                    target.remove(field);
                } else {
                    target.set(field, hostile.get(random.nextInt(hostile.size())));
                }
                body = json.writeValueAsString(tree);
            }
            int status = asOps().contentType(ContentType.JSON).body(body).when().post("/api/v1/screenings").then().extract().statusCode();
            statuses.merge(status, 1, Integer::sum);
            assertThat(status).as("case %d: %s", i, body.length() > 2_000 ? body.substring(0, 2_000) : body).isLessThan(500);
        }
        assertThat(statuses).containsKeys(200, 400);
    }

    static Stream<Arguments> hostileScreeningBodies() {
        return Stream.of(
                Arguments.of("null", "body"),
                Arguments.of(ORDER.formatted("R-1", "[]", "[]", "-1e999999999", "[]"), "lines[0].quantity"),
                Arguments.of(ORDER.formatted("R-2", "[]", "[]", "10", "[null]"), "lines[0].composition[0]"),
                Arguments.of(ORDER.formatted("R-3", "[null]", "[]", "10", "[]"), "intermediaries[0]"),
                Arguments.of(ORDER.formatted("R-4", "[]", "[null]", "10", "[]"), "licenseNumbers[0]"),
                Arguments.of(ORDER.formatted("R-5", "[]", "[]", "10", "[{\"element\": \"Dy\", \"weightPercent\": \"1e999999999\"}]"),
                        "lines[0].composition[0].weightPercent"),
                Arguments.of(ORDER.formatted("R\\u0000-6", "[]", "[]", "10", "[]"), "orderId"));
    }

    @ParameterizedTest
    @MethodSource("hostileScreeningBodies")
    void aHostileDryRunIsA400NamingTheField(String body, String field) {
        asOps().contentType(ContentType.JSON).body(body).when().post("/api/v1/screenings")
                .then().statusCode(400).body("violations.field", hasItem(field));
    }

    @Test
    void aLicenceWithABadNumberIsRefusedAndNotRegistered() {
        for (String number : List.of("L 1", "L\\\"1", "L<1", "L%1", "L\\r\\n1", "L\\u00001", "L/1")) {
            asOfficer().contentType(ContentType.JSON).body("""
                    {"licenseNumber": "%s", "exporterId": "EXP-1", "controlNumbers": ["1C117.d.1"],
                     "destinationCountry": "DE", "endUserName": "Bavaria Motors GmbH", "quantity": "1", "unit": "KG",
                     "validFrom": "2026-01-01", "validTo": "2026-12-31", "status": "ACTIVE"}""".formatted(number))
                    .when().post("/api/v1/licenses").then().statusCode(400).body("violations.field", hasItem("licenseNumber"));
        }
        asOps().when().get("/api/v1/licenses/{number}", "L 1").then().statusCode(404);
        asOfficer().contentType(ContentType.JSON).body("""
                {"licenseNumber": "L-POISON-QTY", "exporterId": "EXP-1", "controlNumbers": [null],
                 "destinationCountry": "DE", "endUserName": "X", "quantity": "-1e999999999", "unit": "KG",
                 "validFrom": "2026-01-01", "validTo": "2026-12-31", "status": "ACTIVE"}""")
                .when().post("/api/v1/licenses").then().statusCode(400)
                .body("violations.field", hasItem("quantity")).body("violations.field", hasItem("controlNumbers[0]"));
    }

    @Test
    void oversizedBodiesLongCsvFilesAndAbsurdFiltersAreRefusedWithout5xx() throws Exception {
        // with Expect: 100-continue the service answers before the client sends 5 MiB it will not read
        String fiveMiB = "{\"licenseNumber\": \"" + "x".repeat(5 << 20) + "\"}";
        java.net.http.HttpResponse<String> tooLarge = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + io.restassured.RestAssured.port + "/api/v1/licenses"))
                        .expectContinue(true).header("Content-Type", "application/json")
                        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("officer:officer".getBytes(StandardCharsets.UTF_8)))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(fiveMiB)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(tooLarge.statusCode()).isEqualTo(413);

        StringBuilder csv = new StringBuilder("licenseNumber,exporterId,controlNumbers,commodityCodes,destinationCountry,endUserName,quantity,unit,validFrom,validTo,status\n");
        for (int i = 0; i < 5_001; i++) {
            csv.append("L-CSV-").append(i).append(",E,,,DE,X,1,KG,2026-01-01,2026-12-31,BOGUS\n");
        }
        asOfficer().urlEncodingEnabled(false).contentType("text/csv").body(csv.toString())
                .when().post("/api/v1/licenses:import").then().statusCode(400).body("violations.field", hasItem("body"));

        asOps().queryParam("olderThanMinutes", Long.MAX_VALUE).when().get("/api/v1/holds")
                .then().statusCode(400).body("violations.field", hasItem("olderThanMinutes"));
        asOps().queryParam("olderThanMinutes", -1).when().get("/api/v1/holds")
                .then().statusCode(400).body("violations.field", hasItem("olderThanMinutes"));
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}

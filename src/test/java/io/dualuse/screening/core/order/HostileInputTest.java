package io.dualuse.screening.core.order;

import io.dualuse.screening.license.event.LicenseRecord;
import io.dualuse.screening.license.event.LicenseStatus;
import io.dualuse.screening.order.event.ElementContent;
import io.dualuse.screening.order.event.OrderEvent;
import io.dualuse.screening.order.event.OrderLine;
import io.dualuse.screening.testing.TestOrders;
import io.dualuse.screening.wire.LicenseEvents;
import io.dualuse.screening.wire.OrderEvents;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The contract's limits, at the edge where orders and licences come in (issue #18): every value a
 * tester used to stop the stream or exhaust the heap is a violation naming its field, found without
 * doing the arithmetic or the formatting that blew up. Each case was decided, or ran out of memory,
 * before the limits.
 */
class HostileInputTest {

    private static OrderEvent valid() {
        OrderLine line = TestOrders.dyMagnet(1);
        return TestOrders.civil("HOSTILE-1", "DE", line).build();
    }

    private static OrderLine line0(OrderEvent e) {
        return e.getLines().get(0);
    }

    static Stream<Arguments> hostileOrders() {
        String mib = "x".repeat(1 << 20);
        return Stream.of(
                Arguments.of("quantity -1e999999999", (Consumer<OrderEvent>) e -> line0(e).setQuantity("-1e999999999"), "lines[0].quantity"),
                Arguments.of("quantity 1e999999999", (Consumer<OrderEvent>) e -> line0(e).setQuantity("1E999999999"), "lines[0].quantity"),
                Arguments.of("quantity with 13 decimals", (Consumer<OrderEvent>) e -> line0(e).setQuantity("0.0000000000001"), "lines[0].quantity"),
                Arguments.of("quantity of 100,000 digits", (Consumer<OrderEvent>) e -> line0(e).setQuantity("9".repeat(100_000)), "lines[0].quantity"),
                Arguments.of("weightPercent -1e999999999", (Consumer<OrderEvent>) e -> line0(e).getComposition().get(0).setWeightPercent("-1e999999999"),
                        "lines[0].composition[0].weightPercent"),
                Arguments.of("weightPercent of 100,000 digits", (Consumer<OrderEvent>) e -> line0(e).getComposition().get(0).setWeightPercent("1".repeat(100_000)),
                        "lines[0].composition[0].weightPercent"),
                Arguments.of("prcContentPercent 1e400", (Consumer<OrderEvent>) e -> line0(e).setPrcContentPercent("1e400"), "lines[0].prcContentPercent"),
                Arguments.of("unit PARSEC", (Consumer<OrderEvent>) e -> line0(e).setUnit("PARSEC"), "lines[0].unit"),
                Arguments.of("orderVersion 0", (Consumer<OrderEvent>) e -> e.setOrderVersion(0), "orderVersion"),
                Arguments.of("NUL in orderId", (Consumer<OrderEvent>) e -> e.setOrderId("ORD\u0000-1"), "orderId"),
                Arguments.of("bidi override in orderId", (Consumer<OrderEvent>) e -> e.setOrderId("ORD\u202E1-DRO"), "orderId"),
                Arguments.of("emoji in orderId", (Consumer<OrderEvent>) e -> e.setOrderId("ORD-\uD83D\uDE00"), "orderId"),
                Arguments.of("slash in exporter id", (Consumer<OrderEvent>) e -> e.getExporter().setId("EXP/../1"), "exporter.id"),
                Arguments.of("1 MiB description", (Consumer<OrderEvent>) e -> line0(e).setDescription(mib), "lines[0].description"),
                Arguments.of("1 MiB end use", (Consumer<OrderEvent>) e -> e.getEndUse().setDescription(mib), "endUse.description"),
                Arguments.of("10,000 lines", (Consumer<OrderEvent>) e -> {
                    List<OrderLine> many = new ArrayList<>();
                    for (int i = 1; i <= 10_000; i++) {
                        many.add(TestOrders.tShirts(i));
                    }
                    e.setLines(many);
                }, "lines"),
                Arguments.of("null composition entry", (Consumer<OrderEvent>) e -> line0(e).setComposition(new ArrayList<>(Arrays.asList((ElementContent) null))),
                        "lines[0].composition[0]"),
                Arguments.of("null intermediary", (Consumer<OrderEvent>) e -> e.setIntermediaries(new ArrayList<>(Arrays.asList((io.dualuse.screening.order.event.Party) null))),
                        "intermediaries[0]"),
                Arguments.of("null licence number", (Consumer<OrderEvent>) e -> e.setLicenseNumbers(new ArrayList<>(Arrays.asList((String) null))),
                        "licenseNumbers[0]"),
                Arguments.of("licence number with a space", (Consumer<OrderEvent>) e -> e.setLicenseNumbers(new ArrayList<>(List.of("L 1"))),
                        "licenseNumbers[0]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileOrders")
    void aHostileOrderIsRefusedNamingItsField(String name, Consumer<OrderEvent> mutate, String field) {
        OrderEvent e = valid();
        assertThat(OrderEvents.toOrder(e)).as("the order before the change is valid").isNotNull();
        mutate.accept(e);

        assertThatThrownBy(() -> OrderEvents.toOrder(e)).isInstanceOf(InvalidOrderException.class)
                .satisfies(x -> assertThat(((InvalidOrderException) x).violations()).extracting(Violation::field).contains(field))
                .satisfies(x -> assertThat(x.getMessage()).hasSizeLessThan(20_000));
    }

    static Stream<Arguments> hostileLicences() {
        return Stream.of(
                Arguments.of((Consumer<LicenseRecord>) r -> r.setQuantity("-1e999999999"), "quantity"),
                Arguments.of((Consumer<LicenseRecord>) r -> r.setQuantity("1e999999999"), "quantity"),
                Arguments.of((Consumer<LicenseRecord>) r -> r.setLicenseNumber("L 1"), "licenseNumber"),
                Arguments.of((Consumer<LicenseRecord>) r -> r.setLicenseNumber("L\"1"), "licenseNumber"),
                Arguments.of((Consumer<LicenseRecord>) r -> r.setLicenseNumber("L<1"), "licenseNumber"),
                Arguments.of((Consumer<LicenseRecord>) r -> r.setLicenseNumber("L%1"), "licenseNumber"),
                Arguments.of((Consumer<LicenseRecord>) r -> r.setLicenseNumber("L\r\n1"), "licenseNumber"),
                Arguments.of((Consumer<LicenseRecord>) r -> r.setLicenseNumber("L\u00001"), "licenseNumber"),
                Arguments.of((Consumer<LicenseRecord>) r -> r.setLicenseNumber("L/1"), "licenseNumber"),
                Arguments.of((Consumer<LicenseRecord>) r -> r.setControlNumbers(new ArrayList<>(Arrays.asList((String) null))), "controlNumbers[0]"),
                Arguments.of((Consumer<LicenseRecord>) r -> r.setEndUserName("x".repeat(1 << 20)), "endUserName"));
    }

    @ParameterizedTest
    @MethodSource("hostileLicences")
    void aHostileLicenceIsRefusedNamingItsField(Consumer<LicenseRecord> mutate, String field) {
        LicenseRecord r = new LicenseRecord("L-OK-1", "EXP-1", new ArrayList<>(List.of("1C117.d.1")), new ArrayList<>(), "DE",
                "Bavaria Motors GmbH", "100", "KG", "2026-01-01", "2026-12-31", LicenseStatus.ACTIVE, null);
        List<Violation> ok = new ArrayList<>();
        assertThat(LicenseEvents.toLicense(r, ok)).as("the licence before the change is valid: %s", ok).isNotNull();
        mutate.accept(r);

        List<Violation> violations = new ArrayList<>();
        assertThat(LicenseEvents.toLicense(r, violations)).isNull();
        assertThat(violations).extracting(Violation::field).contains(field);
    }
}

package io.dualuse.screening.core.license;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** Draws are kept per licence and per order; both views must agree after every change. */
class InMemoryLicenseRegistryTest {

    private static License licence(String number) {
        return new License(number, "EXP", Set.of("1C117.d"), Set.of(), "DE", "X", new BigDecimal("100"), "KG",
                LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), LicenseStatus.ACTIVE);
    }

    @Test
    void drawsOfAnOrderFollowDrawUndrawReleaseAndLicenceRemoval() {
        InMemoryLicenseRegistry r = new InMemoryLicenseRegistry();
        r.put(licence("L1"));
        r.put(licence("L2"));
        r.draw("L1", "A", new BigDecimal("10"));
        r.draw("L2", "A", new BigDecimal("5"));
        r.draw("L1", "B", new BigDecimal("7"));

        assertThat(r.drawsOf("A")).containsExactly(entry("L1", new BigDecimal("10")), entry("L2", new BigDecimal("5")));
        assertThat(r.drawn("L1")).isEqualByComparingTo("17");
        assertThat(r.drawnExcluding("L1", "A")).isEqualByComparingTo("7");

        r.undraw("L2", "A");
        assertThat(r.drawsOf("A")).containsOnlyKeys("L1");

        r.release("A");
        assertThat(r.drawsOf("A")).isEmpty();
        assertThat(r.drawn("L1")).isEqualByComparingTo("7");

        r.remove("L1");
        assertThat(r.drawsOf("B")).isEmpty();
        assertThat(r.drawn("L1")).isEqualByComparingTo("0");
    }

    @Test
    void theRunningTotalOfALicenceIsTheSumOfItsDrawsAfterEveryChange() {
        InMemoryLicenseRegistry r = new InMemoryLicenseRegistry();
        List<String> numbers = List.of("L1", "L2", "L3");
        numbers.forEach(n -> r.put(licence(n)));
        // the model: every draw as it should stand, summed afresh after each step
        Map<String, Map<String, BigDecimal>> model = new HashMap<>();
        Random random = new Random(42);
        for (int step = 0; step < 2_000; step++) {
            String number = numbers.get(random.nextInt(numbers.size()));
            String order = "O" + random.nextInt(40);
            switch (random.nextInt(4)) {
                case 0, 1 -> {
                    // replaces the order's earlier draw: scales vary, as units convert
                    BigDecimal q = BigDecimal.valueOf(random.nextInt(10_000), random.nextInt(4));
                    r.draw(number, order, q);
                    model.computeIfAbsent(number, k -> new HashMap<>()).put(order, q);
                }
                case 2 -> {
                    r.undraw(number, order);
                    model.getOrDefault(number, new HashMap<>()).remove(order);
                }
                default -> {
                    r.release(order);
                    model.values().forEach(byOrder -> byOrder.remove(order));
                }
            }
            for (String n : numbers) {
                Map<String, BigDecimal> byOrder = model.getOrDefault(n, Map.of());
                BigDecimal all = byOrder.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
                BigDecimal others = all.subtract(byOrder.getOrDefault(order, BigDecimal.ZERO));
                assertThat(r.drawn(n)).as("licence %s after step %d", n, step).isEqualByComparingTo(all);
                assertThat(r.drawnExcluding(n, order)).as("licence %s without %s after step %d", n, order, step)
                        .isEqualByComparingTo(others);
            }
        }
        r.remove("L1");
        assertThat(r.drawn("L1")).isEqualByComparingTo("0");
    }
}

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

    private static License licenceOf(String number, String exporter) {
        return new License(number, exporter, Set.of("1C117.d"), Set.of(), "DE", "X", new BigDecimal("100"), "KG",
                LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), LicenseStatus.ACTIVE);
    }

    @Test
    void settlingFoldsTheDrawsOfOrdersExportedBeforeTheDayIntoOneRecordPerLicenceAndKeepsEveryTotal() {
        InMemoryLicenseRegistry r = new InMemoryLicenseRegistry();
        r.put(licenceOf("L1", "EXP-OWN"));
        r.put(licenceOf("L2", "EXP-OTHER"));
        LocalDate cutoff = LocalDate.parse("2026-11-01");
        r.draw("L1", "SHIPPED-1", new BigDecimal("10"), cutoff.minusDays(40));
        r.draw("L1", "SHIPPED-2", new BigDecimal("5"), cutoff.minusDays(1)); // the last day before
        r.draw("L1", "ON-THE-DAY", new BigDecimal("3"), cutoff);              // not before: still open
        r.draw("L1", "NO-DATE", new BigDecimal("2"));                          // recorded before export dates were: never
        r.draw("L2", "OTHER-OWNER", new BigDecimal("7"), cutoff.minusDays(40)); // another instance's to settle

        InMemoryLicenseRegistry.Settlement s = r.settle(cutoff, l -> l.exporterId().equals("EXP-OWN"));

        assertThat(s.folded()).extracting(InMemoryLicenseRegistry.OrderDraw::orderId)
                .containsExactlyInAnyOrder("SHIPPED-1", "SHIPPED-2");
        assertThat(s.totals()).containsExactly(new InMemoryLicenseRegistry.SettledTotal("L1", new BigDecimal("15"), 2));
        assertThat(r.drawn("L1")).isEqualByComparingTo("20");
        assertThat(r.drawnExcluding("L1", "ON-THE-DAY")).isEqualByComparingTo("17");
        assertThat(r.drawsOf("SHIPPED-1")).isEmpty();
        assertThat(r.drawsOf("ON-THE-DAY")).containsExactly(entry("L1", new BigDecimal("3")));
        assertThat(r.drawn("L2")).isEqualByComparingTo("7");
        assertThat(r.drawingOrders()).isEqualTo(3); // ON-THE-DAY, NO-DATE, OTHER-OWNER
        // the next day settles the one exported on the day before, adding to the same record
        InMemoryLicenseRegistry.Settlement next = r.settle(cutoff.plusDays(1), l -> l.exporterId().equals("EXP-OWN"));
        assertThat(next.totals()).containsExactly(new InMemoryLicenseRegistry.SettledTotal("L1", new BigDecimal("18"), 3));
        assertThat(r.drawn("L1")).isEqualByComparingTo("20");
        assertThat(r.settle(cutoff.plusDays(1), l -> true).folded()).extracting(InMemoryLicenseRegistry.OrderDraw::orderId)
                .containsExactly("OTHER-OWNER");
    }

    @Test
    void aSettlementNotWrittenIsUndoneExactly() {
        InMemoryLicenseRegistry r = new InMemoryLicenseRegistry();
        r.put(licenceOf("L1", "EXP"));
        LocalDate cutoff = LocalDate.parse("2026-11-01");
        r.settled("L1", new BigDecimal("40"), 9); // settled before, restored from the ledger
        r.draw("L1", "SHIPPED", new BigDecimal("10"), cutoff.minusDays(1));
        r.draw("L1", "OPEN", new BigDecimal("1"), cutoff.plusDays(3));

        InMemoryLicenseRegistry.Settlement s = r.settle(cutoff, l -> true);
        assertThat(s.totals()).containsExactly(new InMemoryLicenseRegistry.SettledTotal("L1", new BigDecimal("50"), 10));
        r.undo(s);

        assertThat(r.settledTotal("L1")).isEqualTo(new InMemoryLicenseRegistry.SettledTotal("L1", new BigDecimal("40"), 9));
        assertThat(r.drawsOf("SHIPPED")).containsExactly(entry("L1", new BigDecimal("10")));
        assertThat(r.exportDateOf("SHIPPED")).isEqualTo(cutoff.minusDays(1));
        assertThat(r.drawn("L1")).isEqualByComparingTo("51");
        assertThat(r.settle(cutoff, l -> true).folded()).hasSize(1); // and it is due again
    }

    @Test
    void anAmendmentAfterSettlingDrawsAnewCountedTwiceNeverLess() {
        InMemoryLicenseRegistry r = new InMemoryLicenseRegistry();
        r.put(licenceOf("L1", "EXP"));
        LocalDate cutoff = LocalDate.parse("2026-11-01");
        r.draw("L1", "LATE", new BigDecimal("10"), cutoff.minusDays(5));
        r.settle(cutoff, l -> true);

        r.release("LATE"); // what screening a new version does first
        r.draw("L1", "LATE", new BigDecimal("4"), cutoff.minusDays(5));

        assertThat(r.drawn("L1")).isEqualByComparingTo("14");
    }

    @Test
    void forgettingTheDrawsOfAnotherInstancesExportersKeepsTheLicencesAndEveryOtherDraw() {
        InMemoryLicenseRegistry r = new InMemoryLicenseRegistry();
        r.put(licenceOf("MINE", "EXP-KEPT"));
        r.put(licenceOf("THEIRS", "EXP-MOVED"));
        LocalDate cutoff = LocalDate.parse("2026-11-01");
        r.draw("THEIRS", "OLD", new BigDecimal("30"), cutoff.minusDays(40));
        r.settle(cutoff, l -> true);
        r.draw("THEIRS", "OPEN", new BigDecimal("5"), cutoff.plusDays(10));
        r.draw("MINE", "KEPT", new BigDecimal("7"), cutoff.plusDays(10));

        r.forgetDraws(l -> l.exporterId().equals("EXP-MOVED"));

        assertThat(r.drawn("THEIRS")).as("settled and open draws both go").isEqualByComparingTo("0");
        assertThat(r.settledTotal("THEIRS").orders()).isZero();
        assertThat(r.drawsOf("OPEN")).isEmpty();
        assertThat(r.exportDateOf("OPEN")).isNull();
        assertThat(r.find("THEIRS")).as("the licence itself stays").isPresent();
        assertThat(r.drawn("MINE")).isEqualByComparingTo("7");
        assertThat(r.drawsOf("KEPT")).containsOnlyKeys("MINE");
        assertThat(r.drawingOrders()).isEqualTo(1);

        r.draw("THEIRS", "OPEN", new BigDecimal("5"), cutoff.plusDays(10)); // taken back: read again from the ledger
        assertThat(r.drawn("THEIRS")).isEqualByComparingTo("5");
    }
}

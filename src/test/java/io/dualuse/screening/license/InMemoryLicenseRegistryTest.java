package io.dualuse.screening.license;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
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
}

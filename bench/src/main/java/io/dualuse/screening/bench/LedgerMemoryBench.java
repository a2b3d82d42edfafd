package io.dualuse.screening.bench;

import io.dualuse.screening.core.license.InMemoryLicenseRegistry;
import io.dualuse.screening.core.license.License;
import io.dualuse.screening.core.license.LicenseStatus;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;

/**
 * The licence registry's heap against the history of draws, the class alone: {@code orders} draws
 * on 200 licences, one export day per 10,000 orders, with the service's settlement run every
 * simulated day (draws exported more than 30 days before folded into their licence's settled
 * draws), then the heap after a full collection, less the heap of an empty registry. Without
 * settlement ({@code --settle false}) every draw stays, as before issue #24.
 *
 * <pre>java -Xmx6g -cp bench/target/benchmarks.jar io.dualuse.screening.bench.LedgerMemoryBench --orders 1000000 [--settle true]</pre>
 */
public final class LedgerMemoryBench {

    private static final int LICENCES = 200;
    private static final int ORDERS_PER_DAY = 10_000;
    private static final int SETTLE_AFTER_DAYS = 30;

    private LedgerMemoryBench() {
    }

    public static void main(String[] argv) throws Exception {
        var args = BenchArgs.parse(argv);
        long orders = Long.parseLong(args.getOrDefault("orders", "1000000"));
        boolean settle = Boolean.parseBoolean(args.getOrDefault("settle", "true"));
        long empty = liveHeap();
        InMemoryLicenseRegistry registry = new InMemoryLicenseRegistry();
        for (int l = 0; l < LICENCES; l++) {
            registry.put(new License("L-" + l, "EXP-" + (l % 20), Set.of("1C117.d"), Set.of(), "DE", "End User " + l,
                    new BigDecimal("1000000000"), "KG", LocalDate.parse("2020-01-01"), LocalDate.parse("2099-12-31"),
                    LicenseStatus.ACTIVE));
        }
        LocalDate first = LocalDate.parse("2000-01-01");
        long started = System.nanoTime();
        for (long i = 0; i < orders; i++) {
            LocalDate exportDate = first.plusDays(i / ORDERS_PER_DAY);
            registry.draw("L-" + (i % LICENCES), "ORDER-" + i, BigDecimal.valueOf(1 + i % 500), exportDate);
            if (settle && (i + 1) % ORDERS_PER_DAY == 0) {
                // the service's hourly run, once per simulated day
                registry.settle(exportDate.minusDays(SETTLE_AFTER_DAYS), l -> true);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long heap = liveHeap() - empty;
        BigDecimal total = BigDecimal.ZERO;
        for (int l = 0; l < LICENCES; l++) {
            total = total.add(registry.drawn("L-" + l));
        }
        System.out.printf(Locale.ROOT, "%,d historical draws, settlement %s: %,d orders held one by one, live heap %,.1f MB"
                        + " (%,.0f bytes per historical draw), all drawn %s, %.1f s%n", orders, settle ? "on" : "off",
                registry.drawingOrders(), heap / 1e6, (double) heap / orders, total.toPlainString(), seconds);
    }

    private static long liveHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200); // lets the collector finish its concurrent phases between full collections
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

package io.dualuse.screening.core.license;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Licences and drawdowns held in memory. Drawdowns are keyed by order so that a re-delivered or
 * amended order replaces its earlier draw instead of adding to it.
 *
 * <p>Each licence keeps the running total of its draws: a licence collects a draw from every
 * order it covers for as long as it is valid, and summing them for every controlled line made
 * screening slower the longer the service ran (1-2 % of its CPU after minutes under load, and
 * growing). All reads and changes of draws hold this registry's lock, so a total is never seen
 * half-way through a change.
 */
public final class InMemoryLicenseRegistry implements LicenseRegistry {

    private final Map<String, License> licenses = new ConcurrentHashMap<>();
    /** Per exporter, its licences in number order: read for every dual-use line, so kept ready-made. */
    private final Map<String, List<License>> byExporter = new ConcurrentHashMap<>();
    private final Map<String, Drawn> draws = new ConcurrentHashMap<>();
    /** Per order, the licences it draws: releasing or listing an order's draws must not scan every licence. */
    private final Map<String, java.util.Set<String>> licencesByOrder = new ConcurrentHashMap<>();

    /** Registers or replaces a licence; true when it was new. */
    public synchronized boolean put(License license) {
        License old = licenses.put(license.licenseNumber(), license);
        if (old != null) {
            reindex(old.exporterId());
        }
        reindex(license.exporterId());
        return old == null;
    }

    public synchronized void remove(String licenseNumber) {
        License old = licenses.remove(licenseNumber);
        Drawn drawn = draws.remove(licenseNumber);
        if (drawn != null) {
            drawn.byOrder.keySet().forEach(orderId -> forget(orderId, licenseNumber));
        }
        if (old != null) {
            reindex(old.exporterId());
        }
    }

    private void reindex(String exporterId) {
        List<License> own = licenses.values().stream()
                .filter(l -> l.exporterId().equals(exporterId))
                .sorted(Comparator.comparing(License::licenseNumber))
                .toList();
        if (own.isEmpty()) {
            byExporter.remove(exporterId);
        } else {
            byExporter.put(exporterId, own);
        }
    }

    /** Records that {@code orderId} draws {@code quantity} (licence unit), replacing its earlier draw. */
    public synchronized void draw(String licenseNumber, String orderId, BigDecimal quantity) {
        draws.computeIfAbsent(licenseNumber, k -> new Drawn()).put(orderId, quantity);
        licencesByOrder.computeIfAbsent(orderId, k -> ConcurrentHashMap.newKeySet()).add(licenseNumber);
    }

    /** Forgets every draw of an order, e.g. when its amended version no longer uses the licence. */
    public synchronized void release(String orderId) {
        java.util.Set<String> numbers = licencesByOrder.remove(orderId);
        if (numbers != null) {
            for (String number : numbers) {
                Drawn drawn = draws.get(number);
                if (drawn != null) {
                    drawn.remove(orderId);
                }
            }
        }
    }

    /** Forgets one order's draw on one licence. */
    public synchronized void undraw(String licenseNumber, String orderId) {
        Drawn drawn = draws.get(licenseNumber);
        if (drawn != null) {
            drawn.remove(orderId);
        }
        forget(orderId, licenseNumber);
    }

    private void forget(String orderId, String licenseNumber) {
        java.util.Set<String> numbers = licencesByOrder.get(orderId);
        if (numbers != null) {
            numbers.remove(licenseNumber);
            if (numbers.isEmpty()) {
                licencesByOrder.remove(orderId);
            }
        }
    }

    /** What an order currently draws, by licence number. */
    public synchronized Map<String, BigDecimal> drawsOf(String orderId) {
        Map<String, BigDecimal> out = new java.util.TreeMap<>();
        for (String number : licencesByOrder.getOrDefault(orderId, java.util.Set.of())) {
            Drawn drawn = draws.get(number);
            BigDecimal q = drawn == null ? null : drawn.byOrder.get(orderId);
            if (q != null) {
                out.put(number, q);
            }
        }
        return out;
    }

    /** Total drawn from a licence by all orders, in its unit. */
    public BigDecimal drawn(String licenseNumber) {
        return drawnExcluding(licenseNumber, "");
    }

    @Override
    public Optional<License> find(String licenseNumber) {
        return Optional.ofNullable(licenses.get(licenseNumber));
    }

    @Override
    public Collection<License> forExporter(String exporterId) {
        return byExporter.getOrDefault(exporterId, List.of());
    }

    @Override
    public synchronized BigDecimal drawnExcluding(String licenseNumber, String orderId) {
        Drawn drawn = draws.get(licenseNumber);
        if (drawn == null) {
            return BigDecimal.ZERO;
        }
        BigDecimal own = drawn.byOrder.get(orderId);
        return own == null ? drawn.total : drawn.total.subtract(own);
    }

    /** One licence's draws by order, and their sum. Changed only under the registry's lock. */
    private static final class Drawn {
        final Map<String, BigDecimal> byOrder = new java.util.HashMap<>();
        BigDecimal total = BigDecimal.ZERO;

        void put(String orderId, BigDecimal quantity) {
            BigDecimal before = byOrder.put(orderId, quantity);
            total = total.add(quantity);
            if (before != null) {
                total = total.subtract(before);
            }
        }

        void remove(String orderId) {
            BigDecimal before = byOrder.remove(orderId);
            if (before != null) {
                total = total.subtract(before);
            }
        }
    }

    public List<License> all() {
        return licenses.values().stream().sorted(Comparator.comparing(License::licenseNumber)).toList();
    }
}

package io.dualuse.screening.core.license;

import java.math.BigDecimal;
import java.time.LocalDate;
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
    /** Per drawing order, the export date of the version that drew: once long past, its draws are settled. */
    private final Map<String, LocalDate> exportDates = new ConcurrentHashMap<>();

    /**
     * The order id under which a licence's settled draws are kept, as if one order drew them all:
     * no order has an empty id (the order contract requires one), and every sum over a licence's
     * draws counts them without knowing they are settled.
     */
    public static final String SETTLED = "";

    /** A draw an order made from a licence: what settling folds, or undoes. */
    public record OrderDraw(String licenseNumber, String orderId, BigDecimal quantity, LocalDate exportDate) {
    }

    /** A licence's settled draws after a settlement: their sum and how many orders it folds. */
    public record SettledTotal(String licenseNumber, BigDecimal quantity, long orders) {
    }

    /** What one settlement folded, and the settled totals it left. */
    public record Settlement(List<OrderDraw> folded, List<SettledTotal> totals) {
        public boolean isEmpty() {
            return folded.isEmpty();
        }
    }

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
        draw(licenseNumber, orderId, quantity, null);
    }

    /**
     * The same, with the export date of the drawing version: the draw is settled once that date is
     * long enough past ({@link #settle}); without one (a draw recorded before export dates were), never.
     */
    public synchronized void draw(String licenseNumber, String orderId, BigDecimal quantity, LocalDate exportDate) {
        draws.computeIfAbsent(licenseNumber, k -> new Drawn()).put(orderId, quantity);
        licencesByOrder.computeIfAbsent(orderId, k -> ConcurrentHashMap.newKeySet()).add(licenseNumber);
        if (exportDate != null && !SETTLED.equals(orderId)) {
            exportDates.put(orderId, exportDate);
        }
    }

    /** Puts a licence's settled draws as they were published: their sum, and how many orders they fold. */
    public synchronized void settled(String licenseNumber, BigDecimal quantity, long orders) {
        draw(licenseNumber, SETTLED, quantity, null);
        draws.get(licenseNumber).settledOrders = orders;
    }

    /**
     * Folds the draws of the orders exported before {@code exportedBefore}, of the licences
     * {@code settles} accepts, into those licences' settled draws: what each licence has drawn does
     * not change, but the registry no longer holds them order by order. An order version arriving
     * after its draw was settled draws anew: counted twice, never less.
     */
    public synchronized Settlement settle(LocalDate exportedBefore, java.util.function.Predicate<License> settles) {
        List<OrderDraw> folded = new java.util.ArrayList<>();
        for (Map.Entry<String, LocalDate> e : exportDates.entrySet()) {
            if (!e.getValue().isBefore(exportedBefore)) {
                continue;
            }
            for (String number : licencesByOrder.getOrDefault(e.getKey(), java.util.Set.of())) {
                License licence = licenses.get(number);
                Drawn drawn = draws.get(number);
                BigDecimal q = drawn == null ? null : drawn.byOrder.get(e.getKey());
                if (licence != null && q != null && settles.test(licence)) {
                    folded.add(new OrderDraw(number, e.getKey(), q, e.getValue()));
                }
            }
        }
        java.util.Set<String> touched = new java.util.TreeSet<>();
        for (OrderDraw d : folded) {
            Drawn drawn = draws.get(d.licenseNumber());
            drawn.remove(d.orderId());
            drawn.put(SETTLED, drawn.byOrder.getOrDefault(SETTLED, BigDecimal.ZERO).add(d.quantity()));
            drawn.settledOrders++;
            licencesByOrder.computeIfAbsent(SETTLED, k -> ConcurrentHashMap.newKeySet()).add(d.licenseNumber());
            forget(d.orderId(), d.licenseNumber());
            touched.add(d.licenseNumber());
        }
        return new Settlement(List.copyOf(folded), touched.stream().map(this::settledTotal).toList());
    }

    /** Puts back what a settlement folded, when it could not be published. */
    public synchronized void undo(Settlement settlement) {
        for (OrderDraw d : settlement.folded()) {
            Drawn drawn = draws.computeIfAbsent(d.licenseNumber(), k -> new Drawn());
            drawn.put(SETTLED, drawn.byOrder.getOrDefault(SETTLED, BigDecimal.ZERO).subtract(d.quantity()));
            drawn.settledOrders--;
            draw(d.licenseNumber(), d.orderId(), d.quantity(), d.exportDate());
        }
    }

    /** The export date of the version of an order that drew, if it draws and one was recorded. */
    public LocalDate exportDateOf(String orderId) {
        return exportDates.get(orderId);
    }

    /** A licence's settled draws now. */
    public synchronized SettledTotal settledTotal(String licenseNumber) {
        Drawn drawn = draws.get(licenseNumber);
        return drawn == null ? new SettledTotal(licenseNumber, BigDecimal.ZERO, 0)
                : new SettledTotal(licenseNumber, drawn.byOrder.getOrDefault(SETTLED, BigDecimal.ZERO), drawn.settledOrders);
    }

    /** Orders whose draws are held one by one (settled draws not counted): what the registry's memory grows with. */
    public int drawingOrders() {
        return licencesByOrder.size() - (licencesByOrder.containsKey(SETTLED) ? 1 : 0);
    }

    /**
     * Forgets every draw, settled or not, on the licences {@code drop} selects: the draws of
     * exporters another instance now keeps. The licences themselves stay.
     */
    public synchronized void forgetDraws(java.util.function.Predicate<License> drop) {
        for (License l : licenses.values()) {
            if (drop.test(l)) {
                Drawn drawn = draws.remove(l.licenseNumber());
                if (drawn != null) {
                    drawn.byOrder.keySet().forEach(orderId -> forget(orderId, l.licenseNumber()));
                }
            }
        }
    }

    /** Forgets every draw of an order, e.g. when its amended version no longer uses the licence. */
    public synchronized void release(String orderId) {
        exportDates.remove(orderId);
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
                exportDates.remove(orderId);
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
    public synchronized BigDecimal drawn(String licenseNumber) {
        Drawn drawn = draws.get(licenseNumber);
        return drawn == null ? BigDecimal.ZERO : drawn.total;
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
        // the settled draws are no order's own
        BigDecimal own = SETTLED.equals(orderId) ? null : drawn.byOrder.get(orderId);
        return own == null ? drawn.total : drawn.total.subtract(own);
    }

    /** One licence's draws by order, and their sum. Changed only under the registry's lock. */
    private static final class Drawn {
        final Map<String, BigDecimal> byOrder = new java.util.HashMap<>();
        BigDecimal total = BigDecimal.ZERO;
        /** How many orders the draw under {@link #SETTLED} folds. */
        long settledOrders;

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

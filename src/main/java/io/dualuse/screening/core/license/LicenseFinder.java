package io.dualuse.screening.core.license;

import io.dualuse.screening.core.order.Order;
import io.dualuse.screening.core.order.OrderLine;
import io.dualuse.screening.core.order.QuantityUnit;
import io.dualuse.screening.core.rules.ControlNumber;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the licence that covers an order line: the licences the order names first, then every
 * other licence of the exporter, in licence-number order. A licence covers a line only if it was
 * granted for the line's item, the exporter, destination and end user match, the export date is
 * inside its validity, it is ACTIVE and enough quantity remains.
 *
 * <p>Granted for the item: a licence that names control numbers covers a line classified as one of
 * them (or as an item under a heading it names); its customs codes add nothing, because one code
 * can cover several controlled items. A licence that names only customs codes covers a line with
 * that code only when the code points at no more than one catalog entry and the line is not
 * classified as another one: a licence for code 2805301910 (samarium, gadolinium and lutetium metal
 * share it) does not say which metal was granted, so it covers none of them.
 *
 * <p>One finder serves one order: it remembers what earlier lines of the same order already took
 * from each licence, so two lines cannot both spend the last kilogram.
 */
public final class LicenseFinder {

    /** A licence that covers the line, and the quantity the line takes from it (licence unit). */
    public record Cover(License license, BigDecimal quantity) {
    }

    /** Why a licence the order named does not cover a line. */
    public record Refusal(String licenseNumber, String why) {
    }

    public record Result(Optional<Cover> cover, List<Refusal> refusals) {
    }

    private final LicenseRegistry registry;
    private final Order order;
    private final Map<String, BigDecimal> takenInThisOrder = new LinkedHashMap<>();

    public LicenseFinder(LicenseRegistry registry, Order order) {
        this.registry = registry;
        this.order = order;
    }

    /**
     * Finds and reserves a covering licence for the line; reserving is what makes later lines see less.
     *
     * @param controlNumbers the entries the line is classified as
     * @param codeEntries    the entries the line's customs code points at
     * @param date           the day the licence must be valid on
     */
    public Result cover(OrderLine line, Set<String> controlNumbers, Set<String> codeEntries, LocalDate date) {
        List<Refusal> refusals = new ArrayList<>();
        List<License> candidates = new ArrayList<>();
        for (String named : order.licenseNumbers()) {
            Optional<License> l = registry.find(named);
            if (l.isEmpty()) {
                refusals.add(new Refusal(named, "no licence " + named + " is on file"));
            } else {
                candidates.add(l.get());
            }
        }
        if (order.exporter() != null && order.exporter().id() != null) {
            Collection<License> own = registry.forExporter(order.exporter().id());
            for (License l : own) {
                if (!candidates.contains(l)) {
                    candidates.add(l);
                }
            }
        }
        for (License l : candidates) {
            boolean named = order.licenseNumbers().contains(l.licenseNumber());
            String why = mismatch(l, line, controlNumbers, codeEntries, date, named);
            if (why == null) {
                QuantityUnit lineUnit = QuantityUnit.parse(line.unit());
                BigDecimal take = lineUnit.convert(line.quantity(), QuantityUnit.parse(l.unit()));
                takenInThisOrder.merge(l.licenseNumber(), take, BigDecimal::add);
                return new Result(Optional.of(new Cover(l, take)), refusals);
            }
            if (named) {
                refusals.add(new Refusal(l.licenseNumber(), why));
            }
        }
        return new Result(Optional.empty(), refusals);
    }

    /** Why a licence does not cover a line; the words are built only for licences the order named. */
    private enum Gap { ITEM, EXPORTER, DESTINATION, END_USER, VALIDITY, STATUS, UNIT, QUANTITY }

    private String mismatch(License l, OrderLine line, Set<String> controlNumbers, Set<String> codeEntries, LocalDate date,
                            boolean explain) {
        Gap gap = gap(l, line, controlNumbers, codeEntries, date);
        if (gap == null) {
            return null;
        }
        if (!explain) {
            return gap.name();
        }
        String endUser = order.endUser() == null ? null : order.endUser().name();
        String lic = "licence " + l.licenseNumber();
        return switch (gap) {
            case ITEM -> l.controlNumbers().isEmpty() && l.commodityCodes().contains(line.commodityCode())
                    ? lic + " names only customs code " + line.commodityCode() + ", which points at " + codeEntries
                    + ": it does not say which item was granted (the line is " + controlNumbers + ")"
                    : lic + " does not list control number " + controlNumbers + " or customs code " + line.commodityCode();
            case EXPORTER -> lic + " was issued to exporter " + l.exporterId();
            case DESTINATION -> lic + " is for destination " + l.destinationCountry()
                    + ", the order's final destination is " + order.finalDestination();
            case END_USER -> lic + " names end user '" + l.endUserName() + "', the order '" + endUser + "'";
            case VALIDITY -> lic + " is valid " + l.validFrom() + " to " + l.validTo() + ", the export date is " + date;
            case STATUS -> lic + " is " + l.status();
            case UNIT -> lic + " is in " + l.unit() + ", the line in " + line.unit();
            case QUANTITY -> lic + " has " + remaining(l).stripTrailingZeros().toPlainString() + " " + l.unit()
                    + " left, the line needs " + need(l, line).stripTrailingZeros().toPlainString();
        };
    }

    private Gap gap(License l, OrderLine line, Set<String> controlNumbers, Set<String> codeEntries, LocalDate date) {
        if (!grantedFor(l, line, controlNumbers, codeEntries)) {
            return Gap.ITEM;
        }
        if (order.exporter() == null || !l.exporterId().equals(order.exporter().id())) {
            return Gap.EXPORTER;
        }
        if (!l.destinationCountry().equals(order.finalDestination())) {
            return Gap.DESTINATION;
        }
        if (!CompanyName.same(l.endUserName(), order.endUser() == null ? null : order.endUser().name())) {
            return Gap.END_USER;
        }
        if (date.isBefore(l.validFrom()) || date.isAfter(l.validTo())) {
            return Gap.VALIDITY;
        }
        if (l.status() != LicenseStatus.ACTIVE) {
            return Gap.STATUS;
        }
        QuantityUnit lineUnit = QuantityUnit.parse(line.unit());
        QuantityUnit licenseUnit = QuantityUnit.parse(l.unit());
        if (lineUnit == null || licenseUnit == null || !lineUnit.convertibleTo(licenseUnit)) {
            return Gap.UNIT;
        }
        return need(l, line).compareTo(remaining(l)) > 0 ? Gap.QUANTITY : null;
    }

    private static boolean grantedFor(License l, OrderLine line, Set<String> controlNumbers, Set<String> codeEntries) {
        if (!l.controlNumbers().isEmpty()) {
            for (String granted : l.controlNumbers()) {
                for (String cn : controlNumbers) {
                    if (granted.equals(cn) || ControlNumber.encloses(granted, cn)) {
                        return true;
                    }
                }
            }
            return false;
        }
        if (!l.commodityCodes().contains(line.commodityCode()) || codeEntries.size() > 1) {
            return false;
        }
        return codeEntries.isEmpty() || controlNumbers.isEmpty() || codeEntries.containsAll(controlNumbers);
    }

    private BigDecimal need(License l, OrderLine line) {
        return QuantityUnit.parse(line.unit()).convert(line.quantity(), QuantityUnit.parse(l.unit()));
    }

    private BigDecimal remaining(License l) {
        return l.quantity()
                .subtract(registry.drawnExcluding(l.licenseNumber(), order.orderId()))
                .subtract(takenInThisOrder.getOrDefault(l.licenseNumber(), BigDecimal.ZERO));
    }
}

package io.dualuse.screening.core.order;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The order contract, checked before screening. An order that breaks it is not screened at all:
 * it goes to the dead-letter topic (or gets HTTP 400) with every violation named, because a
 * decision on malformed data would be a decision on guesses.
 *
 * <p>Doubtful but well-formed facts (an unreadable percentage, an unknown unit) are not violations:
 * they are screened and HOLD, so that compliance sees them.
 */
public final class OrderValidator {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public List<Violation> validate(Order o) {
        List<Violation> v = new ArrayList<>();
        if (o.orderId() == null || o.orderId().isBlank()) {
            v.add(new Violation("orderId", "is required"));
        }
        if (o.orderVersion() < 1) {
            v.add(new Violation("orderVersion", "must be 1 or more, got " + o.orderVersion()));
        }
        if (o.exportDate() == null) {
            v.add(new Violation("exportDate", "is required (ISO date yyyy-mm-dd)"));
        }
        if (o.exporter() == null || o.exporter().id() == null || o.exporter().id().isBlank()) {
            v.add(new Violation("exporter.id", "is required"));
        } else {
            country(v, "exporter.country", o.exporter().country(), false);
        }
        country(v, "shipFrom", o.shipFrom(), true);
        country(v, "shipTo", o.shipTo(), true);
        country(v, "finalDestination", o.finalDestination(), true);
        if (o.consignee() != null) {
            country(v, "consignee.country", o.consignee().country(), false);
        }
        if (o.endUser() != null) {
            country(v, "endUser.country", o.endUser().country(), false);
        }
        for (int i = 0; i < o.intermediaries().size(); i++) {
            country(v, "intermediaries[" + i + "].country", o.intermediaries().get(i).country(), false);
        }
        if (o.lines().isEmpty()) {
            v.add(new Violation("lines", "an order needs at least one line"));
        }
        Set<Integer> lineNos = new HashSet<>();
        for (int i = 0; i < o.lines().size(); i++) {
            OrderLine l = o.lines().get(i);
            // field paths are put together only for a violation: this runs for every line of every order
            if (l.lineNo() < 1) {
                v.add(new Violation(at(i, "lineNo"), "must be 1 or more, got " + l.lineNo()));
            } else if (!lineNos.add(l.lineNo())) {
                v.add(new Violation(at(i, "lineNo"), "duplicate line number " + l.lineNo()));
            }
            if (!isCommodityCode(l.commodityCode())) {
                v.add(new Violation(at(i, "commodityCode"), "must be 6 to 10 digits, got '" + l.commodityCode() + "'"));
            }
            if (l.quantity() == null) {
                v.add(new Violation(at(i, "quantity"), "is required"));
            } else if (l.quantity().signum() < 0) {
                v.add(new Violation(at(i, "quantity"), "must not be negative, got " + l.quantity().toPlainString()));
            }
            if (l.originCountry() != null && !l.originCountry().isBlank() && !COUNTRIES.contains(l.originCountry())) {
                country(v, at(i, "originCountry"), l.originCountry(), false);
            }
            if (l.prcContentPercent() != null && (l.prcContentPercent().signum() < 0 || l.prcContentPercent().compareTo(HUNDRED) > 0)) {
                v.add(new Violation(at(i, "prcContentPercent"), "must be within 0..100, got " + l.prcContentPercent().toPlainString()));
            }
            for (int j = 0; j < l.composition().size(); j++) {
                BigDecimal p = l.composition().get(j).percent();
                if (p != null && (p.signum() < 0 || p.compareTo(HUNDRED) > 0)) {
                    v.add(new Violation(at(i, "composition[" + j + "].weightPercent"),
                            "must be within 0..100, got " + p.toPlainString()));
                }
            }
        }
        return v;
    }

    /** The field path of a line's field in a violation, e.g. {@code lines[2].quantity}. */
    public static String at(int line, String field) {
        return "lines[" + line + "]." + field;
    }

    /** 6 to 10 ASCII digits: an HS-based customs code (a loop, not a regex: every line of every order). */
    private static boolean isCommodityCode(String code) {
        if (code == null || code.length() < 6 || code.length() > 10) {
            return false;
        }
        for (int k = 0; k < code.length(); k++) {
            char c = code.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static void country(List<Violation> v, String field, String code, boolean required) {
        if (code == null || code.isBlank()) {
            if (required) {
                v.add(new Violation(field, "is required (ISO 3166-1 alpha-2)"));
            }
            return;
        }
        if (!COUNTRIES.contains(code)) {
            v.add(new Violation(field, "'" + code + "' is not an ISO 3166-1 alpha-2 country code"));
        }
    }
}

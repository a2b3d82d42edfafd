package io.dualuse.screening.wire;

import io.dualuse.screening.core.order.ContractLimits;
import io.dualuse.screening.core.order.ElementContent;
import io.dualuse.screening.core.order.EndUse;
import io.dualuse.screening.core.order.EndUseCategory;
import io.dualuse.screening.core.order.EndUserType;
import io.dualuse.screening.core.order.InvalidOrderException;
import io.dualuse.screening.core.order.Order;
import io.dualuse.screening.core.order.OrderLine;
import io.dualuse.screening.core.order.OrderValidator;
import io.dualuse.screening.core.order.Party;
import io.dualuse.screening.core.order.QuantityUnit;
import io.dualuse.screening.core.order.Violation;
import io.dualuse.screening.order.event.OrderEvent;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns an order as it travels (Avro {@link OrderEvent}, also what the REST body is read into) into
 * the core {@link Order}, checking the contract on the way. Values that cannot be parsed at all
 * (dates, quantities, enum names) are violations; the rest is checked by {@link OrderValidator}.
 */
public final class OrderEvents {

    private static final OrderValidator VALIDATOR = new OrderValidator();

    private OrderEvents() {
    }

    /** The order, or an {@link InvalidOrderException} naming every bad field. */
    public static Order toOrder(OrderEvent e) {
        List<Violation> v = new ArrayList<>();
        ContractLimits.identifier(e.getOrderId(), "orderId", v);
        LocalDate exportDate = date(v, "exportDate", e.getExportDate());
        Party exporter = party(v, "exporter", e.getExporter());
        if (exporter != null) {
            ContractLimits.identifier(exporter.id(), "exporter.id", v);
        }
        Party endUser = party(v, "endUser", e.getEndUser());
        EndUse endUse = null;
        if (e.getEndUse() != null) {
            ContractLimits.length(e.getEndUse().getDescription(), ContractLimits.MAX_TEXT, "endUse.description", v);
            endUse = new EndUse(enumValue(v, "endUse.category", synonym(e.getEndUse().getCategory()), EndUseCategory.class),
                    e.getEndUse().getDescription());
        }
        List<Party> intermediaries = new ArrayList<>();
        if (e.getIntermediaries() != null) {
            ContractLimits.size(e.getIntermediaries(), ContractLimits.MAX_LIST, "intermediaries", v);
            for (int i = 0; i < Math.min(e.getIntermediaries().size(), ContractLimits.MAX_LIST); i++) {
                if (e.getIntermediaries().get(i) == null) {
                    v.add(new Violation("intermediaries[" + i + "]", "is empty"));
                } else {
                    intermediaries.add(party(v, "intermediaries[" + i + "]", e.getIntermediaries().get(i)));
                }
            }
        }
        List<OrderLine> lines = new ArrayList<>();
        if (e.getLines() != null) {
            // a line count past the limit is refused before any line is read
            ContractLimits.size(e.getLines(), ContractLimits.MAX_LINES, "lines", v);
            for (int i = 0; i < Math.min(e.getLines().size(), ContractLimits.MAX_LINES); i++) {
                lines.add(line(v, i, e.getLines().get(i)));
            }
        }
        List<String> licenseNumbers = new ArrayList<>();
        if (e.getLicenseNumbers() != null) {
            ContractLimits.size(e.getLicenseNumbers(), ContractLimits.MAX_LIST, "licenseNumbers", v);
            for (int i = 0; i < Math.min(e.getLicenseNumbers().size(), ContractLimits.MAX_LIST); i++) {
                String n = e.getLicenseNumbers().get(i);
                if (n == null) {
                    v.add(new Violation("licenseNumbers[" + i + "]", "is empty"));
                } else {
                    ContractLimits.identifier(n, "licenseNumbers[" + i + "]", v);
                    licenseNumbers.add(n);
                }
            }
        }
        Order order = new Order(e.getOrderId(), e.getOrderVersion(), exportDate,
                exporter, party(v, "consignee", e.getConsignee()), endUser, endUse, intermediaries,
                upper(e.getShipFrom()), upper(e.getShipTo()), upper(e.getFinalDestination()), lines,
                licenseNumbers);
        v.addAll(VALIDATOR.validate(order));
        if (v.isEmpty()) {
            return order;
        }
        // a date that did not parse was reported once already; the validator's "required" would repeat it
        List<Violation> unique = v.stream().distinct()
                .filter(x -> !(x.field().equals("exportDate") && x.message().startsWith("is required")
                        && e.getExportDate() != null && !e.getExportDate().isBlank()))
                .toList();
        if (!unique.isEmpty()) {
            throw InvalidOrderException.contract(unique);
        }
        return order;
    }

    private static OrderLine line(List<Violation> v, int index, io.dualuse.screening.order.event.OrderLine l) {
        // the field path is only put together for a violation: this runs for every line of every order
        if (l == null) {
            v.add(new Violation("lines[" + index + "]", "is empty"));
            return new OrderLine(0, null, null, null, null, null, null, null, List.of());
        }
        BigDecimal quantity = null;
        if (l.getQuantity() == null || l.getQuantity().isBlank()) {
            v.add(new Violation(OrderValidator.at(index, "quantity"), "is required"));
        } else {
            quantity = ContractLimits.decimal(l.getQuantity(), OrderValidator.at(index, "quantity"), v);
        }
        if (l.getUnit() != null && QuantityUnit.parse(l.getUnit()) == null) {
            v.add(new Violation(OrderValidator.at(index, "unit"), "unknown unit '" + ContractLimits.shorten(l.getUnit())
                    + "': KG, G, T, PCS, SET, L, M or their UN/ECE codes"));
        }
        ContractLimits.length(l.getDescription(), ContractLimits.MAX_TEXT, OrderValidator.at(index, "description"), v);
        ContractLimits.length(l.getSku(), ContractLimits.MAX_NAME, OrderValidator.at(index, "sku"), v);
        ContractLimits.length(l.getControlNumber(), ContractLimits.MAX_NAME, OrderValidator.at(index, "controlNumber"), v);
        List<ElementContent> composition = new ArrayList<>();
        if (l.getComposition() != null) {
            ContractLimits.size(l.getComposition(), ContractLimits.MAX_COMPOSITION, OrderValidator.at(index, "composition"), v);
            for (int j = 0; j < Math.min(l.getComposition().size(), ContractLimits.MAX_COMPOSITION); j++) {
                var c = l.getComposition().get(j);
                String at = OrderValidator.at(index, "composition[" + j + "]");
                if (c == null) {
                    v.add(new Violation(at, "is empty"));
                    continue;
                }
                ContractLimits.length(c.getElement(), ContractLimits.MAX_NAME, at + ".element", v);
                // words are screened and HOLD as unreadable; a number past the bounds is refused here
                if (ContractLimits.isNumber(c.getWeightPercent()) && ContractLimits.boundedOrNull(c.getWeightPercent()) == null) {
                    ContractLimits.decimal(c.getWeightPercent(), at + ".weightPercent", v);
                }
                composition.add(ElementContent.of(c.getElement(), c.getWeightPercent()));
            }
        }
        BigDecimal prcContent = null;
        if (l.getPrcContentPercent() != null && !l.getPrcContentPercent().isBlank()) {
            prcContent = ContractLimits.decimal(l.getPrcContentPercent(), OrderValidator.at(index, "prcContentPercent"), v);
        }
        return new OrderLine(l.getLineNo(), l.getSku(), l.getDescription(),
                l.getCommodityCode() == null ? null : l.getCommodityCode().trim(), blankToNull(l.getControlNumber()),
                upper(l.getOriginCountry()), quantity, l.getUnit(), composition, prcContent);
    }

    private static Party party(List<Violation> v, String at, io.dualuse.screening.order.event.Party p) {
        if (p == null) {
            return null;
        }
        ContractLimits.length(p.getName(), ContractLimits.MAX_NAME, at + ".name", v);
        ContractLimits.length(p.getRole(), ContractLimits.MAX_NAME, at + ".role", v);
        ContractLimits.length(p.getId(), ContractLimits.MAX_NAME, at + ".id", v);
        return new Party(p.getId(), p.getName(), upper(p.getCountry()),
                enumValue(v, at + ".type", synonym(p.getType()), EndUserType.class), p.getRole());
    }

    private static LocalDate date(List<Violation> v, String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException ex) {
            v.add(new Violation(field, "is not an ISO date (yyyy-mm-dd): '" + text + "'"));
            return null;
        }
    }

    private static <E extends Enum<E>> E enumValue(List<Violation> v, String field, String text, Class<E> type) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            v.add(new Violation(field, "must be one of " + List.of(type.getEnumConstants()) + ", got '" + text + "'"));
            return null;
        }
    }

    /** Names platforms use for the same type or category, read as the contract's own. */
    private static final java.util.Map<String, String> SYNONYMS = java.util.Map.ofEntries(
            java.util.Map.entry("DEFENSE", "MILITARY"), java.util.Map.entry("DEFENCE", "MILITARY"),
            java.util.Map.entry("ARMED_FORCES", "MILITARY"), java.util.Map.entry("ARMED FORCES", "MILITARY"),
            java.util.Map.entry("DISTRIBUTOR", "TRADER"), java.util.Map.entry("RESELLER", "TRADER"),
            java.util.Map.entry("WHOLESALER", "TRADER"), java.util.Map.entry("BROKER", "TRADER"),
            java.util.Map.entry("CIVILIAN", "CIVIL"));

    private static String synonym(String text) {
        if (text == null) {
            return null;
        }
        String s = SYNONYMS.get(text.trim().toUpperCase(Locale.ROOT));
        return s != null ? s : text;
    }

    private static String upper(String s) {
        return s == null ? null : s.trim().toUpperCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

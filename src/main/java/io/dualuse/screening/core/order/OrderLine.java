package io.dualuse.screening.core.order;

import java.math.BigDecimal;
import java.util.List;

/**
 * One line of an order. {@code controlNumber} is the exporter's own classification, optional;
 * {@code commodityCode} is the customs code (6 to 10 digits, 10 expected).
 *
 * @param prcContentPercent for a foreign-made item: the share of its value (percent) that is
 *                          PRC-origin controlled content (No. 61 of 2025 counts rare earths from 0.1 %);
 *                          null when not declared
 */
public record OrderLine(int lineNo, String sku, String description, String commodityCode,
                        String controlNumber, String originCountry, BigDecimal quantity, String unit,
                        List<ElementContent> composition, BigDecimal prcContentPercent) {

    public OrderLine {
        composition = composition == null ? List.of() : List.copyOf(composition);
    }

    /** A line that declares no PRC-origin content share. */
    public OrderLine(int lineNo, String sku, String description, String commodityCode, String controlNumber,
                     String originCountry, BigDecimal quantity, String unit, List<ElementContent> composition) {
        this(lineNo, sku, description, commodityCode, controlNumber, originCountry, quantity, unit, composition, null);
    }
}

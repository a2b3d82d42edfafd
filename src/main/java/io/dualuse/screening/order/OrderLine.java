package io.dualuse.screening.order;

import java.math.BigDecimal;
import java.util.List;

/**
 * One line of an order. {@code controlNumber} is the exporter's own classification, optional;
 * {@code commodityCode} is the customs code (6 to 10 digits, 10 expected).
 */
public record OrderLine(int lineNo, String sku, String description, String commodityCode,
                        String controlNumber, String originCountry, BigDecimal quantity, String unit,
                        List<ElementContent> composition) {

    public OrderLine {
        composition = composition == null ? List.of() : List.copyOf(composition);
    }
}

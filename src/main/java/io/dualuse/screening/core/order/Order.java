package io.dualuse.screening.core.order;

import java.time.LocalDate;
import java.util.List;

/**
 * A customer order as the screening core sees it: plain values, independent of Avro or JSON.
 * {@code finalDestination} is the ultimate destination, which is what destination measures
 * look at first; {@code shipTo} may be only a transshipment point.
 */
public record Order(String orderId, long orderVersion, LocalDate exportDate, Party exporter,
                    Party consignee, Party endUser, EndUse endUse, List<Party> intermediaries,
                    String shipFrom, String shipTo, String finalDestination, List<OrderLine> lines,
                    List<String> licenseNumbers) {

    public Order {
        intermediaries = intermediaries == null ? List.of() : List.copyOf(intermediaries);
        lines = lines == null ? List.of() : List.copyOf(lines);
        licenseNumbers = licenseNumbers == null ? List.of() : List.copyOf(licenseNumbers);
    }
}

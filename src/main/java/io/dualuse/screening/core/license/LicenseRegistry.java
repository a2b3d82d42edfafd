package io.dualuse.screening.core.license;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Optional;

/**
 * The licences on file and how much of each has been drawn. Kept behind an interface because the
 * service first holds them in memory and later in a compacted Kafka topic.
 */
public interface LicenseRegistry {

    Optional<License> find(String licenseNumber);

    /** Every licence of an exporter, in licence-number order (the order decides which licence is drawn first). */
    Collection<License> forExporter(String exporterId);

    /**
     * Quantity already drawn from the licence by orders other than {@code orderId}, in the licence's
     * unit. Excluding the order itself makes a re-screen of the same or an amended order idempotent.
     */
    BigDecimal drawnExcluding(String licenseNumber, String orderId);
}

package io.dualuse.screening.bench;

import io.dualuse.screening.license.InMemoryLicenseRegistry;
import io.dualuse.screening.license.License;
import io.dualuse.screening.license.LicenseRegistry;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * BENCHMARK EXPERIMENT ONLY, not used by the service: a read-only view of an
 * {@link InMemoryLicenseRegistry} that answers {@link #forExporter} from a per-exporter list sorted once,
 * instead of filtering and sorting every licence on every call. It exists to measure how much of the
 * screening time the registry's full scan costs ({@code ScreeningBenchmark -p registry=indexed}).
 */
final class IndexedLicenseRegistry implements LicenseRegistry {

    private final InMemoryLicenseRegistry delegate;
    private final Map<String, License> byNumber = new HashMap<>();
    private final Map<String, List<License>> byExporter = new HashMap<>();

    IndexedLicenseRegistry(InMemoryLicenseRegistry delegate) {
        this.delegate = delegate;
        for (License l : delegate.all()) {
            byNumber.put(l.licenseNumber(), l);
            byExporter.computeIfAbsent(l.exporterId(), k -> new ArrayList<>()).add(l);
        }
        byExporter.replaceAll((k, v) -> {
            v.sort(Comparator.comparing(License::licenseNumber));
            return List.copyOf(v);
        });
    }

    @Override
    public Optional<License> find(String licenseNumber) {
        return Optional.ofNullable(byNumber.get(licenseNumber));
    }

    @Override
    public Collection<License> forExporter(String exporterId) {
        return byExporter.getOrDefault(exporterId, List.of());
    }

    @Override
    public BigDecimal drawnExcluding(String licenseNumber, String orderId) {
        return delegate.drawnExcluding(licenseNumber, orderId);
    }
}

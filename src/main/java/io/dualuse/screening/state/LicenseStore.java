package io.dualuse.screening.state;

import io.dualuse.screening.core.license.InMemoryLicenseRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The in-memory licence view as a single CDI bean; {@link LicenseBook} keeps it in step with Kafka. */
public class LicenseStore {

    @Produces
    @ApplicationScoped
    InMemoryLicenseRegistry registry() {
        return new InMemoryLicenseRegistry();
    }
}

package io.dualuse.screening.license;

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

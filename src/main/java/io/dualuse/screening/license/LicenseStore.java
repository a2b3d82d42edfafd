package io.dualuse.screening.license;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * Makes the licence registry a single CDI bean shared by the pipeline and the REST edge. In memory
 * for now; the holds-lifecycle issue moves it onto a compacted Kafka topic behind the same interface.
 */
public class LicenseStore {

    @Produces
    @ApplicationScoped
    InMemoryLicenseRegistry registry() {
        return new InMemoryLicenseRegistry();
    }
}

package io.dualuse.screening.rescreen;

import io.dualuse.screening.core.license.LicenseChanged;
import io.dualuse.screening.state.HeldOrder;
import io.dualuse.screening.state.OpenHolds;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import java.util.List;

/** A licence was registered, changed or deleted: the open holds it may clear or reopen are screened again. */
@ApplicationScoped
public class LicenseRescreen {

    private final OpenHolds holds;
    private final Rescreener rescreener;

    public LicenseRescreen(OpenHolds holds, Rescreener rescreener) {
        this.holds = holds;
        this.rescreener = rescreener;
    }

    void onLicenseChanged(@ObservesAsync LicenseChanged change) {
        // with several instances, the one that owns the exporter's partition re-screens its holds
        List<HeldOrder> affected = holds.ownedHoldsAffectedBy(change.license(), change.previous());
        if (!affected.isEmpty()) {
            rescreener.rescreen(affected, "licence " + change.licenseNumber() + (change.license() == null ? " deleted" : " registered"),
                    change.actor()).toCompletableFuture().join();
        }
    }
}

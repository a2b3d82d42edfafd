package io.dualuse.screening.rescreen;

import io.dualuse.screening.state.HeldOrder;
import io.dualuse.screening.state.OpenHolds;
import io.dualuse.screening.state.PartyFindingBook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;

import java.util.List;

/**
 * An officer found that a party is not a listed entity (or withdrew that finding): the open holds
 * this instance owns that cite the entry are screened again, and those the finding clears are released.
 */
@ApplicationScoped
public class PartyFindingRescreen {

    private final OpenHolds holds;
    private final Rescreener rescreener;

    public PartyFindingRescreen(OpenHolds holds, Rescreener rescreener) {
        this.holds = holds;
        this.rescreener = rescreener;
    }

    void onFinding(@ObservesAsync PartyFindingBook.Changed changed) {
        // holds that cite the entry, and released orders cleared by a finding on it (which a withdrawal reopens)
        List<HeldOrder> affected = holds.ownedHoldsAndReleases().stream()
                .filter(h -> h.decision().reasons().stream().anyMatch(r -> changed.entryId().equals(r.measureId()))).toList();
        if (!affected.isEmpty()) {
            rescreener.rescreen(affected, "party finding on " + changed.entryId() + " for '" + changed.partyName() + "'",
                    changed.actor()).toCompletableFuture().join();
        }
    }
}

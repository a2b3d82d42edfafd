package io.dualuse.screening.rescreen;

import io.dualuse.screening.state.OpenHolds;
import io.dualuse.screening.state.PartyListVersions;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CompletionStage;

/**
 * New party lists are in force: every open hold this instance owns and every released order not yet
 * shipped is screened again (a listed party can be added or removed anywhere), and the decisions
 * that change are published.
 */
@ApplicationScoped
public class PartyListRescreen implements PartyListVersions.Rescreening {

    private final OpenHolds holds;
    private final Rescreener rescreener;

    public PartyListRescreen(OpenHolds holds, Rescreener rescreener) {
        this.holds = holds;
        this.rescreener = rescreener;
    }

    @Override
    public CompletionStage<Integer> partyListsChanged(String version, String actor) {
        return rescreener.rescreen(holds.ownedHoldsAndReleases(), "party lists " + version + " in force", actor);
    }
}

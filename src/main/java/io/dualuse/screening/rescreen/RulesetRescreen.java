package io.dualuse.screening.rescreen;

import io.dualuse.screening.state.OpenHolds;
import io.dualuse.screening.state.RulesetActivations;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.CompletionStage;

/**
 * A new ruleset is in force: every open hold this instance owns and every released order not yet
 * shipped is screened again, and the decisions that change are published (a release may become a hold).
 */
@ApplicationScoped
public class RulesetRescreen implements RulesetActivations.Rescreening {

    private final OpenHolds holds;
    private final Rescreener rescreener;

    public RulesetRescreen(OpenHolds holds, Rescreener rescreener) {
        this.holds = holds;
        this.rescreener = rescreener;
    }

    @Override
    public CompletionStage<Integer> rulesetActivated(String version, String actor) {
        return rescreener.rescreen(holds.ownedHoldsAndReleases(), "ruleset " + version + " activated", actor);
    }
}

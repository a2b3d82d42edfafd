package io.dualuse.screening.rescreen;

import io.dualuse.screening.core.rules.Ruleset;
import io.dualuse.screening.state.ActiveRuleset;
import io.dualuse.screening.state.HeldOrder;
import io.dualuse.screening.state.OpenHolds;
import io.dualuse.screening.state.PartitionOwnership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Partitions moved here: their open holds decided with another ruleset than the one in force are
 * screened again. Their previous owner may have stopped before it re-screened them after an
 * activation, or every instance restarted with a configured ruleset published later.
 */
@ApplicationScoped
public class RebalanceRescreen {

    private static final Logger LOG = Logger.getLogger(RebalanceRescreen.class);

    private final OpenHolds holds;
    private final ActiveRuleset rules;
    private final Rescreener rescreener;

    public RebalanceRescreen(OpenHolds holds, ActiveRuleset rules, Rescreener rescreener) {
        this.holds = holds;
        this.rules = rules;
        this.rescreener = rescreener;
    }

    void onExportersAssigned(@ObservesAsync PartitionOwnership.ExportersAssigned assigned) {
        Ruleset inForce = rules.screener().ruleset();
        List<HeldOrder> stale = holds.ownedHolds(h -> !inForce.contentHash().equals(h.decision().rulesetHash()));
        if (!stale.isEmpty()) {
            LOG.infof("%d open hold(s) of partitions %s were decided with another ruleset than %s: screening them again",
                    stale.size(), assigned.partitions(), inForce.version());
            rescreener.rescreen(stale, "ruleset " + inForce.version() + " in force when partitions " + assigned.partitions()
                    + " moved here", null).toCompletableFuture().join();
        }
    }
}

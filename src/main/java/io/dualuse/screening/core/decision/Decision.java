package io.dualuse.screening.core.decision;

import java.time.Instant;
import java.util.List;

/**
 * The screening outcome of one order version. With the order, the ruleset (version and content
 * hash) and the licences it names, it can be reproduced exactly; only {@code decidedAt} differs.
 */
public record Decision(String orderId, long orderVersion, DecisionStatus status, List<Reason> reasons,
                       List<LicenseAllocation> licenseAllocations, String rulesetVersion, String rulesetHash,
                       Instant decidedAt) {

    public Decision {
        reasons = List.copyOf(reasons);
        licenseAllocations = List.copyOf(licenseAllocations);
    }
}

package io.dualuse.screening.core.review;

import io.dualuse.screening.core.decision.DecisionStatus;

import java.time.Instant;

/** One step in a hold's life: screened, re-screened after a licence or ruleset change, reviewed. */
public record HoldStep(Instant at, String kind, DecisionStatus status, String actor, String note) {
}

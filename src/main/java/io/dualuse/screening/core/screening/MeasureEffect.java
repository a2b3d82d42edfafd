package io.dualuse.screening.core.screening;

import io.dualuse.screening.core.decision.Reason;
import io.dualuse.screening.core.rules.Measure;
import io.dualuse.screening.core.rules.MeasureAction;

/**
 * What a measure in force does to a line in its scope: one class per {@link MeasureAction}. The
 * switch in {@link #of} is exhaustive, so a new action does not compile until it has its effect:
 * it cannot silently add no reason and let a controlled line through.
 */
sealed interface MeasureEffect permits Prohibition, DenialPresumption, EnhancedReview, LicenceRequirement {

    Reason on(Measure measure, LineInScope line);

    static MeasureEffect of(MeasureAction action) {
        return switch (action) {
            case PROHIBIT -> Prohibition.INSTANCE;
            case DENY_PRESUMPTION -> DenialPresumption.INSTANCE;
            case ENHANCED_REVIEW -> EnhancedReview.INSTANCE;
            case LICENSE_REQUIRED -> LicenceRequirement.INSTANCE;
        };
    }
}

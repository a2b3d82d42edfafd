package io.dualuse.screening.core.screening;

import io.dualuse.screening.core.decision.Evidence;
import io.dualuse.screening.core.decision.Reason;
import io.dualuse.screening.core.decision.ReasonCode;
import io.dualuse.screening.core.license.LicenseFinder;
import io.dualuse.screening.core.rules.CatalogEntry;
import io.dualuse.screening.core.rules.Measure;
import io.dualuse.screening.core.rules.MeasureAction;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a measure in force does to a line in its scope: one class per {@link MeasureAction}, below. The
 * switch in {@link #of} is exhaustive, so a new action does not compile until it has its effect:
 * it cannot silently add no reason and let a controlled line through.
 */
sealed interface MeasureEffect {

    Reason on(Measure measure, LineInScope line);

    static MeasureEffect of(MeasureAction action) {
        return switch (action) {
            case PROHIBIT -> Prohibition.INSTANCE;
            case DENY_PRESUMPTION -> DenialPresumption.INSTANCE;
            case ENHANCED_REVIEW -> EnhancedReview.INSTANCE;
            case LICENSE_REQUIRED -> LicenceRequirement.INSTANCE;
        };
    }

    /**
     * An order line in a measure's scope, as a {@link MeasureEffect} sees it: the listed item it is (or
     * may be), whether that is concluded, the licence that covers it if any, and the evidence so far.
     */
    record LineInScope(int lineNo, CatalogEntry entry, boolean controlled, Optional<LicenseFinder.Cover> cover,
                       List<Evidence> evidence) {

        /** The line is covered by a licence: drawn under {@code m} (null: the licence requirement the ruleset left out). */
        Reason licensed(Measure m) {
            return licensed(lineNo, entry, m, cover.orElseThrow(), evidence);
        }

        static Reason licensed(int no, CatalogEntry entry, Measure m, LicenseFinder.Cover cover, List<Evidence> scopeEvidence) {
            List<Evidence> evidence = new ArrayList<>(scopeEvidence);
            evidence.add(Evidence.of("licenseNumber", cover.license().licenseNumber()));
            evidence.add(Evidence.of("drawn", cover.quantity().stripTrailingZeros().toPlainString() + " " + cover.license().unit()));
            return new Reason(ReasonCode.LICENSED, no, entry.controlNumber(), m == null ? null : m.id(),
                    m == null ? entry.legalBasis() : m.legalBasis(),
                    "covered by licence " + cover.license().licenseNumber(), evidence);
        }
    }

    /** Export prohibited (No. 1 of 2026, No. 46 of 2024 clause 1): REJECT when the line is the item, HOLD when it may be. No licence helps. */
    final class Prohibition implements MeasureEffect {

        static final Prohibition INSTANCE = new Prohibition();

        private Prohibition() {
        }

        @Override
        public Reason on(Measure m, LineInScope line) {
            String no = line.entry().controlNumber();
            return new Reason(line.controlled() ? ReasonCode.PROHIBITED : ReasonCode.PROHIBITED_IF_CONTROLLED, line.lineNo(), no,
                    m.id(), m.legalBasis(),
                    (line.controlled() ? "prohibited: " : "would be prohibited if classified as " + no + ": ") + m.title(),
                    line.evidence());
        }
    }

    /** Licences are in principle not granted: REJECT unless a licence explicitly covers the line. */
    final class DenialPresumption implements MeasureEffect {

        static final DenialPresumption INSTANCE = new DenialPresumption();

        private DenialPresumption() {
        }

        @Override
        public Reason on(Measure m, LineInScope line) {
            if (line.cover().isPresent()) {
                return line.licensed(m);
            }
            return new Reason(line.controlled() ? ReasonCode.DENIAL_PRESUMPTION : ReasonCode.PROHIBITED_IF_CONTROLLED,
                    line.lineNo(), line.entry().controlNumber(), m.id(), m.legalBasis(),
                    m.title() + ": licences are in principle not granted and none covers this line", line.evidence());
        }
    }

    /** Stricter end-user and end-use review: HOLD for a compliance officer, licence or not. */
    final class EnhancedReview implements MeasureEffect {

        static final EnhancedReview INSTANCE = new EnhancedReview();

        private EnhancedReview() {
        }

        @Override
        public Reason on(Measure m, LineInScope line) {
            return new Reason(ReasonCode.ENHANCED_REVIEW, line.lineNo(), line.entry().controlNumber(), m.id(), m.legalBasis(),
                    m.title() + ": end-user and end-use review required", line.evidence());
        }
    }

    /** The ordinary licence requirement: RELEASE when a licence covers the line, HOLD otherwise. */
    final class LicenceRequirement implements MeasureEffect {

        static final LicenceRequirement INSTANCE = new LicenceRequirement();

        private LicenceRequirement() {
        }

        @Override
        public Reason on(Measure m, LineInScope line) {
            if (line.cover().isPresent()) {
                return line.licensed(m);
            }
            String no = line.entry().controlNumber();
            return new Reason(line.controlled() ? ReasonCode.LICENSE_REQUIRED : ReasonCode.CLASSIFICATION_REVIEW, line.lineNo(), no,
                    m.id(), m.legalBasis(), no + " (" + line.entry().description() + ") needs an export licence"
                    + (line.controlled() ? "" : " if it is the listed item") + " and no licence on file covers this line",
                    line.evidence());
        }
    }
}

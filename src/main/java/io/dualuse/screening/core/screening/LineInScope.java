package io.dualuse.screening.core.screening;

import io.dualuse.screening.core.decision.Evidence;
import io.dualuse.screening.core.decision.Reason;
import io.dualuse.screening.core.decision.ReasonCode;
import io.dualuse.screening.core.license.LicenseFinder;
import io.dualuse.screening.core.rules.CatalogEntry;
import io.dualuse.screening.core.rules.Measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

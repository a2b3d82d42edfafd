package io.dualuse.screening.decision;

import io.dualuse.screening.classification.CatalogIndex;
import io.dualuse.screening.classification.Classification;
import io.dualuse.screening.classification.ClassificationStatus;
import io.dualuse.screening.classification.Classifier;
import io.dualuse.screening.classification.Match;
import io.dualuse.screening.classification.Words;
import io.dualuse.screening.license.LicenseFinder;
import io.dualuse.screening.license.LicenseRegistry;
import io.dualuse.screening.order.EndUseCategory;
import io.dualuse.screening.order.EndUserType;
import io.dualuse.screening.order.Order;
import io.dualuse.screening.order.OrderLine;
import io.dualuse.screening.order.Party;
import io.dualuse.screening.order.PartyRole;
import io.dualuse.screening.order.QuantityUnit;
import io.dualuse.screening.rules.CatalogEntry;
import io.dualuse.screening.rules.Measure;
import io.dualuse.screening.rules.MeasureAction;
import io.dualuse.screening.rules.Ruleset;
import io.dualuse.screening.rules.Scope;
import io.dualuse.screening.rules.Window;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides one order: RELEASE, HOLD or REJECT, with every reason. Plain Java and immutable once
 * built, so one instance serves all threads; swapping the ruleset means building a new Screener.
 *
 * <p>Per line: jurisdiction (exported from China, or a PRC-origin re-export), classification, then
 * every measure in force on the export date whose item, destination and end-use scope the order
 * falls in, then licences. The order takes the worst line. Doubt never releases: missing or
 * unreadable facts, a stale ruleset, or a suspension that ended after the ruleset was published
 * all HOLD.
 */
public final class Screener {

    private static final String CHINA = "CN";

    private final Ruleset ruleset;
    private final Classifier classifier;
    private final ScreeningPolicy policy;
    private final Clock clock;
    private final List<List<String>> redFlagPhrases;

    public Screener(Ruleset ruleset, ScreeningPolicy policy, Clock clock) {
        this.ruleset = ruleset;
        this.classifier = new Classifier(new CatalogIndex(ruleset));
        this.policy = policy;
        this.clock = clock;
        this.redFlagPhrases = ruleset.redFlags().terms().stream().map(Words::split).toList();
    }

    public Ruleset ruleset() {
        return ruleset;
    }

    public Decision screen(Order order, LicenseRegistry licenses) {
        List<Reason> reasons = new ArrayList<>();
        List<LicenseAllocation> allocations = new ArrayList<>();
        LocalDate today = LocalDate.now(clock);
        LocalDate staleAfter = ruleset.publishedAt().plus(policy.maxRulesetAge());
        if (today.isAfter(staleAfter)) {
            reasons.add(new Reason(ReasonCode.RULESET_STALE, null, null, null, null,
                    "ruleset " + ruleset.version() + " was published " + ruleset.publishedAt()
                            + " and is older than the allowed " + policy.maxRulesetAge()
                            + ": announcements since then may be missing",
                    List.of(Evidence.of("publishedAt", ruleset.publishedAt()), Evidence.of("today", today))));
        }
        LicenseFinder finder = new LicenseFinder(licenses, order);
        boolean dualUse = false;
        for (OrderLine line : order.lines()) {
            dualUse |= screenLine(order, line, finder, reasons, allocations);
        }
        if (dualUse) {
            redFlag(order, reasons);
        }
        DecisionStatus status = DecisionStatus.RELEASE;
        for (Reason r : reasons) {
            status = status.worst(r.outcome());
        }
        return new Decision(order.orderId(), order.orderVersion(), status, reasons, allocations,
                ruleset.version(), ruleset.contentHash(), clock.instant());
    }

    /** Screens one line into {@code reasons}; true when the line is, or may be, a dual-use item. */
    private boolean screenLine(Order order, OrderLine line, LicenseFinder finder, List<Reason> reasons,
                               List<LicenseAllocation> allocations) {
        int no = line.lineNo();
        boolean fromChina = CHINA.equals(order.shipFrom());
        String origin = line.originCountry();
        if (!fromChina && !CHINA.equals(origin)) {
            if (origin == null || origin.isBlank()) {
                reasons.add(new Reason(ReasonCode.MISSING_DATA, no, null, null, null,
                        "origin country missing on a shipment from " + order.shipFrom()
                                + ": cannot tell whether PRC re-export rules apply",
                        List.of(Evidence.of("shipFrom", order.shipFrom()))));
                return true;
            }
            reasons.add(new Reason(ReasonCode.OUTSIDE_JURISDICTION, no, null, null, null,
                    "shipped from " + order.shipFrom() + " and of " + origin
                            + " origin: not an export from China nor a PRC-origin item",
                    List.of(Evidence.of("shipFrom", order.shipFrom()), Evidence.of("originCountry", origin))));
            return false;
        }
        Scope.Transfer transfer = fromChina ? Scope.Transfer.EXPORT_FROM_CN : Scope.Transfer.REEXPORT_PRC_ORIGIN;
        LocalDate date = order.exportDate();
        Classification c = classifier.classify(line, date);

        for (Match s : c.suspended()) {
            Window w = s.entry().validity().suspensionOn(date);
            reasons.add(new Reason(ReasonCode.CONTROL_SUSPENDED, no, s.entry().controlNumber(), null, w.legalBasis(),
                    s.explanation() + "; the control is suspended " + w.from() + " to " + w.to(), s.evidence()));
        }
        if (c.status() == ClassificationStatus.NOT_CONTROLLED) {
            if (c.suspended().isEmpty()) {
                reasons.add(new Reason(ReasonCode.NOT_CONTROLLED, no, null, null, null, c.unmatched(),
                        List.of(Evidence.of("commodityCode", line.commodityCode()))));
            }
            return false;
        }
        boolean controlled = c.status() == ClassificationStatus.CONTROLLED;
        List<Match> relevant = c.matches().stream()
                .filter(m -> !controlled || m.status() == ClassificationStatus.CONTROLLED).toList();
        Set<String> controlNumbers = new LinkedHashSet<>();
        relevant.forEach(m -> controlNumbers.add(m.entry().controlNumber()));
        String firstCn = relevant.isEmpty() ? line.controlNumber() : relevant.get(0).entry().controlNumber();

        for (String problem : c.problems()) {
            reasons.add(new Reason(ReasonCode.CLASSIFICATION_REVIEW, no, firstCn, null, null, problem, List.of()));
        }

        boolean unitKnown = QuantityUnit.parse(line.unit()) != null && line.quantity() != null;
        Optional<LicenseFinder.Cover> cover = Optional.empty();
        if (!unitKnown) {
            reasons.add(new Reason(ReasonCode.UNKNOWN_UNIT, no, firstCn, null, null,
                    "unit '" + line.unit() + "' is not known: no licence balance can be checked",
                    List.of(Evidence.of("unit", line.unit()))));
        } else {
            LicenseFinder.Result found = finder.cover(line, controlNumbers);
            cover = found.cover();
            for (LicenseFinder.Refusal r : found.refusals()) {
                reasons.add(new Reason(ReasonCode.NAMED_LICENSE_NOT_APPLICABLE, no, firstCn, null, null, r.why(),
                        List.of(Evidence.of("licenseNumber", r.licenseNumber()))));
            }
        }

        if (!controlled && cover.isEmpty()) {
            for (Match m : relevant) {
                reasons.add(new Reason(ReasonCode.CLASSIFICATION_REVIEW, no, m.entry().controlNumber(), null,
                        m.entry().legalBasis(), m.explanation(), withVerification(m)));
            }
        }

        boolean measureApplied = false;
        for (Measure m : ruleset.measures()) {
            if (!m.validity().inTerm(date) || !m.scope().transfers().contains(transfer)) {
                continue;
            }
            Match match = covered(m.scope(), relevant);
            if (match == null) {
                continue;
            }
            CatalogEntry entry = match.entry();
            Evidence where = destinationHit(order, m.scope());
            if (where == null || !m.scope().coversEndUse(endUserType(order), endUseCategory(order))) {
                continue;
            }
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(where);
            evidence.add(Evidence.of("endUserType", endUserType(order)));
            evidence.add(Evidence.of("endUseCategory", endUseCategory(order)));
            evidence.addAll(withVerification(match));
            Window suspension = m.validity().suspensionOn(date);
            if (suspension != null) {
                reasons.add(new Reason(ReasonCode.MEASURE_SUSPENDED, no, entry.controlNumber(), m.id(),
                        suspension.legalBasis(), m.title() + ": suspended " + suspension.from() + " to " + suspension.to(),
                        evidence));
                continue;
            }
            measureApplied = true;
            Window ended = m.validity().suspensionEndedUnconfirmed(ruleset.publishedAt(), date);
            if (ended != null && m.action() != MeasureAction.LICENSE_REQUIRED) {
                reasons.add(new Reason(ReasonCode.SUSPENSION_STATUS_UNCONFIRMED, no, entry.controlNumber(), m.id(),
                        m.legalBasis(), m.title() + ": its suspension (" + ended.legalBasis() + ") ended " + ended.to()
                                + ", after this ruleset was published on " + ruleset.publishedAt()
                                + "; confirm whether it was extended before shipping", evidence));
                continue;
            }
            switch (m.action()) {
                case PROHIBIT -> reasons.add(new Reason(
                        controlled ? ReasonCode.PROHIBITED : ReasonCode.PROHIBITED_IF_CONTROLLED, no,
                        entry.controlNumber(), m.id(), m.legalBasis(),
                        (controlled ? "prohibited: " : "would be prohibited if classified as " + entry.controlNumber() + ": ")
                                + m.title(), evidence));
                case DENY_PRESUMPTION -> {
                    if (cover.isPresent()) {
                        reasons.add(licensed(no, entry, m, cover.get(), evidence));
                    } else {
                        reasons.add(new Reason(
                                controlled ? ReasonCode.DENIAL_PRESUMPTION : ReasonCode.PROHIBITED_IF_CONTROLLED, no,
                                entry.controlNumber(), m.id(), m.legalBasis(),
                                m.title() + ": licences are in principle not granted and none covers this line",
                                evidence));
                    }
                }
                case ENHANCED_REVIEW -> reasons.add(new Reason(ReasonCode.ENHANCED_REVIEW, no, entry.controlNumber(),
                        m.id(), m.legalBasis(), m.title() + ": end-user and end-use review required", evidence));
                case LICENSE_REQUIRED -> {
                    if (cover.isPresent()) {
                        reasons.add(licensed(no, entry, m, cover.get(), evidence));
                    } else if (controlled) {
                        reasons.add(new Reason(ReasonCode.LICENSE_REQUIRED, no, entry.controlNumber(), m.id(),
                                m.legalBasis(), entry.controlNumber() + " (" + entry.description()
                                + ") needs an export licence and no licence on file covers this line", evidence));
                    }
                }
            }
        }
        if (!measureApplied && fromChina) {
            // Exporting a listed item needs a licence whatever the data says about measures.
            Match first = relevant.isEmpty() ? null : relevant.get(0);
            if (cover.isPresent() && first != null) {
                reasons.add(licensed(no, first.entry(), null, cover.get(), withVerification(first)));
            } else if (controlled && first != null) {
                reasons.add(new Reason(ReasonCode.LICENSE_REQUIRED, no, first.entry().controlNumber(), null,
                        first.entry().legalBasis(), first.explanation() + "; an export licence is required",
                        withVerification(first)));
            }
        }
        cover.ifPresent(cv -> allocations.add(new LicenseAllocation(cv.license().licenseNumber(), no, cv.quantity(),
                cv.license().unit())));
        return true;
    }

    private static List<Evidence> withVerification(Match m) {
        if (m.entry().verified() && m.entry().referenceCodes().stream().allMatch(r -> r.verified())) {
            return m.evidence();
        }
        List<Evidence> out = new ArrayList<>(m.evidence());
        out.add(Evidence.of("ruleVerified", false));
        return out;
    }

    private static Reason licensed(int no, CatalogEntry entry, Measure m, LicenseFinder.Cover cover,
                                   List<Evidence> scopeEvidence) {
        List<Evidence> evidence = new ArrayList<>(scopeEvidence);
        evidence.add(Evidence.of("licenseNumber", cover.license().licenseNumber()));
        evidence.add(Evidence.of("drawn", cover.quantity().stripTrailingZeros().toPlainString() + " " + cover.license().unit()));
        return new Reason(ReasonCode.LICENSED, no, entry.controlNumber(), m == null ? null : m.id(),
                m == null ? entry.legalBasis() : m.legalBasis(),
                "covered by licence " + cover.license().licenseNumber(), evidence);
    }

    private static Match covered(Scope scope, List<Match> matches) {
        for (Match m : matches) {
            if (scope.coversItem(m.entry())) {
                return m;
            }
        }
        return null;
    }

    /** The first party whose country puts the order in the measure's destination scope, or null. */
    private static Evidence destinationHit(Order o, Scope s) {
        if (s.countries().isEmpty()) {
            return Evidence.of("destination", "any");
        }
        for (PartyRole role : PartyRole.values()) {
            if (!s.partyRoles().contains(role)) {
                continue;
            }
            switch (role) {
                case FINAL_DESTINATION -> {
                    if (s.countries().contains(o.finalDestination())) {
                        return Evidence.of("finalDestination", o.finalDestination());
                    }
                }
                case SHIP_TO -> {
                    if (s.countries().contains(o.shipTo())) {
                        return Evidence.of("shipTo", o.shipTo());
                    }
                }
                case CONSIGNEE -> {
                    if (o.consignee() != null && s.countries().contains(o.consignee().country())) {
                        return Evidence.of("consignee", o.consignee().name() + " (" + o.consignee().country() + ")");
                    }
                }
                case END_USER -> {
                    if (o.endUser() != null && s.countries().contains(o.endUser().country())) {
                        return Evidence.of("endUser", o.endUser().name() + " (" + o.endUser().country() + ")");
                    }
                }
                case INTERMEDIARY -> {
                    for (Party p : o.intermediaries()) {
                        if (s.countries().contains(p.country())) {
                            return Evidence.of("intermediary", p.name() + " (" + p.country() + ")");
                        }
                    }
                }
            }
        }
        return null;
    }

    private static EndUserType endUserType(Order o) {
        return o.endUser() == null || o.endUser().type() == null ? EndUserType.UNKNOWN : o.endUser().type();
    }

    private static EndUseCategory endUseCategory(Order o) {
        return o.endUse() == null || o.endUse().category() == null ? EndUseCategory.UNKNOWN : o.endUse().category();
    }

    private void redFlag(Order order, List<Reason> reasons) {
        if (order.endUse() == null || order.endUse().description() == null || redFlagPhrases.isEmpty()) {
            return;
        }
        List<String> words = Words.split(order.endUse().description());
        for (int i = 0; i < redFlagPhrases.size(); i++) {
            if (Words.containsPhrase(words, redFlagPhrases.get(i))) {
                String term = ruleset.redFlags().terms().get(i);
                reasons.add(new Reason(ReasonCode.END_USE_RED_FLAG, null, null, null, ruleset.redFlags().legalBasis(),
                        "the declared end use mentions '" + term + "': end-use review required",
                        List.of(Evidence.of("endUse.description", order.endUse().description()))));
                return;
            }
        }
    }
}

package io.dualuse.screening.core.screening;

import io.dualuse.screening.core.classification.CatalogIndex;
import io.dualuse.screening.core.classification.Classification;
import io.dualuse.screening.core.classification.ClassificationStatus;
import io.dualuse.screening.core.classification.Classifier;
import io.dualuse.screening.core.classification.Match;
import io.dualuse.screening.core.classification.Words;
import io.dualuse.screening.core.decision.Decision;
import io.dualuse.screening.core.decision.DecisionStatus;
import io.dualuse.screening.core.decision.Evidence;
import io.dualuse.screening.core.decision.LicenseAllocation;
import io.dualuse.screening.core.decision.Reason;
import io.dualuse.screening.core.decision.ReasonCode;
import io.dualuse.screening.core.license.LicenseFinder;
import io.dualuse.screening.core.license.LicenseRegistry;
import io.dualuse.screening.core.order.EndUseCategory;
import io.dualuse.screening.core.order.EndUserType;
import io.dualuse.screening.core.order.Order;
import io.dualuse.screening.core.order.OrderLine;
import io.dualuse.screening.core.order.Party;
import io.dualuse.screening.core.order.PartyRole;
import io.dualuse.screening.core.order.QuantityUnit;
import io.dualuse.screening.core.parties.ListKind;
import io.dualuse.screening.core.parties.ListStatus;
import io.dualuse.screening.core.parties.ListedParty;
import io.dualuse.screening.core.parties.PartyFindings;
import io.dualuse.screening.core.parties.PartyLists;
import io.dualuse.screening.core.parties.PartyMatch;
import io.dualuse.screening.core.rules.CatalogEntry;
import io.dualuse.screening.core.rules.Measure;
import io.dualuse.screening.core.rules.MeasureAction;
import io.dualuse.screening.core.rules.Ruleset;
import io.dualuse.screening.core.rules.RulesetCalendar;
import io.dualuse.screening.core.rules.Scope;
import io.dualuse.screening.core.rules.Window;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides one order: RELEASE, HOLD or REJECT, with every reason. Plain Java and immutable once
 * built, so one instance serves all threads; swapping the ruleset means building a new Screener.
 *
 * <p>Per line: jurisdiction (exported from China, a PRC-origin re-export, or a foreign-made item with
 * PRC-origin content), classification, then every measure in force on the export date whose item,
 * destination and end-user scope the order falls in, then licences. The order takes the worst line.
 * Doubt never releases: missing or unreadable facts, a stale ruleset, a suspension that ended after
 * the ruleset was published, or an export date long past all HOLD. An order whose export date has
 * passed while the rules changed is screened under the rules of today as well: goods that have not
 * left yet leave under today's rules.
 */
public final class Screener {

    private static final String CHINA = "CN";
    /** End-use words of a buyer for resale: who finally uses the goods is not known. */
    private static final List<List<String>> RESALE = List.of(List.of("resale"), List.of("re", "sale"),
            List.of("reselling"), List.of("for", "stock"), List.of("stock", "for", "sale"), List.of("trading", "stock"),
            List.of("redistribution"), List.of("wholesale"));
    private static final List<String> RESALE_CJK = List.of("转售", "再销售", "分销", "转卖", "贸易库存");

    /** Who uses the goods and what for, as the measures look at them: worked out once per order. */
    private record EndUseFacts(Party endUser, EndUserType endUserType, EndUseCategory category) {

        static EndUseFacts of(Order o) {
            EndUseCategory category = o.endUse() == null || o.endUse().category() == null ? EndUseCategory.UNKNOWN
                    : o.endUse().category();
            return new EndUseFacts(Screener.endUser(o), Screener.endUserType(o), category);
        }
    }

    private final Ruleset ruleset;
    private final Classifier classifier;
    private final ScreeningPolicy policy;
    private final Clock clock;
    private final List<List<String>> redFlagPhrases;
    private final RulesetCalendar calendar;
    private final PartyLists parties;
    private final PartyFindings findings;
    /** The same consignees and end users come back order after order: their matches are worked out once per list version. */
    private final com.github.benmanes.caffeine.cache.Cache<String, List<PartyMatch>> partyMatches =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(20_000).build();

    /** A screener without party lists: only the goods, destinations and declared end use are screened. */
    public Screener(Ruleset ruleset, ScreeningPolicy policy, Clock clock) {
        this(ruleset, policy, clock, PartyLists.none());
    }

    public Screener(Ruleset ruleset, ScreeningPolicy policy, Clock clock, PartyLists parties) {
        this(ruleset, policy, clock, parties, PartyFindings.NONE);
    }

    /** @param findings officers' findings that a party is not a listed entity, read as they change */
    public Screener(Ruleset ruleset, ScreeningPolicy policy, Clock clock, PartyLists parties, PartyFindings findings) {
        this.parties = parties;
        this.findings = findings;
        this.ruleset = ruleset;
        this.classifier = new Classifier(new CatalogIndex(ruleset));
        this.policy = policy;
        this.clock = clock;
        this.redFlagPhrases = ruleset.redFlags().terms().stream().map(Words::split).toList();
        this.calendar = new RulesetCalendar(ruleset, policy.maxRulesetAge());
    }

    public Ruleset ruleset() {
        return ruleset;
    }

    /** The party lists this screener checks every party against. */
    public PartyLists parties() {
        return parties;
    }

    /** The same rules with other party lists (a new list version). */
    public Screener withParties(PartyLists lists) {
        return new Screener(ruleset, policy, clock, lists, findings);
    }

    /** The days on which this ruleset's measures, controls or suspensions start or end. */
    public RulesetCalendar calendar() {
        return calendar;
    }

    public Clock clock() {
        return clock;
    }

    /** Screens an order that arrives now. */
    public Decision screen(Order order, LicenseRegistry licenses) {
        return screen(order, licenses, LocalDate.now(clock));
    }

    /**
     * Screens an order that arrived on {@code receivedOn} (a hold screened again keeps the day it
     * first came in: how far back its export date lies was judged then).
     */
    public Decision screen(Order order, LicenseRegistry licenses, LocalDate receivedOn) {
        LocalDate today = LocalDate.now(clock);
        List<Reason> reasons = new ArrayList<>();
        List<LicenseAllocation> allocations = new ArrayList<>();
        LocalDate staleAfter = ruleset.publishedAt().plus(policy.maxRulesetAge());
        if (today.isAfter(staleAfter)) {
            reasons.add(new Reason(ReasonCode.RULESET_STALE, null, null, null, null,
                    "ruleset " + ruleset.version() + " was published " + ruleset.publishedAt()
                            + " and is older than the allowed " + policy.maxRulesetAge()
                            + ": announcements since then may be missing",
                    List.of(Evidence.of("publishedAt", ruleset.publishedAt()), Evidence.of("today", today))));
        }
        List<DualUseLine> dualUseLines = new ArrayList<>();
        boolean dualUse = screenLines(order, order.exportDate(), new LicenseFinder(licenses, order), reasons, allocations,
                dualUseLines);
        screenParties(order, order.exportDate(), dualUseLines, reasons);
        if (policy.maxBackdating() != null) {
            dualUse |= pastExportDate(order, licenses, receivedOn, today, reasons);
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

    /**
     * An export date long past HOLDs for review; one that has passed while the rules changed is also
     * screened under the rules of today, since goods that have not left yet leave under them.
     * Returns true when a line is dual-use under today's rules.
     */
    private boolean pastExportDate(Order order, LicenseRegistry licenses, LocalDate receivedOn, LocalDate today,
                                   List<Reason> reasons) {
        LocalDate oldest = receivedOn.minus(policy.maxBackdating());
        if (order.exportDate().isBefore(oldest)) {
            reasons.add(new Reason(ReasonCode.EXPORT_DATE_PAST, null, null, null, null,
                    "export date " + order.exportDate() + " is more than " + policy.maxBackdating().getDays()
                            + " days before the order arrived (" + receivedOn + "): a back-dated order is reviewed,"
                            + " so that it does not slip under a measure that has started since",
                    List.of(Evidence.of("exportDate", order.exportDate()), Evidence.of("receivedOn", receivedOn))));
        }
        LocalDate changed = calendar.changeAfter(order.exportDate(), today);
        if (changed == null) {
            return false;
        }
        List<Reason> nowReasons = new ArrayList<>();
        List<DualUseLine> nowDualUse = new ArrayList<>();
        boolean dualUse = screenLines(order, today, new LicenseFinder(licenses, order), nowReasons, new ArrayList<>(), nowDualUse);
        screenParties(order, today, nowDualUse, nowReasons);
        for (Reason r : nowReasons) {
            if (r.outcome() != DecisionStatus.RELEASE && reasons.stream().noneMatch(x -> sameRule(x, r))) {
                reasons.add(new Reason(r.code(), r.lineNo(), r.controlNumber(), r.measureId(), r.legalBasis(),
                        "under the rules in force today (" + today + "; they changed on " + changed
                                + ", after the export date " + order.exportDate() + "): " + r.message(),
                        r.evidence()));
            }
        }
        return dualUse;
    }

    private static boolean sameRule(Reason a, Reason b) {
        return a.code() == b.code() && java.util.Objects.equals(a.lineNo(), b.lineNo())
                && java.util.Objects.equals(a.controlNumber(), b.controlNumber())
                && java.util.Objects.equals(a.measureId(), b.measureId());
    }

    private boolean screenLines(Order order, LocalDate date, LicenseFinder finder, List<Reason> reasons,
                                List<LicenseAllocation> allocations, List<DualUseLine> dualUseLines) {
        boolean dualUse = false;
        EndUseFacts who = EndUseFacts.of(order);
        for (OrderLine line : order.lines()) {
            dualUse |= screenLine(order, who, line, date, finder, reasons, allocations, dualUseLines);
        }
        return dualUse;
    }

    /** A line that is, or may be, a listed item: what the party lists act on. */
    private record DualUseLine(int lineNo, String controlNumber, boolean controlled, boolean licensed) {
    }

    /**
     * Screens every party of the order (consignee, end user, intermediaries) against the party lists
     * in force on {@code date}, and adds what a listed party does to the order:
     * <ul>
     *   <li>export control list: a controlled line PROHIBITED (REJECT), licence or not (MOFCOM's
     *       special-case approval is recorded by an officer as an audited override), a possibly controlled one HOLD;</li>
     *   <li>watch list: every dual-use line HOLDs for end-user and end-use verification;</li>
     *   <li>Unreliable Entity List: the order is REJECTed, dual-use or not;</li>
     *   <li>a possible match, or a listing whose measures are suspended or ceased: HOLD for an officer,
     *       where the list would act on this order.</li>
     * </ul>
     */
    private void screenParties(Order order, LocalDate date, List<DualUseLine> dualUseLines, List<Reason> reasons) {
        if (parties.size() == 0) {
            return;
        }
        List<Map.Entry<String, Party>> who = new ArrayList<>();
        if (order.consignee() != null) {
            who.add(Map.entry("consignee", order.consignee()));
        }
        if (order.endUser() != null) {
            who.add(Map.entry("endUser", order.endUser()));
        }
        for (int i = 0; i < order.intermediaries().size(); i++) {
            who.add(Map.entry("intermediaries[" + i + "]", order.intermediaries().get(i)));
        }
        Set<String> seen = new java.util.HashSet<>();
        for (Map.Entry<String, Party> p : who) {
            String name = p.getValue().name();
            String country = p.getValue().country();
            if (name == null || name.isBlank()) {
                continue;
            }
            for (PartyMatch m : partyMatches.get(name + '\u0000' + country, k -> parties.screen(name, country))) {
                ListedParty e = m.entry();
                ListedParty.Standing standing = e.on(date);
                boolean acts = e.list() == ListKind.UNRELIABLE || !dualUseLines.isEmpty();
                if (standing == ListedParty.Standing.NOT_YET || !acts || !seen.add(e.id() + "|" + p.getKey())) {
                    continue;
                }
                List<Evidence> evidence = List.of(Evidence.of("party", p.getKey()), Evidence.of("partyName", m.partyName()),
                        Evidence.of("listedName", m.listedName()), Evidence.of("score", m.score()),
                        Evidence.of("list", e.list()), Evidence.of("listEntry", e.id()), Evidence.of("announcement", e.announcement()),
                        Evidence.of("listedCountry", e.country()), Evidence.of("partyLists", parties.version()));
                String basis = e.legalBasis() + "; " + e.announcement();
                String listed = "'" + m.partyName() + "' (" + p.getKey() + ")";
                java.util.Optional<PartyFindings.Finding> finding = findings.notListed(e.id(), name);
                if (finding.isPresent()) {
                    PartyFindings.Finding f = finding.get();
                    List<Evidence> cited = new ArrayList<>(evidence);
                    cited.add(Evidence.of("findingBy", f.recordedBy()));
                    cited.add(Evidence.of("findingAt", f.recordedAt()));
                    reasons.add(new Reason(ReasonCode.PARTY_NOT_LISTED, null, null, e.id(), basis,
                            listed + " matched '" + e.displayName() + "' (score " + m.score() + "), which " + f.recordedBy()
                                    + " found it is not: " + f.reason(), cited));
                    continue;
                }
                if (!m.confident()) {
                    reasons.add(new Reason(ReasonCode.LISTED_PARTY_REVIEW, null, null, e.id(), basis,
                            listed + " may be '" + e.displayName() + "' of the " + listName(e.list()) + " (score " + m.score()
                                    + "): confirm or rule out before shipping", evidence));
                    continue;
                }
                if (standing == ListedParty.Standing.UNCERTAIN) {
                    reasons.add(new Reason(ReasonCode.LISTED_PARTY_REVIEW, null, null, e.id(), basis,
                            listed + " is '" + e.displayName() + "' of the " + listName(e.list()) + ", whose measures are "
                                    + (e.status() == ListStatus.CEASED ? "ceased from " + e.statusFrom() : "suspended")
                                    + ": confirm where they stand before shipping", evidence));
                    continue;
                }
                switch (e.list()) {
                    case UNRELIABLE -> reasons.add(new Reason(ReasonCode.UNRELIABLE_ENTITY, null, null, e.id(), basis,
                            listed + " is '" + e.displayName() + "' of the Unreliable Entity List: China-related import and"
                                    + " export with it are prohibited", evidence));
                    case CONTROL -> {
                        for (DualUseLine l : dualUseLines) {
                            // a licence on file does not lift the prohibition: only MOFCOM's special-case approval
                            // does, which an officer records as an audited override
                            ReasonCode code = l.controlled() ? ReasonCode.PROHIBITED : ReasonCode.PROHIBITED_IF_CONTROLLED;
                            String what = l.controlled() ? "dual-use exports to it are prohibited"
                                    + (l.licensed() ? " (the licence on file does not lift that; MOFCOM's special-case approval does)" : "")
                                    : "dual-use exports to it are prohibited if the line is the listed item";
                            reasons.add(new Reason(code, l.lineNo(), l.controlNumber(), e.id(), basis,
                                    listed + " is '" + e.displayName() + "' of the export control list: " + what, evidence));
                        }
                    }
                    case WATCH -> {
                        for (DualUseLine l : dualUseLines) {
                            reasons.add(new Reason(ReasonCode.WATCH_LIST_PARTY, l.lineNo(), l.controlNumber(), e.id(), basis,
                                    listed + " is '" + e.displayName() + "' of the watch list: no general licence or"
                                            + " registration; an individual licence with a risk assessment and the end user's"
                                            + " written commitment, after end-user and end-use verification", evidence));
                        }
                    }
                }
            }
        }
    }

    private static String listName(ListKind list) {
        return switch (list) {
            case CONTROL -> "export control list";
            case WATCH -> "watch list";
            case UNRELIABLE -> "Unreliable Entity List";
        };
    }

    /** Screens one line into {@code reasons} under the rules of {@code date}; true when the line is, or may be, dual-use. */
    private boolean screenLine(Order order, EndUseFacts who, OrderLine line, LocalDate date, LicenseFinder finder,
                               List<Reason> reasons, List<LicenseAllocation> allocations, List<DualUseLine> dualUseLines) {
        int no = line.lineNo();
        boolean fromChina = CHINA.equals(order.shipFrom());
        String origin = line.originCountry();
        Scope.Transfer transfer;
        if (fromChina) {
            transfer = Scope.Transfer.EXPORT_FROM_CN;
        } else if (CHINA.equals(origin)) {
            transfer = Scope.Transfer.REEXPORT_PRC_ORIGIN;
        } else if (origin == null || origin.isBlank()) {
            reasons.add(new Reason(ReasonCode.MISSING_DATA, no, null, null, null,
                    "origin country missing on a shipment from " + order.shipFrom()
                            + ": cannot tell whether PRC re-export rules apply",
                    List.of(Evidence.of("shipFrom", order.shipFrom()))));
            dualUseLines.add(new DualUseLine(no, line.controlNumber(), false, false));
            return true;
        } else {
            transfer = Scope.Transfer.FOREIGN_MADE_PRC_CONTENT;
        }
        Classification c = classifier.classify(line, date);
        if (transfer == Scope.Transfer.FOREIGN_MADE_PRC_CONTENT && !foreignMadeInScope(order, who, line, c, date, reasons)) {
            return false;
        }

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
            LicenseFinder.Result found = finder.cover(line, controlNumbers,
                    classifier.index().controlNumbersByCode(line.commodityCode()), date);
            cover = found.cover();
            for (LicenseFinder.Refusal r : found.refusals()) {
                reasons.add(new Reason(ReasonCode.NAMED_LICENSE_NOT_APPLICABLE, no, firstCn, null, null, r.why(),
                        List.of(Evidence.of("licenseNumber", r.licenseNumber()))));
            }
        }

        dualUseLines.add(new DualUseLine(no, firstCn, controlled, cover.isPresent()));
        int beforeMeasures = reasons.size();
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
            List<Evidence> where = scopeHit(order, who, m.scope());
            if (where == null) {
                continue;
            }
            List<Evidence> evidence = new ArrayList<>(where);
            evidence.addAll(withVerification(match));
            if (controlNumbers.size() > 1) {
                // the line is several listed items at once (a magnet with Dy and Tb): a licence for any of them counts
                evidence.add(Evidence.of("classifiedAs", String.join(", ", controlNumbers)));
            }
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
            reasons.add(MeasureEffect.of(m.action()).on(m, new MeasureEffect.LineInScope(no, entry, controlled, cover, evidence)));
        }
        Match first = relevant.isEmpty() ? null : relevant.get(0);
        boolean licensingByDefault = !measureApplied && fromChina && !licensingModelled(date);
        if (!controlled && cover.isEmpty() && (measureApplied || licensingByDefault)) {
            // what needs classifying, before what each measure would make of it
            List<Reason> review = new ArrayList<>();
            for (Match m : relevant) {
                review.add(new Reason(ReasonCode.CLASSIFICATION_REVIEW, no, m.entry().controlNumber(), null,
                        m.entry().legalBasis(), m.explanation(), withVerification(m)));
            }
            reasons.addAll(beforeMeasures, review);
        }
        if (licensingByDefault) {
            // Exporting a listed item needs a licence even when the ruleset forgot to say so.
            if (cover.isPresent() && first != null) {
                reasons.add(MeasureEffect.LineInScope.licensed(no, first.entry(), null, cover.get(), withVerification(first)));
            } else if (controlled && first != null) {
                reasons.add(new Reason(ReasonCode.LICENSE_REQUIRED, no, first.entry().controlNumber(), null,
                        first.entry().legalBasis(), first.explanation() + "; an export licence is required",
                        withVerification(first)));
            }
        } else if (!measureApplied && first != null) {
            reasons.add(new Reason(ReasonCode.NO_MEASURE_APPLIES, no, first.entry().controlNumber(), null,
                    first.entry().legalBasis(), first.explanation() + "; no licence requirement or measure of the ruleset"
                            + " reaches this export (" + (fromChina ? "" : "shipped from " + order.shipFrom() + ", ")
                            + "destination " + order.finalDestination() + ")", withVerification(first)));
        }
        cover.ifPresent(cv -> allocations.add(new LicenseAllocation(cv.license().licenseNumber(), no, cv.quantity(),
                cv.license().unit())));
        return true;
    }

    /**
     * True when the ruleset says itself, on that day, which exports need a licence (a licence
     * requirement for every destination): then what it leaves out (an exception by family) stays out.
     */
    private boolean licensingModelled(LocalDate date) {
        for (Measure m : ruleset.measures()) {
            if (m.action() == MeasureAction.LICENSE_REQUIRED && m.scope().countries().isEmpty()
                    && m.scope().transfers().contains(Scope.Transfer.EXPORT_FROM_CN) && m.validity().inTerm(date)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A foreign-made line shipped from outside China is in scope only through a measure on PRC-origin
     * content (No. 61 of 2025): then its declared share of value decides, and a missing share HOLDs.
     * Returns true when the line is to be screened under such a measure.
     */
    private boolean foreignMadeInScope(Order order, EndUseFacts who, OrderLine line, Classification c, LocalDate date,
                                       List<Reason> reasons) {
        int no = line.lineNo();
        List<Measure> reaching = new ArrayList<>();
        for (Measure m : ruleset.measures()) {
            if (m.validity().inTerm(date) && m.scope().transfers().contains(Scope.Transfer.FOREIGN_MADE_PRC_CONTENT)
                    && covered(m.scope(), c.matches()) != null && m.validity().suspensionOn(date) == null
                    && scopeHit(order, who, m.scope()) != null) {
                reaching.add(m);
            }
        }
        List<Evidence> where = List.of(Evidence.of("shipFrom", order.shipFrom()), Evidence.of("originCountry", line.originCountry()));
        if (reaching.isEmpty() || c.status() == ClassificationStatus.NOT_CONTROLLED) {
            reasons.add(new Reason(ReasonCode.OUTSIDE_JURISDICTION, no, null, null, null,
                    "shipped from " + order.shipFrom() + " and of " + line.originCountry()
                            + " origin: not an export from China, not a PRC-origin item, and no rule on PRC-origin content reaches it",
                    where));
            return false;
        }
        Measure m = reaching.get(0);
        String cn = c.matches().get(0).entry().controlNumber();
        if (line.prcContentPercent() == null) {
            reasons.add(new Reason(ReasonCode.MISSING_DATA, no, cn, m.id(), m.legalBasis(),
                    "a foreign-made item that may contain PRC-origin controlled content (" + m.title() + "): the share of its value"
                            + " that is PRC-origin content (prcContentPercent) is needed; the rule applies from "
                            + m.scope().prcContentPercent().toPlainString() + " %", where));
            return false;
        }
        if (line.prcContentPercent().compareTo(m.scope().prcContentPercent()) < 0) {
            reasons.add(new Reason(ReasonCode.OUTSIDE_JURISDICTION, no, cn, m.id(), m.legalBasis(),
                    "foreign-made, with PRC-origin content of " + line.prcContentPercent().toPlainString()
                            + " % of its value, below the " + m.scope().prcContentPercent().toPlainString() + " % of " + m.title(),
                    List.of(Evidence.of("prcContentPercent", line.prcContentPercent().toPlainString()))));
            return false;
        }
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

    private static Match covered(Scope scope, List<Match> matches) {
        for (Match m : matches) {
            if (scope.coversItem(m.entry())) {
                return m;
            }
        }
        return null;
    }

    /**
     * The facts that put the order in the measure's scope, or null. Without end-user or end-use
     * conditions, a party of the order in one of the countries (by the measure's roles) is enough.
     * With them: a party of a listed type in one of the countries (the end user, or a consignee or
     * intermediary that declares a type), or the listed end use with a party in one of the countries.
     */
    private static List<Evidence> scopeHit(Order o, EndUseFacts who, Scope s) {
        Evidence destination = destinationHit(o, s);
        if (!s.looksAtEndUse()) {
            return destination == null ? null : List.of(destination);
        }
        if (!s.endUserTypes().isEmpty()) {
            Party endUser = who.endUser();
            if (s.endUserTypes().contains(who.endUserType())
                    && (s.countries().isEmpty() || s.countries().contains(endUser.country()))) {
                return List.of(Evidence.of("endUser", (endUser.name() == null ? "(not named)" : endUser.name())
                                + " (" + endUser.country() + ")"), Evidence.of("endUserType", who.endUserType()),
                        Evidence.of("endUseCategory", who.category()));
            }
            List<Party> others = new ArrayList<>(o.intermediaries().size() + 1);
            if (o.consignee() != null) {
                others.add(o.consignee());
            }
            others.addAll(o.intermediaries());
            for (Party p : others) {
                if (p.type() != null && s.endUserTypes().contains(p.type())
                        && (s.countries().isEmpty() || s.countries().contains(p.country()))) {
                    return List.of(Evidence.of("party", (p.name() == null ? "(not named)" : p.name()) + " (" + p.country() + ")"),
                            Evidence.of("endUserType", p.type()), Evidence.of("endUseCategory", who.category()));
                }
            }
        }
        if (destination != null && s.endUseCategories().contains(who.category())) {
            return List.of(destination, Evidence.of("endUserType", who.endUserType()), Evidence.of("endUseCategory", who.category()));
        }
        return null;
    }

    /** The end user as declared, or an unnamed one at the final destination when the order names none. */
    private static Party endUser(Order o) {
        if (o.endUser() == null) {
            return new Party(null, null, o.finalDestination(), EndUserType.UNKNOWN, null);
        }
        Party p = o.endUser();
        return p.country() == null || p.country().isBlank()
                ? new Party(p.id(), p.name(), o.finalDestination(), p.type(), p.role()) : p;
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
            Evidence hit = switch (role) {
                case FINAL_DESTINATION -> s.countries().contains(o.finalDestination())
                        ? Evidence.of("finalDestination", o.finalDestination()) : null;
                case SHIP_TO -> s.countries().contains(o.shipTo()) ? Evidence.of("shipTo", o.shipTo()) : null;
                case CONSIGNEE -> o.consignee() != null && s.countries().contains(o.consignee().country())
                        ? Evidence.of("consignee", o.consignee().name() + " (" + o.consignee().country() + ")") : null;
                case END_USER -> o.endUser() != null && s.countries().contains(o.endUser().country())
                        ? Evidence.of("endUser", o.endUser().name() + " (" + o.endUser().country() + ")") : null;
                case INTERMEDIARY -> o.intermediaries().stream().filter(p -> s.countries().contains(p.country())).findFirst()
                        .map(p -> Evidence.of("intermediary", p.name() + " (" + p.country() + ")")).orElse(null);
            };
            if (hit != null) {
                return hit;
            }
        }
        return null;
    }

    /**
     * The end user's type as declared; UNKNOWN when missing; TRADER when the end user is a reseller
     * by its role or the declared end use is resale (who finally uses the goods is not known).
     */
    private static EndUserType endUserType(Order o) {
        EndUserType declared = o.endUser() == null || o.endUser().type() == null ? EndUserType.UNKNOWN : o.endUser().type();
        if (declared == EndUserType.COMMERCIAL || declared == EndUserType.INDIVIDUAL) {
            String role = o.endUser().role();
            if (role != null && java.util.Set.of("TRADER", "DISTRIBUTOR", "RESELLER", "WHOLESALER", "BROKER", "STOCKIST")
                    .contains(role.trim().toUpperCase(java.util.Locale.ROOT))) {
                return EndUserType.TRADER;
            }
            if (o.endUse() != null && o.endUse().description() != null && resale(o.endUse().description())) {
                return EndUserType.TRADER;
            }
        }
        return declared;
    }

    private static boolean resale(String text) {
        List<String> words = Words.split(text);
        for (List<String> phrase : RESALE) {
            if (Words.containsPhrase(words, phrase)) {
                return true;
            }
        }
        String folded = Words.fold(text);
        return RESALE_CJK.stream().anyMatch(folded::contains);
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

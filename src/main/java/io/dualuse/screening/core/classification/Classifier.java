package io.dualuse.screening.core.classification;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dualuse.screening.core.decision.Evidence;
import io.dualuse.screening.core.order.ElementContent;
import io.dualuse.screening.core.order.OrderLine;
import io.dualuse.screening.core.rules.CatalogEntry;
import io.dualuse.screening.core.rules.ContentCriterion;
import io.dualuse.screening.core.rules.ControlNumber;
import io.dualuse.screening.core.rules.Criteria;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Classifies an order line against the catalog in force on the export date.
 *
 * <p>A line is CONTROLLED when the facts conclude: the exporter declares the control number; a
 * reference code points at an entry and the declared composition meets its tests (or the code
 * covers nothing else); or, whatever the customs code (a code is a pointer, not the test), the
 * declared composition meets an entry's tests and the description names a form it covers
 * ("ingot", "oxide", "magnet"). A code, a keyword or a composition that only points at an entry
 * makes the line POSSIBLY_CONTROLLED; so do unreadable facts. Only when nothing points at the
 * catalog is a line NOT_CONTROLLED, and the thresholds of the law rule an entry out: a declared
 * composition or purity below them (Sb2O3 at 99.8 %) does not make the line doubtful.
 *
 * <p>Classifications are remembered by the facts they depend on (a product's codes, description and
 * composition, and the export date): orders repeat the same products line after line, and an
 * export-control team classifies a product once, not on every order. A classifier belongs to one
 * ruleset, so a new ruleset starts with none remembered.
 */
public final class Classifier {

    /** Enough for a large product catalog across a few export dates, at a few hundred bytes each. */
    public static final int REMEMBERED = 20_000;

    /** Declarations that say "not listed": they classify nothing, and they are not an error. */
    private static final Set<String> NOT_LISTED = Set.of("EAR99", "NLR", "N/A", "NA", "NONE", "-", "0", "NOTLISTED",
            "NOTCONTROLLED", "无", "不适用", "非管制");

    /** What a line's classification depends on, besides the ruleset: nothing else of the line is read. */
    private record Facts(String controlNumber, String commodityCode, String description,
                         List<ElementContent> composition, LocalDate exportDate) {
    }

    private final CatalogIndex index;
    private final Cache<Facts, Classification> remembered;

    public Classifier(CatalogIndex index) {
        this(index, REMEMBERED);
    }

    /** With {@code remembered} 0, every line is classified anew (the benchmarks' worst case). */
    public Classifier(CatalogIndex index, int remembered) {
        this.index = index;
        // maintenance on the calling thread: the screening core starts no threads of its own
        this.remembered = remembered == 0 ? null
                : Caffeine.newBuilder().maximumSize(remembered).executor(Runnable::run).build();
    }

    public CatalogIndex index() {
        return index;
    }

    public Classification classify(OrderLine line, LocalDate exportDate) {
        if (remembered == null) {
            return classifyAnew(line, exportDate);
        }
        Facts facts = new Facts(line.controlNumber(), line.commodityCode(), line.description(), line.composition(), exportDate);
        return remembered.get(facts, f -> classifyAnew(line, exportDate));
    }

    /** Matches as they are found, split by whether the entry is suspended on the export date. */
    private static final class Found {
        final List<Match> matches = new ArrayList<>(2);
        List<Match> suspended = List.of();
        List<String> problems = List.of();
        /** headings of entries the law's thresholds ruled out: the line was examined against them */
        Set<String> ruledOut = Set.of();

        void ruledOut(CatalogEntry e) {
            if (ruledOut.isEmpty()) {
                ruledOut = new java.util.HashSet<>(2);
            }
            ruledOut.add(ControlNumber.headingOf(e.controlNumber()));
        }

        void add(Match m, LocalDate date) {
            if (m.entry().validity().suspensionOn(date) != null) {
                if (suspended.isEmpty()) {
                    suspended = new ArrayList<>(1);
                }
                suspended.add(m);
            } else {
                matches.add(m);
            }
        }

        void problem(String p) {
            if (problems.isEmpty()) {
                problems = new ArrayList<>(1);
            }
            problems.add(p);
        }

        boolean has(CatalogEntry e) {
            for (Match m : matches) {
                if (m.entry() == e) {
                    return true;
                }
            }
            for (Match m : suspended) {
                if (m.entry() == e) {
                    return true;
                }
            }
            return false;
        }

        boolean anyControlled() {
            for (Match m : matches) {
                if (m.status() == ClassificationStatus.CONTROLLED) {
                    return true;
                }
            }
            return false;
        }
    }

    private Classification classifyAnew(OrderLine line, LocalDate exportDate) {
        Found found = new Found();
        LineFacts facts = new LineFacts(line.composition(), line.description());
        String unreadable = unreadableComposition(line.composition());
        if (unreadable != null) {
            found.problem(unreadable);
        }

        declared(line, exportDate, found);

        String code = line.commodityCode();
        if (code != null && !code.isEmpty()) {
            for (CatalogIndex.CodeHit hit : index.byCode(code)) {
                CatalogEntry entry = hit.entry();
                if (!entry.validity().inTerm(exportDate) || found.has(entry)) {
                    continue;
                }
                Match m = byCode(line, hit, facts, unreadable != null);
                if (m != null) {
                    found.add(m, exportDate);
                } else {
                    found.ruledOut(entry);
                }
            }
        }

        if (!found.anyControlled() && line.description() != null) {
            for (CatalogIndex.DescriptionHit hit : index.byDescription(line.description())) {
                CatalogEntry entry = hit.entry();
                if (!entry.validity().inTerm(exportDate) || found.has(entry)) {
                    continue;
                }
                Match m = byDescription(hit, facts, unreadable != null);
                if (m != null) {
                    found.add(m, exportDate);
                } else if (unreadable == null && facts.legal(entry.criteria()) == LineFacts.Test.FAIL) {
                    found.ruledOut(entry);
                }
            }
        }

        if (found.matches.isEmpty() && found.suspended.isEmpty() && facts.hasComposition() && unreadable == null) {
            for (CatalogEntry entry : index.byComposition()) {
                if (found.ruledOut.contains(ControlNumber.headingOf(entry.controlNumber()))) {
                    continue; // a code or a word pointed at this family and the law's thresholds ruled it out
                }
                if (entry.validity().inTerm(exportDate) && facts.identity(entry.criteria()) == LineFacts.Test.PASS
                        && facts.legal(entry.criteria()) != LineFacts.Test.FAIL) {
                    found.add(match(entry, ClassificationStatus.POSSIBLY_CONTROLLED, MatchBasis.COMPOSITION,
                            "the declared composition is mostly what " + entry.controlNumber() + " (" + entry.description()
                                    + ") controls; no customs code or description confirms which item it is",
                            elements(facts, entry.criteria().identity())), exportDate);
                }
            }
        }

        List<Match> matches = withoutEnclosing(found.matches);
        ClassificationStatus status = found.anyControlled() ? ClassificationStatus.CONTROLLED
                : !matches.isEmpty() || !found.problems.isEmpty() ? ClassificationStatus.POSSIBLY_CONTROLLED
                : ClassificationStatus.NOT_CONTROLLED;
        String unmatched = status != ClassificationStatus.NOT_CONTROLLED ? null
                : "no catalog entry in force on " + exportDate + " matches customs code " + line.commodityCode()
                        + (line.controlNumber() == null ? "" : ", declared control number " + line.controlNumber())
                        + ", the description or the composition";
        return new Classification(status, matches, found.suspended, found.problems, unmatched);
    }

    private void declared(OrderLine line, LocalDate exportDate, Found found) {
        String raw = line.controlNumber();
        if (raw == null || raw.isBlank() || NOT_LISTED.contains(raw.trim().toUpperCase(Locale.ROOT).replace(" ", ""))) {
            return;
        }
        ControlNumber cn = ControlNumber.parse(raw);
        CatalogIndex.Declared d = index.declared(cn);
        if (d == null) {
            found.problem("declared control number " + raw.trim() + " is not in the catalog");
            return;
        }
        CatalogEntry entry = d.entry();
        if (!entry.validity().inTerm(exportDate)) {
            found.problem("declared control number " + raw.trim() + " is in the catalog only from "
                    + entry.validity().effectiveFrom() + ", after the export date " + exportDate);
            return;
        }
        List<Evidence> evidence = List.of(Evidence.of("controlNumber", raw.trim()));
        if (!d.knownSubItem()) {
            found.add(match(entry, ClassificationStatus.POSSIBLY_CONTROLLED, MatchBasis.DECLARED,
                    "declared as " + cn + ", which is not an item of heading " + entry.controlNumber() + " ("
                            + entry.description() + ") in the catalog: classification review needed", evidence), exportDate);
            return;
        }
        found.add(match(entry, ClassificationStatus.CONTROLLED, MatchBasis.DECLARED,
                "declared by the exporter as " + cn + (d.exact() ? "" : ", under " + entry.controlNumber())
                        + " (" + entry.description() + ")", evidence), exportDate);
    }

    /** Null when the composition rules the entry out; otherwise a CONTROLLED or POSSIBLY match. */
    private Match byCode(OrderLine line, CatalogIndex.CodeHit hit, LineFacts facts, boolean unreadable) {
        CatalogEntry entry = hit.entry();
        Criteria c = entry.criteria();
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.of("commodityCode", line.commodityCode()
                + (hit.exact() ? "" : " (under reference " + hit.referenceCode() + ")")));
        boolean tested = !c.composition().isEmpty() || c.purity() != null || !c.identity().isEmpty();
        if (unreadable && tested) {
            return match(entry, ClassificationStatus.POSSIBLY_CONTROLLED, MatchBasis.COMMODITY_CODE,
                    "customs code points at " + entry.controlNumber() + " (" + entry.description()
                            + ") and its tests cannot be checked: the composition is unreadable", evidence);
        }
        LineFacts.Test legal = facts.legal(c);
        LineFacts.Test identity = facts.identity(c);
        if (legal == LineFacts.Test.FAIL || identity == LineFacts.Test.FAIL) {
            return null;
        }
        boolean hasLegal = !c.composition().isEmpty() || c.purity() != null;
        if (legal == LineFacts.Test.UNKNOWN && !(hit.conclusive() && c.composition().isEmpty())) {
            return match(entry, ClassificationStatus.POSSIBLY_CONTROLLED, MatchBasis.COMMODITY_CODE,
                    "customs code points at " + entry.controlNumber() + " (" + entry.description() + "); "
                            + missing(facts, c) + " needed to test " + c.describe() + " is missing", evidence);
        }
        if (hasLegal && legal == LineFacts.Test.PASS) {
            evidence.addAll(elements(facts, c.composition()));
            evidence.addAll(purity(facts, c));
            return concluded(entry, MatchBasis.COMMODITY_CODE,
                    "customs code and declared facts meet " + entry.controlNumber() + " (" + c.describe() + ")", evidence);
        }
        if (identity == LineFacts.Test.PASS) {
            evidence.addAll(elements(facts, c.identity()));
            return concluded(entry, MatchBasis.COMMODITY_CODE,
                    "customs code and declared composition identify " + entry.controlNumber() + " (" + entry.description() + ")",
                    evidence);
        }
        if (hit.conclusive()) {
            return concluded(entry, MatchBasis.COMMODITY_CODE,
                    "customs code " + line.commodityCode() + " covers only " + entry.controlNumber()
                            + " (" + entry.description() + ")", evidence);
        }
        return match(entry, ClassificationStatus.POSSIBLY_CONTROLLED, MatchBasis.COMMODITY_CODE,
                "customs code points at " + entry.controlNumber() + " (" + entry.description()
                        + ") but also covers uncontrolled goods: classification review needed", evidence);
    }

    /** A keyword or a form in the description; null when it proves nothing or the facts rule the entry out. */
    private Match byDescription(CatalogIndex.DescriptionHit hit, LineFacts facts, boolean unreadable) {
        CatalogEntry entry = hit.entry();
        Criteria c = entry.criteria();
        LineFacts.Test legal = unreadable ? LineFacts.Test.UNKNOWN : facts.legal(c);
        LineFacts.Test identity = unreadable ? LineFacts.Test.UNKNOWN : facts.identity(c);
        if (legal == LineFacts.Test.FAIL) {
            return null; // below the law's thresholds: not the listed item, whatever the words say
        }
        if (hit.form() != null && c.confirmsByForm() && identity == LineFacts.Test.PASS) {
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(Evidence.of("form", hit.form()));
            evidence.addAll(elements(facts, c.identity()));
            evidence.addAll(elements(facts, c.composition()));
            evidence.addAll(purity(facts, c));
            if (legal == LineFacts.Test.PASS) {
                return concluded(entry, MatchBasis.COMPOSITION_AND_FORM,
                        "the declared composition and the description ('" + hit.form() + "') identify "
                                + entry.controlNumber() + " (" + entry.description() + ")"
                                + (c.describe().isEmpty() ? "" : " and meet " + c.describe()), evidence);
            }
            return match(entry, ClassificationStatus.POSSIBLY_CONTROLLED, MatchBasis.COMPOSITION_AND_FORM,
                    "the declared composition and the description ('" + hit.form() + "') point at " + entry.controlNumber()
                            + " (" + entry.description() + "); " + missing(facts, c) + " needed to test " + c.describe()
                            + " is missing", evidence);
        }
        if (hit.keyword() == null) {
            return null; // a form word alone ("ingot", "powder") says nothing about what the material is
        }
        List<Evidence> evidence = List.of(Evidence.of("keyword", hit.keyword()));
        if (identity == LineFacts.Test.FAIL) {
            return match(entry, ClassificationStatus.POSSIBLY_CONTROLLED, MatchBasis.KEYWORD,
                    "description mentions '" + hit.keyword() + "' (" + entry.controlNumber() + ", " + entry.description()
                            + ") but the declared composition is of another material: classification review needed", evidence);
        }
        return match(entry, ClassificationStatus.POSSIBLY_CONTROLLED, MatchBasis.KEYWORD,
                "description mentions '" + hit.keyword() + "' (" + entry.controlNumber() + ", " + entry.description()
                        + "); no customs code or declared control number confirms it", evidence);
    }

    private static String missing(LineFacts facts, Criteria c) {
        return !facts.hasComposition() && !c.composition().isEmpty() ? "the composition" : "the purity";
    }

    /**
     * A match the facts conclude: CONTROLLED, unless the entry also requires what an order does not
     * state (a shape, a mechanical property), which only an officer can confirm.
     */
    private static Match concluded(CatalogEntry entry, MatchBasis basis, String explanation, List<Evidence> evidence) {
        String more = entry.criteria().alsoRequires();
        if (more == null) {
            return match(entry, ClassificationStatus.CONTROLLED, basis, explanation, evidence);
        }
        return match(entry, ClassificationStatus.POSSIBLY_CONTROLLED, basis, explanation + "; " + entry.controlNumber()
                + " also requires " + more + ", which the order does not state: classification review needed", evidence);
    }

    private static Match match(CatalogEntry entry, ClassificationStatus status, MatchBasis basis, String explanation,
                               List<Evidence> evidence) {
        List<Evidence> all = new ArrayList<>(evidence.size() + 1);
        all.add(Evidence.of("classifiedBy", basis.words()));
        all.addAll(evidence);
        return new Match(entry, status, basis, explanation, all);
    }

    private static List<Evidence> elements(LineFacts facts, List<ContentCriterion> criteria) {
        Set<String> seen = new LinkedHashSet<>();
        criteria.forEach(c -> seen.addAll(c.elements()));
        List<Evidence> out = new ArrayList<>(seen.size());
        for (String el : seen) {
            out.add(Evidence.of(el, facts.shareOf(el)));
        }
        return out;
    }

    private static List<Evidence> purity(LineFacts facts, Criteria c) {
        BigDecimal p = c.purity() == null ? null : facts.purity();
        return p == null ? List.of() : List.of(Evidence.of("purity", p.toPlainString() + " %"));
    }

    /**
     * Drops a doubtful match on a heading when a match on one of its items is there too: "9A012.a.1"
     * says more than "9A012", and one reason per line is what an officer wants to read.
     */
    private static List<Match> withoutEnclosing(List<Match> matches) {
        if (matches.size() < 2) {
            return matches;
        }
        List<Match> out = new ArrayList<>(matches.size());
        for (Match m : matches) {
            boolean enclosesAnother = false;
            if (m.status() == ClassificationStatus.POSSIBLY_CONTROLLED) {
                for (Match other : matches) {
                    if (other != m && ControlNumber.encloses(m.entry().controlNumber(), other.entry().controlNumber())) {
                        enclosesAnother = true;
                        break;
                    }
                }
            }
            if (!enclosesAnother) {
                out.add(m);
            }
        }
        return out;
    }

    private static String unreadableComposition(List<ElementContent> composition) {
        BigDecimal sum = BigDecimal.ZERO;
        for (ElementContent c : composition) {
            if (c.element() == null || c.element().isBlank()) {
                return "composition has an entry without an element symbol";
            }
            if (c.percent() == null) {
                return "composition of " + c.element() + " is not a number: '" + c.declared() + "'";
            }
            sum = sum.add(c.percent());
        }
        if (sum.compareTo(BigDecimal.valueOf(100)) > 0) {
            return "composition adds up to " + sum.toPlainString().toLowerCase(Locale.ROOT) + " %, more than 100 %";
        }
        return null;
    }
}

package io.dualuse.screening.classification;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dualuse.screening.decision.Evidence;
import io.dualuse.screening.order.ElementContent;
import io.dualuse.screening.order.OrderLine;
import io.dualuse.screening.rules.CatalogEntry;
import io.dualuse.screening.rules.ContentCriterion;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Classifies an order line against the catalog in force on the export date.
 *
 * <p>A reference-code hit is a pointer, not proof: one code covers controlled and uncontrolled goods
 * alike, so the entry's content criteria must be confirmed by the declared composition. Missing or
 * unreadable facts give POSSIBLY_CONTROLLED, never NOT_CONTROLLED. A declared composition is taken
 * as complete: an element it does not list counts as 0 %.
 *
 * <p>Classifications are remembered by the facts they depend on (a product's codes, description and
 * composition, and the export date): orders repeat the same products line after line, and an
 * export-control team classifies a product once, not on every order. A classifier belongs to one
 * ruleset, so a new ruleset starts with none remembered.
 */
public final class Classifier {

    /** Enough for a large product catalog across a few export dates, at a few hundred bytes each. */
    public static final int REMEMBERED = 20_000;

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

    public Classification classify(OrderLine line, LocalDate exportDate) {
        if (remembered == null) {
            return classifyAnew(line, exportDate);
        }
        Facts facts = new Facts(line.controlNumber(), line.commodityCode(), line.description(), line.composition(), exportDate);
        return remembered.get(facts, f -> classifyAnew(line, exportDate));
    }

    private Classification classifyAnew(OrderLine line, LocalDate exportDate) {
        List<Match> matches = new ArrayList<>(2);
        List<Match> suspended = List.of();
        List<String> problems = List.of();

        String unreadable = unreadableComposition(line.composition());
        if (unreadable != null) {
            problems = new ArrayList<>(problems);
            problems.add(unreadable);
        }

        String declared = line.controlNumber();
        if (declared != null && !declared.isBlank()) {
            CatalogEntry entry = index.byControlNumber(declared.trim());
            if (entry == null) {
                problems = new ArrayList<>(problems);
                problems.add("declared control number " + declared + " is not in the catalog");
            } else if (entry.validity().inTerm(exportDate)) {
                Match m = new Match(entry, ClassificationStatus.CONTROLLED, MatchBasis.DECLARED,
                        "declared by the exporter as " + entry.controlNumber(),
                        List.of(Evidence.of("controlNumber", declared)));
                if (entry.validity().suspensionOn(exportDate) != null) {
                    suspended = add(suspended, m);
                } else {
                    matches.add(m);
                }
            }
        }

        String code = line.commodityCode();
        if (code != null && !code.isEmpty()) {
            for (CatalogIndex.CodeHit hit : index.byCode(code)) {
                CatalogEntry entry = hit.entry();
                if (!entry.validity().inTerm(exportDate) || contains(matches, entry)) {
                    continue;
                }
                Match m = byCode(line, hit, unreadable != null);
                if (m == null) {
                    continue;
                }
                if (entry.validity().suspensionOn(exportDate) != null) {
                    suspended = add(suspended, m);
                } else {
                    matches.add(m);
                }
            }
        }

        if (!anyControlled(matches) && line.description() != null) {
            for (Map.Entry<CatalogEntry, String> kw : index.byDescription(line.description()).entrySet()) {
                CatalogEntry entry = kw.getKey();
                if (!entry.validity().inTerm(exportDate) || contains(matches, entry)) {
                    continue;
                }
                if (!entry.composition().isEmpty() && !line.composition().isEmpty() && unreadable == null
                        && failedCriterion(entry, line.composition()) != null) {
                    continue; // the words point at it, the declared content rules it out
                }
                Match m = new Match(entry, ClassificationStatus.POSSIBLY_CONTROLLED, MatchBasis.KEYWORD,
                        "description mentions '" + kw.getValue() + "' (" + entry.description()
                                + "); no customs code or declared control number confirms it",
                        List.of(Evidence.of("keyword", kw.getValue())));
                if (entry.validity().suspensionOn(exportDate) != null) {
                    suspended = add(suspended, m);
                } else {
                    matches.add(m);
                }
            }
        }

        ClassificationStatus status = anyControlled(matches) ? ClassificationStatus.CONTROLLED
                : !matches.isEmpty() || !problems.isEmpty() ? ClassificationStatus.POSSIBLY_CONTROLLED
                : ClassificationStatus.NOT_CONTROLLED;
        String unmatched = status != ClassificationStatus.NOT_CONTROLLED ? null
                : "no catalog entry in force on " + exportDate + " matches customs code " + line.commodityCode()
                        + (line.controlNumber() == null ? "" : " or control number " + line.controlNumber())
                        + " or the description";
        return new Classification(status, matches, suspended, problems, unmatched);
    }

    /** Null when the composition rules the entry out; otherwise a CONTROLLED or POSSIBLY match. */
    private Match byCode(OrderLine line, CatalogIndex.CodeHit hit, boolean unreadable) {
        CatalogEntry entry = hit.entry();
        Evidence codeEvidence = Evidence.of("commodityCode", line.commodityCode()
                + (hit.exact() ? "" : " (under reference " + hit.referenceCode() + ")"));
        if (!entry.composition().isEmpty()) {
            if (unreadable) {
                return new Match(entry, ClassificationStatus.POSSIBLY_CONTROLLED, MatchBasis.COMMODITY_CODE,
                        "customs code points at " + entry.controlNumber() + " and its content test ("
                                + describe(entry) + ") cannot be checked: the composition is unreadable",
                        List.of(codeEvidence));
            }
            if (line.composition().isEmpty()) {
                return new Match(entry, ClassificationStatus.POSSIBLY_CONTROLLED, MatchBasis.COMMODITY_CODE,
                        "customs code points at " + entry.controlNumber() + "; the composition needed to test "
                                + describe(entry) + " is missing",
                        List.of(codeEvidence));
            }
            ContentCriterion failed = failedCriterion(entry, line.composition());
            if (failed != null) {
                return null;
            }
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(codeEvidence);
            for (ContentCriterion c : entry.composition()) {
                for (String el : c.elements()) {
                    evidence.add(Evidence.of(el, percentOf(line.composition(), el).toPlainString() + " %"));
                }
            }
            return new Match(entry, ClassificationStatus.CONTROLLED, MatchBasis.COMMODITY_CODE,
                    "customs code and declared composition meet " + entry.controlNumber() + " (" + describe(entry) + ")",
                    evidence);
        }
        if (entry.codeIsConclusive() && hit.exact()) {
            return new Match(entry, ClassificationStatus.CONTROLLED, MatchBasis.COMMODITY_CODE,
                    "customs code " + line.commodityCode() + " covers only " + entry.controlNumber(),
                    List.of(codeEvidence));
        }
        return new Match(entry, ClassificationStatus.POSSIBLY_CONTROLLED, MatchBasis.COMMODITY_CODE,
                "customs code points at " + entry.controlNumber() + " (" + entry.description()
                        + ") but also covers uncontrolled goods: classification review needed",
                List.of(codeEvidence));
    }

    private static String describe(CatalogEntry entry) {
        List<String> parts = new ArrayList<>();
        entry.composition().forEach(c -> parts.add(c.describe()));
        return String.join(" and ", parts);
    }

    /** The first criterion the declared composition fails, or null if it meets them all. */
    private static ContentCriterion failedCriterion(CatalogEntry entry, List<ElementContent> composition) {
        for (ContentCriterion c : entry.composition()) {
            boolean ok;
            if (c.combine() == ContentCriterion.Combine.SUM) {
                BigDecimal sum = BigDecimal.ZERO;
                for (String el : c.elements()) {
                    sum = sum.add(percentOf(composition, el));
                }
                ok = c.op().test(sum, c.percent());
            } else {
                ok = false;
                for (String el : c.elements()) {
                    if (c.op().test(percentOf(composition, el), c.percent())) {
                        ok = true;
                        break;
                    }
                }
            }
            if (!ok) {
                return c;
            }
        }
        return null;
    }

    private static BigDecimal percentOf(List<ElementContent> composition, String element) {
        BigDecimal total = BigDecimal.ZERO;
        for (ElementContent c : composition) {
            if (c.element() != null && c.element().trim().equalsIgnoreCase(element) && c.percent() != null) {
                total = total.add(c.percent());
            }
        }
        return total;
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

    private static boolean anyControlled(List<Match> matches) {
        for (Match m : matches) {
            if (m.status() == ClassificationStatus.CONTROLLED) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(List<Match> matches, CatalogEntry entry) {
        for (Match m : matches) {
            if (m.entry() == entry) {
                return true;
            }
        }
        return false;
    }

    private static List<Match> add(List<Match> list, Match m) {
        List<Match> out = list.isEmpty() ? new ArrayList<>(1) : list;
        out.add(m);
        return out;
    }
}

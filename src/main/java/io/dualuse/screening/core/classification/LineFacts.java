package io.dualuse.screening.core.classification;

import io.dualuse.screening.core.order.ElementContent;
import io.dualuse.screening.core.rules.ContentCriterion;
import io.dualuse.screening.core.rules.Criteria;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The material facts of one order line, tested against an entry's {@link Criteria}. A declared
 * composition is taken as complete: an element it does not list counts as 0 %. A composition item
 * may name a compound instead of an element ({@code Sb2O3: 99.8}): it shows which elements are
 * present and states the compound's purity, but no element's share.
 */
final class LineFacts {

    /** The outcome of a test: the facts meet it, fail it, or are not there to tell. */
    enum Test { PASS, FAIL, UNKNOWN }

    private static final Pattern PLAIN_ELEMENT = Pattern.compile("[A-Za-z][a-z]?");
    private static final Pattern FORMULA_PART = Pattern.compile("([A-Z][a-z]?)\\d*(?:\\.\\d+)?");
    private static final Pattern N_NOTATION = Pattern.compile("(?<![\\w.])([2-9])n([1-9])?(?![\\w.])");
    private static final Pattern PERCENT = Pattern.compile("(\\d{2,3}(?:\\.\\d+)?)\\s*%");
    private static final BigDecimal NINETY = BigDecimal.valueOf(90);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private final List<ElementContent> composition;
    private final String description;
    private BigDecimal purity;
    private boolean purityRead;

    LineFacts(List<ElementContent> composition, String description) {
        this.composition = composition;
        this.description = description;
    }

    boolean hasComposition() {
        return !composition.isEmpty();
    }

    /** The thresholds of the law: W &gt;= 97 %, Dy + Tb &gt; 0.1 %, purity &gt;= 99.99 %. */
    Test legal(Criteria c) {
        Test t = Test.PASS;
        if (!c.composition().isEmpty()) {
            t = all(c.composition());
        }
        if (c.purity() != null && t != Test.FAIL) {
            BigDecimal p = purity();
            Test pt = p == null ? Test.UNKNOWN : c.purity().op().test(p, c.purity().percent()) ? Test.PASS : Test.FAIL;
            t = pt == Test.FAIL ? Test.FAIL : t == Test.UNKNOWN || pt == Test.UNKNOWN ? Test.UNKNOWN : Test.PASS;
        }
        return t;
    }

    /** What the material is (an identity test); UNKNOWN without a composition. */
    Test identity(Criteria c) {
        return c.identity().isEmpty() ? Test.UNKNOWN : all(c.identity());
    }

    private Test all(List<ContentCriterion> criteria) {
        if (composition.isEmpty()) {
            return Test.UNKNOWN;
        }
        for (ContentCriterion c : criteria) {
            if (!meets(c)) {
                return Test.FAIL;
            }
        }
        return Test.PASS;
    }

    private boolean meets(ContentCriterion c) {
        if (presenceTest(c)) {
            for (String el : c.elements()) {
                if (present(el)) {
                    return true;
                }
            }
            return false;
        }
        if (c.combine() == ContentCriterion.Combine.SUM) {
            BigDecimal sum = BigDecimal.ZERO;
            for (String el : c.elements()) {
                sum = sum.add(percentOf(el));
            }
            return c.op().test(sum, c.percent());
        }
        for (String el : c.elements()) {
            if (c.op().test(percentOf(el), c.percent())) {
                return true;
            }
        }
        return false;
    }

    /** "X &gt; 0": any amount, which a compound's formula also shows. */
    private static boolean presenceTest(ContentCriterion c) {
        return c.percent().signum() == 0 && c.op() == io.dualuse.screening.core.rules.Comparison.GT
                && c.combine() == ContentCriterion.Combine.ANY;
    }

    /** The declared weight percent of an element (0 when not listed, or listed only inside a compound). */
    BigDecimal percentOf(String element) {
        BigDecimal total = BigDecimal.ZERO;
        for (ElementContent c : composition) {
            if (c.element() != null && c.percent() != null && c.element().trim().equalsIgnoreCase(element)) {
                total = total.add(c.percent());
            }
        }
        return total;
    }

    private boolean present(String element) {
        for (ElementContent c : composition) {
            if (c.element() == null || c.percent() == null || c.percent().signum() <= 0) {
                continue;
            }
            String name = c.element().trim();
            if (name.equalsIgnoreCase(element)) {
                return true;
            }
            if (!PLAIN_ELEMENT.matcher(name).matches()) {
                Matcher m = FORMULA_PART.matcher(name);
                while (m.find()) {
                    if (m.group(1).equals(element)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The purity the line states, or null: a compound's share in the composition ({@code Sb2O3: 99.8}),
     * an element share of 90 % or more (how purity is usually declared: {@code Sb: 99.99}), or a
     * purity in the description ("99.8 %", "4N", "5N5"). The highest one counts: doubt leans to control.
     */
    BigDecimal purity() {
        if (purityRead) {
            return purity;
        }
        purityRead = true;
        for (ElementContent c : composition) {
            if (c.element() == null || c.percent() == null) {
                continue;
            }
            boolean compound = !PLAIN_ELEMENT.matcher(c.element().trim()).matches();
            if (compound || c.percent().compareTo(NINETY) >= 0) {
                purity = max(purity, c.percent());
            }
        }
        if (description != null) {
            String d = description.toLowerCase(Locale.ROOT);
            Matcher n = N_NOTATION.matcher(d);
            while (n.find()) {
                int nines = Integer.parseInt(n.group(1));
                String p = "99." + "9".repeat(nines - 2) + (n.group(2) == null ? "" : n.group(2));
                purity = max(purity, new BigDecimal(p));
            }
            Matcher pc = PERCENT.matcher(d);
            while (pc.find()) {
                BigDecimal v = new BigDecimal(pc.group(1));
                if (v.compareTo(NINETY) >= 0 && v.compareTo(HUNDRED) <= 0) {
                    purity = max(purity, v);
                }
            }
        }
        return purity;
    }

    private static BigDecimal max(BigDecimal a, BigDecimal b) {
        return a == null || b.compareTo(a) > 0 ? b : a;
    }

    /** The evidence of the element shares a test used, e.g. {@code Dy = 0.3 %}. */
    String shareOf(String element) {
        return percentOf(element).toPlainString() + " %";
    }
}

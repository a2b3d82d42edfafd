package io.dualuse.screening.core.rules;

import java.util.List;

/**
 * The facts of an order line that confirm or rule out a catalog entry.
 *
 * @param composition      thresholds the announcement sets (W &gt;= 97 %; Dy + Tb &gt; 0.1 % in a magnet):
 *                         a declared composition that fails one rules the entry out
 * @param purity           a purity threshold the announcement sets (antimony oxides &gt;= 99.99 %), or null:
 *                         a purity below it rules the entry out, an unknown purity leaves it possible
 * @param identity         what the material is made of (a metal: Dy &gt;= 90 %; an oxide: Dy present):
 *                         with one of {@code forms} in the description it confirms the entry even when
 *                         the customs code is not a reference code
 * @param forms            the forms the entry covers, as words of a description (metal, ingot, oxide,
 *                         magnet, wafer; 锭, 氧化...): alone they prove nothing
 * @param compositionAlone true when a composition meeting {@code identity} points at the entry even
 *                         without a code or a word (a material that is mostly dysprosium)
 * @param alsoRequires     what else the entry requires that an order does not state (a shape, a
 *                         mechanical property), in words, or null: with it, the facts of an order make
 *                         the line at most possibly controlled
 */
public record Criteria(List<ContentCriterion> composition, Purity purity, List<ContentCriterion> identity,
                       List<String> forms, boolean compositionAlone, String alsoRequires) {

    public static final Criteria NONE = new Criteria(List.of(), null, List.of(), List.of(), false, null);

    public Criteria {
        composition = List.copyOf(composition);
        identity = List.copyOf(identity);
        forms = List.copyOf(forms);
    }

    /** True when the declared composition can confirm the entry: an identity and the forms it takes. */
    public boolean confirmsByForm() {
        return !identity.isEmpty() && !forms.isEmpty();
    }

    /** The facts a line needs for this entry, in words, e.g. "W >= 97 %, purity >= 99.99 %". */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (ContentCriterion c : composition) {
            b.append(b.isEmpty() ? "" : " and ").append(c.describe());
        }
        if (purity != null) {
            b.append(b.isEmpty() ? "" : " and ").append("purity ").append(purity.op().symbol()).append(' ')
                    .append(purity.percent().toPlainString()).append(" %");
        }
        return b.toString();
    }
}

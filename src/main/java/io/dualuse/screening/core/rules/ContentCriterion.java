package io.dualuse.screening.core.rules;

import java.math.BigDecimal;
import java.util.List;

/**
 * A material-content test, e.g. "Dy or Tb &gt; 0.1 % by weight" (ANY) or "W &gt;= 97 %".
 * With SUM the elements' percentages are added first (e.g. total heavy rare earths).
 */
public record ContentCriterion(List<String> elements, Combine combine, Comparison op, BigDecimal percent) {

    public enum Combine { ANY, SUM }

    public ContentCriterion {
        elements = List.copyOf(elements);
    }

    public String describe() {
        String joined = String.join(combine == Combine.SUM ? "+" : " or ", elements);
        return joined + " " + op.symbol() + " " + percent.toPlainString() + " %";
    }
}

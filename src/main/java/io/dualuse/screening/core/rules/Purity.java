package io.dualuse.screening.core.rules;

import java.math.BigDecimal;

/** A purity threshold of a catalog entry, e.g. antimony oxides of purity &gt;= 99.99 % (No. 33 of 2024). */
public record Purity(Comparison op, BigDecimal percent) {
}

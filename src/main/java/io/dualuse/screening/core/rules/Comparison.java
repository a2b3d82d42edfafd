package io.dualuse.screening.core.rules;

import java.math.BigDecimal;

/** How a content criterion compares a weight percent with its threshold. */
public enum Comparison {
    GT(">"), GTE(">="), LT("<"), LTE("<=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean test(BigDecimal value, BigDecimal threshold) {
        int c = value.compareTo(threshold);
        return switch (this) {
            case GT -> c > 0;
            case GTE -> c >= 0;
            case LT -> c < 0;
            case LTE -> c <= 0;
        };
    }
}

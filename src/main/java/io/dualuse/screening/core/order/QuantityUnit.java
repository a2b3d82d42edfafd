package io.dualuse.screening.core.order;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * Units an order or licence quantity may be given in. Mass units convert into each other so that a
 * licence in tonnes covers a line in kilograms; counts only match counts of the same unit.
 * An unknown unit is a reason to HOLD: a licence balance cannot be drawn in a unit nobody knows.
 */
public enum QuantityUnit {
    KG(Dimension.MASS, BigDecimal.ONE),
    G(Dimension.MASS, new BigDecimal("0.001")),
    T(Dimension.MASS, new BigDecimal("1000")),
    PCS(Dimension.COUNT, BigDecimal.ONE),
    SET(Dimension.SET, BigDecimal.ONE),
    L(Dimension.VOLUME, BigDecimal.ONE),
    M(Dimension.LENGTH, BigDecimal.ONE);

    enum Dimension { MASS, COUNT, SET, VOLUME, LENGTH }

    private static final Map<String, QuantityUnit> ALIASES = Map.ofEntries(
            Map.entry("KG", KG), Map.entry("KGM", KG), Map.entry("KGS", KG),
            Map.entry("G", G), Map.entry("GRM", G), Map.entry("GRAM", G),
            Map.entry("T", T), Map.entry("TNE", T), Map.entry("TONNE", T), Map.entry("MT", T),
            Map.entry("PCS", PCS), Map.entry("PC", PCS), Map.entry("EA", PCS), Map.entry("H87", PCS), Map.entry("C62", PCS),
            Map.entry("SET", SET), Map.entry("L", L), Map.entry("LTR", L), Map.entry("M", M), Map.entry("MTR", M));

    private final Dimension dimension;
    private final BigDecimal toBase;

    QuantityUnit(Dimension dimension, BigDecimal toBase) {
        this.dimension = dimension;
        this.toBase = toBase;
    }

    /** The unit for a code such as "kg", "KGM" or "pcs"; null when unknown. */
    public static QuantityUnit parse(String code) {
        return code == null ? null : ALIASES.get(code.trim().toUpperCase(Locale.ROOT));
    }

    public boolean convertibleTo(QuantityUnit other) {
        return dimension == other.dimension;
    }

    /** {@code amount} of this unit expressed in {@code target}; the units must be convertible. */
    public BigDecimal convert(BigDecimal amount, QuantityUnit target) {
        if (this == target) {
            return amount;
        }
        return amount.multiply(toBase).divide(target.toBase, java.math.MathContext.DECIMAL64).stripTrailingZeros();
    }
}

package io.dualuse.screening.core.order;

import java.math.BigDecimal;

/**
 * One element of a line's material composition. The declared text is kept next to the parsed
 * value because an unparseable percentage is a reason to HOLD, not to drop the element.
 *
 * @param percent the weight percent, or null when {@code declared} is not a number
 */
public record ElementContent(String element, String declared, BigDecimal percent) {

    public static ElementContent of(String element, String declared) {
        return new ElementContent(element, declared, parse(declared));
    }

    private static BigDecimal parse(String text) {
        if (text == null) {
            return null;
        }
        // a number past the contract's bounds reads as unreadable, like words: it never becomes a value
        return ContractLimits.boundedOrNull(text);
    }
}

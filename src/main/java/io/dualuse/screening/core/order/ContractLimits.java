package io.dualuse.screening.core.order;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The limits of the service's contracts (orders, licences, rulesets), checked at the edge before any
 * arithmetic or formatting: a value past them is a violation named by its field, never a decision,
 * and it can never make the service spend unbounded memory or time. {@code -1e999999999} is valid
 * decimal text, and {@code BigDecimal.toPlainString()} of it needs a gigabyte.
 */
public final class ContractLimits {

    /** Lines of one order. */
    public static final int MAX_LINES = 1_000;
    /** Composition entries of one line. */
    public static final int MAX_COMPOSITION = 50;
    /** Intermediaries of one order, licence numbers an order names. */
    public static final int MAX_LIST = 50;
    /** Identifiers: order ids, exporter ids, licence numbers. */
    public static final int MAX_IDENTIFIER = 128;
    /** Names of parties, SKUs, control numbers, roles. */
    public static final int MAX_NAME = 500;
    /** Free texts: goods and end-use descriptions. */
    public static final int MAX_TEXT = 4_000;
    /**
     * Bytes of all Kafka headers of an order record together: they are carried to the routed and
     * dead-letter topics, and a record with a megabyte of them would be refused there.
     */
    public static final int MAX_HEADER_BYTES = 64 * 1024;
    /** Digits before the decimal point of any quantity or percentage. */
    public static final int MAX_INTEGER_DIGITS = 15;
    /** Digits after it. */
    public static final int MAX_SCALE = 12;
    private static final int MAX_DECIMAL_TEXT = 40;

    /**
     * An identifier: 1 to 128 of ASCII letters, digits and {@code - _ . : # @ + = ~}, starting with a
     * letter or a digit. No spaces, quotes, slashes, percent signs or control characters: identifiers
     * end up in URLs, file names, Kafka keys and log lines.
     */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:[0-9]++(?:\\.[0-9]*+)?|\\.[0-9]++)(?:[eE][+-]?[0-9]++)?");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:#@+=~-]{0,127}");

    private ContractLimits() {
    }

    /**
     * The decimal written in {@code text}, or null with a violation when it is not a plain decimal
     * within {@link #MAX_INTEGER_DIGITS} integer digits and {@link #MAX_SCALE} decimals. Null text is
     * not checked here (required fields say so themselves).
     */
    public static BigDecimal decimal(String text, String field, List<Violation> violations) {
        if (text == null) {
            return null;
        }
        BigDecimal d = boundedOrNull(text);
        if (d == null) {
            violations.add(new Violation(field, "must be a decimal number with at most " + MAX_INTEGER_DIGITS
                    + " digits before and " + MAX_SCALE + " after the point, got '" + shorten(text) + "'"));
        }
        return d;
    }

    /** The decimal written in {@code text} if it is one within the bounds, otherwise null. */
    public static BigDecimal boundedOrNull(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.isEmpty() || t.length() > MAX_DECIMAL_TEXT) {
            return null;
        }
        BigDecimal d;
        try {
            d = new BigDecimal(t);
        } catch (NumberFormatException e) {
            return null;
        }
        // scale and precision only: neither needs the digits written out
        if (d.scale() > MAX_SCALE || (long) d.precision() - d.scale() > MAX_INTEGER_DIGITS) {
            return null;
        }
        return d;
    }

    /** True when {@code text} is written as a decimal number, of any size (checked without parsing it). */
    public static boolean isNumber(String text) {
        return text != null && NUMBER.matcher(text.trim()).matches();
    }

    /** Adds a violation when {@code id} is present but not an identifier. */
    public static void identifier(String id, String field, List<Violation> violations) {
        if (id != null && !id.isEmpty() && !IDENTIFIER.matcher(id).matches()) {
            violations.add(new Violation(field, "must be 1 to " + MAX_IDENTIFIER
                    + " ASCII letters, digits and - _ . : # @ + = ~, starting with a letter or digit, got '" + shorten(id) + "'"));
        }
    }

    /** Adds a violation when {@code text} is longer than {@code max} characters. */
    public static void length(String text, int max, String field, List<Violation> violations) {
        if (text != null && text.length() > max) {
            violations.add(new Violation(field, "must be at most " + max + " characters, got " + text.length()));
        }
    }

    /** Adds a violation when a list has more than {@code max} items. */
    public static void size(List<?> list, int max, String field, List<Violation> violations) {
        if (list != null && list.size() > max) {
            violations.add(new Violation(field, "must have at most " + max + " items, got " + list.size()));
        }
    }

    /** The first characters of a value for a message, with control characters shown as '?'. */
    public static String shorten(String text) {
        String s = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c);
        }
        return b.toString();
    }
}

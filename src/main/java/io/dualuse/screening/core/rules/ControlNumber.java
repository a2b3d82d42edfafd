package io.dualuse.screening.core.rules;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A control number of the dual-use list, e.g. {@code 1C905.a.4}: a heading of digit, category
 * letter A-E and three digits ({@code 1C905}), then sub-items separated by dots. Written as
 * exporters write it ({@code 1c905.A.4}, full-width {@code １Ｃ９０５．ａ}, spaces, a trailing dot),
 * it is normalised to the list's form, so that a declaration or a licence finds its entry.
 * Local identifiers of the ruleset ({@code CAT2026-R735}) are kept as they are.
 */
public record ControlNumber(String value) {

    private static final Pattern LIST_NUMBER = Pattern.compile("\\d[A-E]\\d{3}(\\.[a-z0-9]+)*");

    /** The normalised form of {@code raw}; null for null or blank. */
    public static ControlNumber parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = Normalizer.normalize(raw, Normalizer.Form.NFKC).replaceAll("\\s+", "");
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.length() >= 5 && Character.isDigit(s.charAt(0)) && Character.isLetter(s.charAt(1))
                && Character.isDigit(s.charAt(2)) && Character.isDigit(s.charAt(3)) && Character.isDigit(s.charAt(4))) {
            String candidate = s.substring(0, 5).toUpperCase(Locale.ROOT) + s.substring(5).toLowerCase(Locale.ROOT);
            if (LIST_NUMBER.matcher(candidate).matches()) {
                return new ControlNumber(candidate);
            }
        }
        return new ControlNumber(s);
    }

    /** True for a dual-use list number (heading and sub-items), false for a local identifier. */
    public boolean isListNumber() {
        return LIST_NUMBER.matcher(value).matches();
    }

    /** The five-character heading, e.g. {@code 1C905}; the value itself for a local identifier. */
    public String heading() {
        return isListNumber() ? value.substring(0, 5) : value;
    }

    /** The enclosing item ({@code 1C905.a} for {@code 1C905.a.4}), or null for a heading or a local identifier. */
    public ControlNumber parent() {
        if (!isListNumber()) {
            return null;
        }
        int dot = value.lastIndexOf('.');
        return dot < 0 ? null : new ControlNumber(value.substring(0, dot));
    }

    /**
     * True when {@code item} is a sub-item of {@code heading}, at any depth, both already normalised:
     * a plain string test for the screening path, where parsing every time cost a tenth of the core.
     */
    public static boolean encloses(String heading, String item) {
        return heading.length() >= 5 && item.length() > heading.length() && item.startsWith(heading)
                && item.charAt(heading.length()) == '.';
    }

    /** The heading of a normalised control number ({@code 1C905} for {@code 1C905.a.4}); a local identifier as it is. */
    public static String headingOf(String cn) {
        return cn.length() > 5 && cn.charAt(5) == '.' && Character.isDigit(cn.charAt(0)) ? cn.substring(0, 5) : cn;
    }

    @Override
    public String toString() {
        return value;
    }
}

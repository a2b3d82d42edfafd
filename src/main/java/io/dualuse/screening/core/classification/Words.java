package io.dualuse.screening.core.classification;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words of a goods or end-use description, normalised so that one keyword finds the spellings
 * exporters actually use: full-width forms and ligatures folded (NFKC), lower case, split on
 * anything that is not a letter or a digit, British spellings folded into American ones
 * ("fibre", "centre", "aluminium", "sulphur"), and a plural s dropped ("machining centres").
 * Keywords and descriptions go through the same function, so the folding only has to be
 * consistent, not linguistically exact.
 *
 * <p>Chinese and Japanese are not written with spaces: a run of Han or kana characters is one
 * "word" here, and terms in those scripts are found as substrings of {@link #fold(String)} instead.
 */
public final class Words {

    private static final Map<String, String> SPELLINGS = Map.ofEntries(
            Map.entry("fibre", "fiber"), Map.entry("centre", "center"), Map.entry("metre", "meter"),
            Map.entry("litre", "liter"), Map.entry("aluminium", "aluminum"), Map.entry("sulphur", "sulfur"),
            Map.entry("sulphide", "sulfide"), Map.entry("sulphate", "sulfate"), Map.entry("sulphuric", "sulfuric"),
            Map.entry("sulphonic", "sulfonic"), Map.entry("caesium", "cesium"), Map.entry("colour", "color"),
            Map.entry("vapour", "vapor"), Map.entry("armour", "armor"), Map.entry("defence", "defense"),
            Map.entry("analyser", "analyzer"), Map.entry("modelling", "modeling"), Map.entry("grey", "gray"),
            Map.entry("tonne", "ton"), Map.entry("calibre", "caliber"), Map.entry("programme", "program"),
            Map.entry("manoeuvre", "maneuver"), Map.entry("oesophageal", "esophageal"));

    private Words() {
    }

    /** Normalised words of {@code text}; empty for null. */
    public static List<String> split(String text) {
        List<String> out = new ArrayList<>(8);
        if (text == null) {
            return out;
        }
        String s = nfkc(text);
        int n = s.length();
        int start = -1;
        for (int i = 0; i <= n; i++) {
            boolean word = i < n && Character.isLetterOrDigit(s.charAt(i));
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                out.add(normalise(s.substring(start, i).toLowerCase(Locale.ROOT)));
                start = -1;
            }
        }
        return out;
    }

    /** The text for substring search of Chinese or Japanese terms: NFKC, lower case, no white space. */
    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String s = nfkc(text).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** True when {@code text} has a Han, Hiragana or Katakana character: such terms are matched by substring. */
    public static boolean hasCjk(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }

    /** True when {@code phrase} (already normalised words) occurs in {@code words} word for word. */
    public static boolean containsPhrase(List<String> words, List<String> phrase) {
        if (phrase.isEmpty()) {
            return false;
        }
        for (int i = 0; i + phrase.size() <= words.size(); i++) {
            if (words.subList(i, i + phrase.size()).equals(phrase)) {
                return true;
            }
        }
        return false;
    }

    private static String nfkc(String text) {
        return Normalizer.isNormalized(text, Normalizer.Form.NFKC) ? text : Normalizer.normalize(text, Normalizer.Form.NFKC);
    }

    /** British spelling and plural folded; applied to one lower-case word. */
    static String normalise(String w) {
        String singular = singular(w);
        String american = SPELLINGS.get(singular);
        return american != null ? american : singular;
    }

    private static String singular(String w) {
        int n = w.length();
        if (n < 4 || w.charAt(n - 1) != 's' || !Character.isLetter(w.charAt(n - 2))) {
            return w;
        }
        if (w.endsWith("ies") && n > 4) {
            return w.substring(0, n - 3) + "y";
        }
        if (w.endsWith("sses") || w.endsWith("shes") || w.endsWith("ches") || w.endsWith("xes") || w.endsWith("zes")) {
            return w.substring(0, n - 2);
        }
        if (w.endsWith("ss") || w.endsWith("us") || w.endsWith("is")) {
            return w;
        }
        return w.substring(0, n - 1);
    }
}

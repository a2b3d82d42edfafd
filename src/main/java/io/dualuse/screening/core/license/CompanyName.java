package io.dualuse.screening.core.license;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compares party names the way a compliance officer would: "Tokyo Rare Metals Co., Ltd." and
 * "TOKYO RARE METALS" are the same company. Case, accents, punctuation and legal-form suffixes
 * are dropped; the remaining words must be equal.
 */
public final class CompanyName {

    private static final Set<String> LEGAL_FORMS = Set.of(
            "co", "company", "ltd", "limited", "inc", "incorporated", "corp", "corporation", "llc", "plc",
            "gmbh", "ag", "sa", "sas", "sarl", "bv", "nv", "spa", "srl", "kk", "kabushiki", "kaisha", "pte",
            "pty", "oy", "ab", "as", "aps", "lp", "llp", "jsc", "pjsc", "ooo", "sdn", "bhd", "tbk", "group");

    private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}");
    private static final java.util.regex.Pattern NOT_WORD = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}]+");
    /** Licence and end-user names repeat across orders: normalise each once. Cleared when large. */
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private CompanyName() {
    }

    public static String normalise(String name) {
        if (name == null) {
            return "";
        }
        String cached = CACHE.get(name);
        if (cached != null) {
            return cached;
        }
        if (CACHE.size() > 50_000) {
            CACHE.clear();
        }
        String key = compute(name);
        CACHE.put(name, key);
        return key;
    }

    private static String compute(String name) {
        String plain = ascii(name) ? name : MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFKD)).replaceAll("");
        String[] words = NOT_WORD.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll(" ").trim().split(" ");
        List<String> kept = new ArrayList<>(words.length);
        StringBuilder initials = new StringBuilder();
        for (String w : words) {
            if (w.length() == 1) {
                initials.append(w); // "K.K.", "S.A.", "B.V." arrive as single letters: join them back
                continue;
            }
            if (initials.length() > 0) {
                kept.add(initials.toString());
                initials.setLength(0);
            }
            if (!w.isEmpty()) {
                kept.add(w);
            }
        }
        if (initials.length() > 0) {
            kept.add(initials.toString());
        }
        // legal forms are dropped only at the end, so "Co" inside a name ("Co Industries") stays
        while (kept.size() > 1 && LEGAL_FORMS.contains(kept.get(kept.size() - 1))) {
            kept.remove(kept.size() - 1);
        }
        return String.join(" ", kept);
    }

    private static boolean ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    public static boolean same(String a, String b) {
        String na = normalise(a);
        return !na.isEmpty() && na.equals(normalise(b));
    }
}

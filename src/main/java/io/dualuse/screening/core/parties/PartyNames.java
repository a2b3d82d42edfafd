package io.dualuse.screening.core.parties;

import com.ibm.icu.text.Transliterator;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A company name made comparable across spellings and scripts.
 *
 * <ul>
 *   <li>Width and compatibility forms are folded (NFKC: ＭＨＩ = MHI, ㈱ = (株)), case too; accents are
 *       dropped (Société = Societe); Traditional Chinese is folded to Simplified (洛克希德·馬丁 = 洛克希德马丁).</li>
 *   <li>Legal-form words are dropped: Co., Ltd., Inc., Corp., LLC, GmbH, K.K., S.A. ... 株式会社, 有限会社,
 *       国立研究開発法人 ... 有限公司, 股份有限公司, 集团. Punctuation and the interpunct (· ・) separate words.</li>
 *   <li>{@link #tokens()}: the Latin words, in any order; a name in kana is romanised
 *       (スバル = subaru). Kanji and hanzi are not romanised: Mandarin pinyin of a Japanese name is not
 *       how anyone writes it, and a Chinese transliteration of a foreign name is no closer to its Latin
 *       spelling in pinyin. Those are compared as characters ({@link #cjk()}) with the list's own
 *       names in that script, and through its aliases.</li>
 * </ul>
 * {@link #joined()} is the Latin words run together: "L3 Harris" and "L3Harris" are one name.
 */
public record PartyNames(String text, List<String> tokens, String cjk, boolean mixed, String joined) {

    // compiled once: String.replaceAll compiles its pattern on every call, most of a short name's cost
    private static final Pattern K_K = Pattern.compile("\\bk\\.\\s?k\\.");
    private static final Pattern S_A = Pattern.compile("\\bs\\.\\s?a\\.");
    private static final Pattern S_P_A = Pattern.compile("\\bs\\.p\\.a\\.");
    private static final Pattern B_V = Pattern.compile("\\bb\\.v\\.");
    private static final Pattern N_V = Pattern.compile("\\bn\\.v\\.");
    private static final Pattern LETTER_DIGIT = Pattern.compile("\\b([a-z])[\\s-]+(\\d)");
    private static final Pattern NOT_ALNUM = Pattern.compile("[^a-z0-9]+");
    /** Legal forms written in CJK, longest first (a shorter one is often inside a longer one). */
    private static final List<String> CJK_FORMS = List.of("股份有限公司", "有限责任公司", "国立研究开发法人", "国立研究開発法人",
            "独立行政法人", "国立大学法人", "一般财团法人", "一般財団法人", "公益财团法人", "公益財団法人", "一般社团法人",
            "一般社団法人", "公益社団法人", "学校法人", "株式会社", "有限会社", "合同会社", "合资会社", "合資会社", "合名会社",
            "有限公司", "公司", "集团", "(株)", "(有)");
    /** Legal-form words in Latin script, after punctuation is gone ("co., ltd." is "co ltd"). */
    private static final Set<String> LATIN_FORMS = Set.of("co", "company", "corp", "corporation", "inc", "incorporated",
            "ltd", "limited", "llc", "plc", "gmbh", "mbh", "ag", "kg", "kk", "kabushiki", "kaisha", "sa", "spa", "srl", "sarl",
            "sas", "bv", "nv", "ab", "oy", "oyj", "asa", "aps", "pte", "pty", "sdn", "bhd", "lp", "llp", "ltda", "the",
            "se", "sro", "spolka", "sp", "as",
            // and the little words: "Raytheon Missiles & Defense" is "Raytheon Missiles and Defense"
            "and", "of", "for", "de", "des", "du", "la", "le", "der", "die", "und", "et", "by");
    /**
     * Traditional to Simplified, character by character, from ICU's transform, each character worked
     * out the first time it is seen: the rule engine costs tens of microseconds per name, a table
     * lookup nothing, and filling the whole CJK block up front cost 0.4 s of start-up.
     */
    private static final class Simplified {
        static final char FIRST = '\u4E00';
        static final char LAST = '\u9FFF';
        /** 0: not worked out yet. A race fills a slot twice with the same value. */
        static final char[] MAP = new char[LAST - FIRST + 1];
        static final ThreadLocal<Transliterator> ICU = ThreadLocal.withInitial(() -> Transliterator.getInstance("Traditional-Simplified"));

        static String of(String s) {
            char[] chars = s.toCharArray();
            for (int i = 0; i < chars.length; i++) {
                char c = chars[i];
                if (c >= FIRST && c <= LAST) {
                    char mapped = MAP[c - FIRST];
                    if (mapped == 0) {
                        String out = ICU.get().transliterate(String.valueOf(c));
                        mapped = out.length() == 1 ? out.charAt(0) : c;
                        MAP[c - FIRST] = mapped;
                    }
                    chars[i] = mapped;
                }
            }
            return new String(chars);
        }
    }

    /**
     * Kana to Latin from ICU's transform, for one kana, a kana with a small ya/yu/yo/vowel after it,
     * or a kana after a small tsu, applied longest match first; each worked out the first time it is
     * seen (the rule engine costs about 50 µs per name, the whole table up front 0.2 s of start-up).
     */
    private static final class Romaji {
        static final String SMALL = "ゃゅょぁぃぅぇぉャュョァィゥェォ";
        static final java.util.Map<String, String> TABLE = new java.util.concurrent.ConcurrentHashMap<>();
        static final ThreadLocal<Transliterator> ICU =
                ThreadLocal.withInitial(() -> Transliterator.getInstance("Katakana-Latin; Hiragana-Latin; Latin-ASCII"));

        static boolean kana(char c) {
            return c >= '\u3041' && c <= '\u3096' || c >= '\u30A1' && c <= '\u30FA';
        }

        /** The romanisation of a unit the table covers, or null for anything else. */
        static String unit(String u) {
            boolean covered = u.length() == 1 ? kana(u.charAt(0))
                    : kana(u.charAt(0)) && SMALL.indexOf(u.charAt(1)) >= 0
                    || (u.charAt(0) == 'っ' || u.charAt(0) == 'ッ') && kana(u.charAt(1));
            return covered ? TABLE.computeIfAbsent(u, k -> ICU.get().transliterate(k)) : null;
        }

        static String of(String s) {
            StringBuilder out = new StringBuilder(s.length() * 2);
            int i = 0;
            while (i < s.length()) {
                String two = i + 2 <= s.length() ? unit(s.substring(i, i + 2)) : null;
                if (two != null) {
                    out.append(two);
                    i += 2;
                } else {
                    String one = unit(s.substring(i, i + 1));
                    out.append(one != null ? one : s.substring(i, i + 1));
                    i++;
                }
            }
            return out.toString();
        }
    }

    private static final ThreadLocal<Transliterator> TO_ASCII = ThreadLocal.withInitial(() -> Transliterator.getInstance("Latin-ASCII"));

    public static PartyNames of(String name) {
        String raw = name == null ? "" : name;
        boolean ascii = raw.chars().allMatch(c -> c < 128);
        String s = (ascii ? raw : Normalizer.normalize(raw, Normalizer.Form.NFKC)).toLowerCase(Locale.ROOT).trim();
        // dotted abbreviations before punctuation goes: k.k. and s.a. are legal forms, not letters
        if (s.indexOf('.') >= 0) {
            s = N_V.matcher(B_V.matcher(S_P_A.matcher(S_A.matcher(K_K.matcher(s).replaceAll(" kk ")).replaceAll(" sa "))
                    .replaceAll(" spa ")).replaceAll(" bv ")).replaceAll(" nv ");
        }
        String cjk = "";
        boolean hasCjk = any(s, PartyNames::isCjk);
        if (hasCjk) {
            String folded = Simplified.of(s);
            for (String form : CJK_FORMS) {
                folded = folded.replace(form, " ");
            }
            cjk = keep(folded, c -> isCjk(c) || Character.isAlphabetic(c) || Character.isDigit(c)).replace("ー", "");
            s = folded;
        }
        String latin = s;
        // a name with CJK words besides its legal form ("IHI原动机", "NEC航空宇宙システム"): its Latin part alone is
        // not the name; it is compared as characters only
        boolean mixed = hasCjk && any(cjk, PartyNames::isCjk) && any(cjk, c -> !isCjk(c));
        if (hasCjk) {
            // romanise only what is kana; kanji and hanzi stay out of the Latin words
            latin = any(s, PartyNames::isKana) && !any(s, PartyNames::isHan) ? Romaji.of(s)
                    : replace(s, PartyNames::isCjk, ' ');
        }
        if (!latin.chars().allMatch(c -> c < 128)) {
            latin = TO_ASCII.get().transliterate(latin); // accents: costly, so only when there are any
        }
        latin = NOT_ALNUM.matcher(LETTER_DIGIT.matcher(latin.replace("&", " and ")).replaceAll("$1$2")) // L-3, L 3: L3
                .replaceAll(" ").trim();
        List<String> tokens = new ArrayList<>();
        for (String t : latin.split(" ")) {
            if (!t.isEmpty() && !LATIN_FORMS.contains(t) && !(t.length() == 1 && Character.isLetter(t.charAt(0)))) {
                tokens.add(t);
            }
        }
        return new PartyNames(name, List.copyOf(tokens), cjk, mixed, String.join("", tokens));
    }

    // Unicode blocks by range: the regex classes \p{IsHan} and the like cost about 1 µs per
    // character, Character.UnicodeScript a binary search, most of a name's cost either way
    private static boolean isHan(int c) {
        return c >= 0x4E00 && c <= 0x9FFF || c >= 0x3400 && c <= 0x4DBF || c >= 0xF900 && c <= 0xFAFF
                || c >= 0x20000 && c <= 0x3134F || c == 0x3005 || c == 0x3007;
    }

    private static boolean isKana(int c) {
        return c >= 0x3041 && c <= 0x309F || c >= 0x30A1 && c <= 0x30FA || c >= 0x30FD && c <= 0x30FF || c >= 0x31F0 && c <= 0x31FF;
    }

    private static boolean isCjk(int c) {
        return c >= 0x2E80 && (isHan(c) || isKana(c));
    }

    private static boolean any(String s, java.util.function.IntPredicate p) {
        return s.codePoints().anyMatch(p);
    }

    private static String keep(String s, java.util.function.IntPredicate p) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().filter(p).forEach(out::appendCodePoint);
        return out.toString();
    }

    private static String replace(String s, java.util.function.IntPredicate p, char with) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (p.test(c)) {
                out.append(with);
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** The name as the service compares it: its Latin words in order of appearance, and its CJK characters. */
    public String key() {
        return String.join(" ", tokens) + "|" + cjk;
    }

    public boolean isEmpty() {
        return tokens.isEmpty() && cjk.isEmpty();
    }
}

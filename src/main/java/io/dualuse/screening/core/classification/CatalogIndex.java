package io.dualuse.screening.core.classification;

import io.dualuse.screening.core.rules.CatalogEntry;
import io.dualuse.screening.core.rules.ControlNumber;
import io.dualuse.screening.core.rules.ReferenceCode;
import io.dualuse.screening.core.rules.Ruleset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hash indexes over the catalog, built once per ruleset, so that classifying a line costs a few map
 * lookups instead of a scan of the catalog: by control number, by reference code (exact 10-digit,
 * 8- and 6-digit prefixes), by the prefixes of every 10-digit code (for orders that declare a short
 * code), by the first word of every keyword and form (Latin script), and by the first character of
 * every keyword and form written in Chinese or Japanese (found as substrings).
 */
public final class CatalogIndex {

    /** A keyword or form split into normalised words, so that "ammonium paratungstate" matches word by word. */
    private record Phrase(String[] words, CatalogEntry entry, String text, boolean form) {
    }

    /** A keyword or form in Chinese or Japanese script, matched as a substring of the folded description. */
    private record CjkPhrase(String folded, CatalogEntry entry, String text, boolean form) {
    }

    /** What a description says about one entry: the keyword it names (or null) and whether it names a form. */
    public record DescriptionHit(CatalogEntry entry, String keyword, String form) {
    }

    /** A hit on a reference code, whether it was the exact 10-digit code, and whether that code covers only this entry. */
    public record CodeHit(CatalogEntry entry, String referenceCode, boolean exact, boolean conclusive) {
    }

    /** How a declared control number was found: the entry, and whether the declaration is more precise than the data. */
    public record Declared(CatalogEntry entry, boolean exact, boolean knownSubItem) {
    }

    private final Map<String, CatalogEntry> byControlNumber = new HashMap<>();
    private final Set<String> enclosing = new HashSet<>();
    private final Map<String, List<CatalogEntry>> byExactCode = new HashMap<>();
    private final Map<String, List<CatalogEntry>> byPrefix8 = new HashMap<>();
    private final Map<String, List<CatalogEntry>> byPrefix6 = new HashMap<>();
    private final Map<String, List<CatalogEntry>> byShortCode = new HashMap<>();
    private final Map<String, List<Phrase>> byFirstWord = new HashMap<>();
    private final Map<Character, List<CjkPhrase>> byFirstChar = new HashMap<>();
    private final List<CatalogEntry> byComposition = new ArrayList<>();

    public CatalogIndex(Ruleset ruleset) {
        for (CatalogEntry e : ruleset.catalog()) {
            byControlNumber.put(e.controlNumber(), e);
            for (ControlNumber p = ControlNumber.parse(e.controlNumber()).parent(); p != null; p = p.parent()) {
                enclosing.add(p.value());
            }
            for (ReferenceCode rc : e.referenceCodes()) {
                String c = rc.code();
                switch (c.length()) {
                    case 10 -> {
                        add(byExactCode, c, e);
                        add(byShortCode, c.substring(0, 8), e);
                        add(byShortCode, c.substring(0, 6), e);
                    }
                    case 8 -> {
                        add(byPrefix8, c, e);
                        add(byShortCode, c.substring(0, 6), e);
                    }
                    default -> add(byPrefix6, c, e);
                }
            }
            for (String k : e.keywords()) {
                addPhrase(k, e, false);
            }
            for (String f : e.criteria().forms()) {
                addPhrase(f, e, true);
            }
            if (e.criteria().compositionAlone()) {
                byComposition.add(e);
            }
        }
    }

    private void addPhrase(String text, CatalogEntry e, boolean form) {
        if (Words.hasCjk(text)) {
            String folded = Words.fold(text);
            if (!folded.isEmpty()) {
                byFirstChar.computeIfAbsent(folded.charAt(0), c -> new ArrayList<>()).add(new CjkPhrase(folded, e, text, form));
            }
            return;
        }
        String[] words = Words.split(text).toArray(String[]::new);
        if (words.length > 0) {
            byFirstWord.computeIfAbsent(words[0], w -> new ArrayList<>()).add(new Phrase(words, e, text, form));
        }
    }

    private static void add(Map<String, List<CatalogEntry>> map, String key, CatalogEntry e) {
        List<CatalogEntry> list = map.computeIfAbsent(key, k -> new ArrayList<>(2));
        if (!list.contains(e)) {
            list.add(e);
        }
    }

    public CatalogEntry byControlNumber(String controlNumber) {
        return byControlNumber.get(controlNumber);
    }

    /** True when other entries are sub-items of this one: it is their heading. */
    public boolean isHeading(CatalogEntry entry) {
        return enclosing.contains(entry.controlNumber());
    }

    /**
     * The entry a declared control number names: itself; or, for a heading or an intermediate level
     * ({@code 9A012.a}), the nearest entry enclosing it; or, for a sub-item finer than the data
     * ({@code 1C905.a.4.b}), the entry it belongs to. Null when nothing of the catalog encloses it.
     * {@code knownSubItem} is false when the declared number is under a heading but is none of its
     * items ({@code 9A012.z}).
     */
    public Declared declared(ControlNumber cn) {
        CatalogEntry exact = byControlNumber.get(cn.value());
        if (exact != null) {
            return new Declared(exact, true, true);
        }
        boolean encloses = enclosing.contains(cn.value());
        for (ControlNumber p = cn.parent(); p != null; p = p.parent()) {
            CatalogEntry e = byControlNumber.get(p.value());
            if (e != null) {
                return new Declared(e, false, encloses || !isHeading(e));
            }
        }
        return null;
    }

    /**
     * Entries whose reference codes point at {@code code} (digits only, 6 to 10 of them). A code shorter
     * than 10 digits also hits every entry with a longer code under it: it is too coarse to rule them out.
     */
    public List<CodeHit> byCode(String code) {
        List<CodeHit> hits = new ArrayList<>(2);
        int n = code.length();
        if (n == 10) {
            addHits(hits, byExactCode.get(code), code, true);
        }
        if (n >= 8) {
            String p8 = code.substring(0, 8);
            addHits(hits, byPrefix8.get(p8), p8, false);
            if (n == 8) {
                addHits(hits, byShortCode.get(p8), p8, false);
            }
        }
        if (n >= 6) {
            String p6 = code.substring(0, 6);
            addHits(hits, byPrefix6.get(p6), p6, false);
            if (n < 8) {
                addHits(hits, byShortCode.get(p6), p6, false);
            }
        }
        return hits;
    }

    /** The control numbers of the entries a customs code points at (for licences that name only codes). */
    public Set<String> controlNumbersByCode(String code) {
        Set<String> out = new HashSet<>();
        if (code != null && code.length() >= 6) {
            byCode(code).forEach(h -> out.add(h.entry().controlNumber()));
        }
        return out;
    }

    private static void addHits(List<CodeHit> hits, List<CatalogEntry> entries, String code, boolean exact) {
        if (entries == null) {
            return;
        }
        outer:
        for (CatalogEntry e : entries) {
            for (CodeHit h : hits) {
                if (h.entry() == e) {
                    continue outer;
                }
            }
            boolean conclusive = false;
            if (exact) {
                for (ReferenceCode rc : e.referenceCodes()) {
                    if (rc.code().equals(code)) {
                        conclusive = e.codeIsConclusive() || rc.conclusive();
                        break;
                    }
                }
            }
            hits.add(new CodeHit(e, code, exact, conclusive));
        }
    }

    /**
     * Entries whose keywords or forms occur in {@code description}: Latin-script ones word for word,
     * Chinese and Japanese ones as substrings. In the order found, each entry once.
     */
    public List<DescriptionHit> byDescription(String description) {
        Map<CatalogEntry, String[]> found = null; // entry -> {keyword, form}
        List<String> words = Words.split(description);
        for (int i = 0; i < words.size(); i++) {
            List<Phrase> candidates = byFirstWord.get(words.get(i));
            if (candidates == null) {
                continue;
            }
            for (Phrase k : candidates) {
                if (matchesAt(words, i, k.words())) {
                    found = note(found, k.entry(), k.text(), k.form());
                }
            }
        }
        if (!byFirstChar.isEmpty()) {
            String folded = Words.fold(description);
            for (int i = 0; i < folded.length(); i++) {
                List<CjkPhrase> candidates = byFirstChar.get(folded.charAt(i));
                if (candidates == null) {
                    continue;
                }
                for (CjkPhrase k : candidates) {
                    if (folded.startsWith(k.folded(), i)) {
                        found = note(found, k.entry(), k.text(), k.form());
                    }
                }
            }
        }
        if (found == null) {
            return List.of();
        }
        List<DescriptionHit> hits = new ArrayList<>(found.size());
        found.forEach((e, kf) -> hits.add(new DescriptionHit(e, kf[0], kf[1])));
        return hits;
    }

    private static Map<CatalogEntry, String[]> note(Map<CatalogEntry, String[]> found, CatalogEntry e, String text, boolean form) {
        Map<CatalogEntry, String[]> out = found == null ? new LinkedHashMap<>() : found;
        String[] kf = out.computeIfAbsent(e, x -> new String[2]);
        int slot = form ? 1 : 0;
        if (kf[slot] == null) {
            kf[slot] = text;
        }
        return out;
    }

    /** Entries a declared composition alone points at (a material that is mostly a listed element). */
    public List<CatalogEntry> byComposition() {
        return byComposition;
    }

    private static boolean matchesAt(List<String> words, int at, String[] keyword) {
        if (at + keyword.length > words.size()) {
            return false;
        }
        for (int j = 1; j < keyword.length; j++) {
            if (!words.get(at + j).equals(keyword[j])) {
                return false;
            }
        }
        return true;
    }
}

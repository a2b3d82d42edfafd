package io.dualuse.screening.classification;

import io.dualuse.screening.rules.CatalogEntry;
import io.dualuse.screening.rules.ReferenceCode;
import io.dualuse.screening.rules.Ruleset;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hash indexes over the catalog, built once per ruleset, so that classifying a line costs a few map
 * lookups instead of a scan of the catalog: by control number, by reference code (exact 10-digit,
 * 8- and 6-digit prefixes), by the prefixes of every 10-digit code (for orders that declare a short
 * code), and by the first word of every keyword.
 */
public final class CatalogIndex {

    /** A keyword split into words, so that "ammonium paratungstate" matches word by word. */
    record Keyword(String[] words, CatalogEntry entry, String text) {
    }

    private final Map<String, CatalogEntry> byControlNumber = new HashMap<>();
    private final Map<String, List<CatalogEntry>> byExactCode = new HashMap<>();
    private final Map<String, List<CatalogEntry>> byPrefix8 = new HashMap<>();
    private final Map<String, List<CatalogEntry>> byPrefix6 = new HashMap<>();
    private final Map<String, List<CatalogEntry>> byShortCode = new HashMap<>();
    private final Map<String, List<Keyword>> byFirstWord = new HashMap<>();

    public CatalogIndex(Ruleset ruleset) {
        for (CatalogEntry e : ruleset.catalog()) {
            byControlNumber.put(e.controlNumber(), e);
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
                String[] words = Words.split(k).toArray(String[]::new);
                if (words.length > 0) {
                    byFirstWord.computeIfAbsent(words[0], w -> new ArrayList<>()).add(new Keyword(words, e, k));
                }
            }
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

    /** A hit on a reference code, and whether it was the exact 10-digit code. */
    public record CodeHit(CatalogEntry entry, String referenceCode, boolean exact) {
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
            hits.add(new CodeHit(e, code, exact));
        }
    }

    /** Entries whose keywords occur, word for word, in {@code description}; in catalog order, each once. */
    public Map<CatalogEntry, String> byDescription(String description) {
        List<String> words = Words.split(description);
        Map<CatalogEntry, String> found = null;
        for (int i = 0; i < words.size(); i++) {
            List<Keyword> candidates = byFirstWord.get(words.get(i));
            if (candidates == null) {
                continue;
            }
            for (Keyword k : candidates) {
                if (matchesAt(words, i, k.words())) {
                    if (found == null) {
                        found = new java.util.LinkedHashMap<>();
                    }
                    found.putIfAbsent(k.entry(), k.text());
                }
            }
        }
        return found == null ? Map.of() : found;
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

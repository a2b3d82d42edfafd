package io.dualuse.screening.core.parties;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MOFCOM's entity lists, indexed for screening parties. A party's name is compared with every name
 * of the entries that share a word, a word's first or last three letters, or two adjacent
 * characters with it (never with the whole list), and scored:
 *
 * <ul>
 *   <li>Latin words: how much of the listed name the party's name covers, each listed word weighted
 *       by how rare it is among all listed names (generic words such as "systems" count little) and
 *       matched exactly or, from four letters on, by Jaro-Winkler (typos); words of the party's
 *       name that match nothing (a works, a branch, another trade) cost in proportion. Word order
 *       does not count.</li>
 *   <li>Chinese and Japanese characters: the listed name inside the party's name (a branch or a
 *       plant added), or the edit distance between them.</li>
 *   <li>A party whose country differs from the entry's is never a confident match.</li>
 * </ul>
 * At or above {@link #CONFIDENT} the party is taken for the entry; from {@link #POSSIBLE} it is a
 * possible match that an officer reviews.
 */
public final class PartyLists {

    public static final double CONFIDENT = 0.90;
    public static final double POSSIBLE = 0.75;
    /** A word, word end or character pair shared by more names than this retrieves none of them. */
    static final int MAX_POSTING = 100;
    static final int MAX_AFFIX_POSTING = 30;
    private static final PartyLists NONE = new PartyLists(List.of(), "none");
    /** Words that say what kind of company, not which: they weigh little whatever their frequency. */
    private static final Set<String> GENERIC = Set.of("systems", "system", "technology", "technologies",
            "industries", "industry", "industrial", "international", "group", "holdings", "holding", "aerospace", "defense",
            "defence", "electronics", "electric", "engineering", "solutions", "services", "research", "institute", "center",
            "centre", "science", "sciences", "laboratory", "laboratories", "global", "advanced", "materials", "manufacturing", "products", "trading", "company",
            "division", "space", "mission", "security", "university", "heavy", "machinery", "instruments", "design");
    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();
    private static final LevenshteinDistance LEVENSHTEIN = LevenshteinDistance.getDefaultInstance();

    private final List<ListedParty> entries;
    private final String version;
    /** Every name of every entry, normalised once. */
    private final List<Name> names = new ArrayList<>();
    private final Map<String, List<Integer>> byToken = new HashMap<>();
    private final Map<String, List<Integer>> byAffix = new HashMap<>();
    private final Map<String, List<Integer>> byBigram = new HashMap<>();
    private final Map<String, Double> weight = new HashMap<>();

    private record Name(ListedParty entry, String text, PartyNames form) {
    }

    public PartyLists(List<ListedParty> entries, String version) {
        this.entries = List.copyOf(entries);
        this.version = version;
        Map<String, Integer> df = new HashMap<>();
        for (ListedParty e : this.entries) {
            for (String n : e.names()) {
                PartyNames form = PartyNames.of(n);
                if (form.isEmpty()) {
                    continue;
                }
                int i = names.size();
                names.add(new Name(e, n, form));
                for (String t : new HashSet<>(form.tokens())) {
                    byToken.computeIfAbsent(t, k -> new ArrayList<>()).add(i);
                    df.merge(t, 1, Integer::sum);
                    if (t.length() >= 5) {
                        byAffix.computeIfAbsent("<" + t.substring(0, 3), k -> new ArrayList<>()).add(i);
                        byAffix.computeIfAbsent(">" + t.substring(t.length() - 3), k -> new ArrayList<>()).add(i);
                    }
                }
                if (!form.joined().isEmpty()) {
                    byToken.computeIfAbsent("=" + form.joined(), k -> new ArrayList<>()).add(i);
                }
                for (String b : bigrams(form.cjk())) {
                    byBigram.computeIfAbsent(b, k -> new ArrayList<>()).add(i);
                }
            }
        }
        int n = Math.max(1, names.size());
        df.forEach((t, count) -> weight.put(t, GENERIC.contains(t) ? 0.3
                : Math.max(0.5, 1 + Math.log((double) n / (count + 1)) / Math.log(n + 1.0))));
    }

    public static PartyLists none() {
        return NONE;
    }

    public List<ListedParty> entries() {
        return entries;
    }

    /** The version of the lists (a hash of their content), cited in decisions. */
    public String version() {
        return version;
    }

    public int size() {
        return entries.size();
    }

    /**
     * The entries a party may be, best first, one per entry, each scored at or above {@link #POSSIBLE}.
     *
     * @param country the party's country (ISO code), or null
     */
    public List<PartyMatch> screen(String name, String country) {
        if (name == null || name.isBlank() || names.isEmpty()) {
            return List.of();
        }
        PartyNames party = PartyNames.of(name);
        if (party.isEmpty()) {
            return List.of();
        }
        Set<Integer> candidates = candidates(party);
        Map<String, PartyMatch> best = new LinkedHashMap<>();
        for (int i : candidates) {
            Name listed = names.get(i);
            double score = score(party, listed.form());
            if (score < POSSIBLE) {
                continue;
            }
            boolean sameCountry = country == null || country.isBlank() || listed.entry().country() == null
                    || listed.entry().country().isBlank() || listed.entry().country().equalsIgnoreCase(country.trim());
            boolean confident = score >= CONFIDENT && sameCountry;
            PartyMatch m = new PartyMatch(listed.entry(), name, listed.text(), Math.round(score * 1000) / 1000.0, confident);
            best.merge(listed.entry().id(), m, (a, b) -> rank(a) >= rank(b) ? a : b);
        }
        List<PartyMatch> out = new ArrayList<>(best.values());
        out.sort(Comparator.comparingDouble(PartyLists::rank).reversed().thenComparing(m -> m.entry().id()));
        return out;
    }

    private static double rank(PartyMatch m) {
        return m.score() + (m.confident() ? 1 : 0);
    }

    /**
     * The names worth scoring: those that share a distinctive word, a word end or a character pair
     * with the party's. Generic words and postings longer than {@link #MAX_POSTING} do not retrieve
     * (a name that shares only "systems" with a party cannot score; one that shares a typo'd word
     * still shares its other end).
     */
    private Set<Integer> candidates(PartyNames party) {
        Set<Integer> out = new HashSet<>();
        for (String t : party.tokens()) {
            if (!GENERIC.contains(t)) {
                addPosting(out, byToken.get(t));
            }
            if (t.length() >= 5) {
                // the typo path: only word ends that few names share are worth scoring
                addPosting(out, byAffix.get("<" + t.substring(0, 3)), MAX_AFFIX_POSTING);
                addPosting(out, byAffix.get(">" + t.substring(t.length() - 3)), MAX_AFFIX_POSTING);
            }
        }
        if (!party.joined().isEmpty()) {
            addPosting(out, byToken.get("=" + party.joined()));
        }
        // characters: a name that shares two pairs with the party's (one when the party has only one),
        // so that a common pair alone ("株式", "航空") does not make every such name a candidate
        List<String> pairs = bigrams(party.cjk());
        int need = Math.min(2, pairs.size());
        Map<Integer, Integer> shared = new HashMap<>();
        for (String b : new HashSet<>(pairs)) {
            List<Integer> posting = byBigram.get(b);
            if (posting != null && posting.size() <= MAX_POSTING) {
                for (int i : posting) {
                    if (shared.merge(i, 1, Integer::sum) == need) {
                        out.add(i);
                    }
                }
            }
        }
        return out;
    }

    private static void addPosting(Set<Integer> out, List<Integer> posting) {
        addPosting(out, posting, MAX_POSTING);
    }

    private static void addPosting(Set<Integer> out, List<Integer> posting, int max) {
        if (posting != null && posting.size() <= max) {
            out.addAll(posting);
        }
    }

    /** How well a party's name matches one listed name, 0..1. */
    double score(PartyNames party, PartyNames listed) {
        double latin = 0;
        if (!party.tokens().isEmpty() && !listed.tokens().isEmpty() && !listed.mixed()) {
            latin = party.joined().equals(listed.joined()) ? 1.0 : latinScore(party.tokens(), listed.tokens());
            int shorter = Math.min(party.joined().length(), listed.joined().length());
            int longer = Math.max(party.joined().length(), listed.joined().length());
            if (party.tokens().size() == 1 && shorter >= 5 && shorter >= 0.8 * longer) {
                // one word for several ("テラドローン" romanised as teradoron for Terra Drone)
                double jw = JARO_WINKLER.apply(party.joined(), listed.joined());
                latin = Math.max(latin, jw >= 0.88 ? jw - 0.02 : 0);
            }
        }
        double cjk = 0;
        if (!party.cjk().isEmpty() && !listed.cjk().isEmpty()) {
            cjk = cjkScore(party.cjk(), listed.cjk());
        }
        return Math.max(latin, cjk);
    }

    private double latinScore(List<String> party, List<String> listed) {
        double total = 0;
        double covered = 0;
        boolean distinctive = false;
        int unmatched = 0;
        Set<Integer> used = new HashSet<>();
        for (String b : listed) {
            double w = weight.getOrDefault(b, GENERIC.contains(b) ? 0.3 : 1.0);
            total += w;
            double bestSim = 0;
            int bestAt = -1;
            for (int i = 0; i < party.size(); i++) {
                double sim = similarity(party.get(i), b);
                if (sim > bestSim) {
                    bestSim = sim;
                    bestAt = i;
                }
            }
            if (bestAt < 0) {
                unmatched += GENERIC.contains(b) ? 0 : 1;
            } else {
                used.add(bestAt);
                covered += w * bestSim;
                distinctive |= bestSim >= 0.88 && !GENERIC.contains(b);
            }
        }
        if (total == 0 || !distinctive) {
            return 0; // generic words alone ("Aerospace Systems") name nobody
        }
        // words of the party's name that no listed word matched: a branch or a works costs a little,
        // a different business ("Summit Foods" for "Summit Technologies") more
        double partyTotal = 0;
        double partyMatched = 0;
        for (int i = 0; i < party.size(); i++) {
            String t = party.get(i);
            double w = GENERIC.contains(t) ? 0.3 : weight.getOrDefault(t, 1.0);
            partyTotal += w;
            if (used.contains(i)) {
                partyMatched += w;
            }
        }
        // each listed word the party's name lacks says another entity may be meant ("Mitsubishi Electric"
        // for "Mitsubishi Electric Engineering")
        return covered / total - 0.2 * (1 - partyMatched / partyTotal) - 0.1 * Math.min(unmatched, 3);
    }

    private static double similarity(String a, String b) {
        if (a.equals(b)) {
            return 1.0;
        }
        if (a.length() < 4 || b.length() < 4 || Character.isDigit(a.charAt(0)) != Character.isDigit(b.charAt(0))) {
            return 0;
        }
        // a typo, not another word that starts alike ("illumination" is not "illumina", "drone" not "dedrone")
        int edits = Math.min(a.length(), b.length()) >= 8 ? 2 : 1;
        if (Math.abs(a.length() - b.length()) > edits || LEVENSHTEIN.apply(a, b) > edits) {
            return 0;
        }
        double jw = JARO_WINKLER.apply(a, b);
        return jw >= 0.88 ? jw : 0;
    }

    private static double cjkScore(String party, String listed) {
        if (party.equals(listed)) {
            return 1.0;
        }
        if (listed.length() >= 3 && party.contains(listed)) {
            // the listed name with a plant, branch or department added
            return listed.length() >= 4 ? 0.95 : 0.88;
        }
        int longer = Math.max(party.length(), listed.length());
        if (Math.min(party.length(), listed.length()) < 4 || Math.abs(party.length() - listed.length()) > longer / 4) {
            return 0; // two or three characters differing are another name
        }
        // at most a quarter of the characters differ, or the score is under POSSIBLE anyway
        int distance = new LevenshteinDistance(longer / 4).apply(party, listed);
        return distance < 0 ? 0 : 1.0 - (double) distance / longer;
    }

    private static List<String> bigrams(String s) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i + 1 < s.length(); i++) {
            out.add(s.substring(i, i + 2));
        }
        return out;
    }
}

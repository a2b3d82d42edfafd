package io.dualuse.screening.bench;

import io.dualuse.screening.core.parties.ListKind;
import io.dualuse.screening.core.parties.ListStatus;
import io.dualuse.screening.core.parties.ListedParty;
import io.dualuse.screening.core.parties.PartyLists;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * One party screened against a list of 50,000 synthetic entries shaped like MOFCOM's (an English
 * name of two to four words with a legal form, a Chinese name, for a third a Japanese name, one or
 * two aliases). The parties are a mix: a third listed names as written elsewhere (other case, legal
 * form, a word added), a third unlisted Latin names, a third unlisted Chinese and Japanese names.
 * Target (issue #20): at most 20 µs per party.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PartyScreeningBenchmark {

    private static final String[] SYLLABLES = {"ka", "ro", "ne", "vi", "tor", "lan", "mex", "dra", "sol", "ben", "qui", "zar",
            "pel", "tis", "gor", "mun", "fal", "dex", "rin", "hol", "var", "sen", "tek", "lum", "cor", "bri", "nox", "ast"};
    private static final String[] WORDS = {"Systems", "Technologies", "Aerospace", "Defense", "Industries", "Electronics",
            "Materials", "Robotics", "Dynamics", "Research", "Instruments", "Engineering", "Marine", "Optics", "Drones"};
    private static final String[] FORMS = {"Inc.", "LLC", "Corporation", "Co., Ltd.", "GmbH", "Ltd.", "S.A."};
    private static final String HANZI = "安百宝北贝本比博布达德迪东多恩尔法菲丰弗福盖格古哈海汉赫亨华吉加杰金凯康柯科克库拉莱兰雷利林隆卢鲁罗洛马迈麦曼梅蒙米纳尼诺欧帕佩普奇乔萨塞森沙圣斯索泰特腾通托瓦威维沃希辛雅亚伊英尤宇泽扎珍";
    private static final String KATAKANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";

    private PartyLists lists;
    private final List<String> parties = new ArrayList<>();
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Random r = new Random(50_000);
        List<ListedParty> entries = new ArrayList<>();
        List<String> listedNames = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            String en = latinName(r) + " " + WORDS[r.nextInt(WORDS.length)] + (r.nextBoolean() ? " " + WORDS[r.nextInt(WORDS.length)] : "")
                    + " " + FORMS[r.nextInt(FORMS.length)];
            String zh = chars(r, HANZI, 3 + r.nextInt(4)) + "公司";
            String ja = i % 3 == 0 ? chars(r, KATAKANA, 4 + r.nextInt(4)) + "株式会社" : "";
            List<String> aliases = r.nextBoolean() ? List.of(en.split(" ")[0]) : List.of(en.split(" ")[0] + " " + en.split(" ")[1]);
            entries.add(new ListedParty("SYN-" + i, ListKind.values()[i % 3], "synthetic", LocalDate.of(2025, 1, 1),
                    LocalDate.of(2025, 1, 1), ListStatus.IN_FORCE, null, zh, en, ja, aliases, "US", "synthetic", false, "synthetic"));
            listedNames.add(en);
        }
        lists = new PartyLists(entries, "synthetic");
        for (int i = 0; i < 3_000; i++) {
            parties.add(switch (i % 3) {
                case 0 -> listedNames.get(r.nextInt(listedNames.size())).toUpperCase().replace("INC.", "Incorporated") + " Plant " + i;
                case 1 -> latinName(r) + " " + WORDS[r.nextInt(WORDS.length)] + " Trading Ltd";
                default -> r.nextBoolean() ? chars(r, HANZI, 4) + "贸易有限公司" : chars(r, KATAKANA, 5) + "株式会社";
            });
        }
    }

    private static String latinName(Random r) {
        String w = SYLLABLES[r.nextInt(SYLLABLES.length)] + SYLLABLES[r.nextInt(SYLLABLES.length)] + SYLLABLES[r.nextInt(SYLLABLES.length)];
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    private static String chars(Random r, String from, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(from.charAt(r.nextInt(from.length())));
        }
        return sb.toString();
    }

    @Benchmark
    public int screenOneParty() {
        String party = parties.get(next);
        next = (next + 1) % parties.size();
        return lists.screen(party, "US").size();
    }
}

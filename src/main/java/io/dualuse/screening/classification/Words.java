package io.dualuse.screening.classification;

import java.util.ArrayList;
import java.util.List;

/** Lower-case words of a free text, split on anything that is not a letter or a digit. */
public final class Words {

    private Words() {
    }

    public static List<String> split(String text) {
        List<String> out = new ArrayList<>(8);
        if (text == null) {
            return out;
        }
        int n = text.length();
        int start = -1;
        for (int i = 0; i <= n; i++) {
            boolean word = i < n && Character.isLetterOrDigit(text.charAt(i));
            if (word && start < 0) {
                start = i;
            } else if (!word && start >= 0) {
                out.add(text.substring(start, i).toLowerCase(java.util.Locale.ROOT));
                start = -1;
            }
        }
        return out;
    }

    /** True when {@code phrase} (already lower-case words) occurs in {@code words} word for word. */
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
}

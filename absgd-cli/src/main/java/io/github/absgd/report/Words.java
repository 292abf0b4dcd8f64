package io.github.absgd.report;

import java.util.Collection;
import java.util.List;

/** The report pages' English: lists and counts as a sentence says them. */
final class Words {

    private Words() {}

    /** "a", "a and b", "a, b and c". */
    static String list(Collection<?> items) {
        List<String> words = items.stream().map(String::valueOf).toList();
        return words.size() <= 1 ? String.join("", words)
                : String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
    }

    /** "seed" for one, "seeds" otherwise. */
    static String plural(String word, int count) {
        return count == 1 ? word : word + "s";
    }
}

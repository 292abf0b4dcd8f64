package io.github.absgd.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The usual long-tail report groups by training-set size: many (more than 100 samples), medium
 * (20 to 100) and few (fewer than 20). An empty group is null, so that reports never show a
 * misleading 0 or NaN accuracy for it.
 *
 * @param many class indices with more than 100 training samples, or null
 * @param medium class indices with 20 to 100 training samples, or null
 * @param few class indices with fewer than 20 training samples, or null
 */
public record ClassGroups(List<Integer> many, List<Integer> medium, List<Integer> few) {

    public static final int MANY_ABOVE = 100;
    public static final int FEW_BELOW = 20;

    /** Groups classes by their training counts. */
    public static ClassGroups of(int[] trainCounts) {
        List<Integer> many = new ArrayList<>();
        List<Integer> medium = new ArrayList<>();
        List<Integer> few = new ArrayList<>();
        for (int c = 0; c < trainCounts.length; c++) {
            if (trainCounts[c] > MANY_ABOVE) {
                many.add(c);
            } else if (trainCounts[c] >= FEW_BELOW) {
                medium.add(c);
            } else {
                few.add(c);
            }
        }
        return new ClassGroups(orNull(many), orNull(medium), orNull(few));
    }

    private static List<Integer> orNull(List<Integer> group) {
        return group.isEmpty() ? null : List.copyOf(group);
    }
}

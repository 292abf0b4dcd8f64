package io.github.absgd.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The long-tail literature's class groups by training-set size: many-shot (more than 100 training
 * images), medium-shot (20 to 100) and few-shot (fewer than 20). An empty group is an empty list;
 * reports turn it into null, never 0 or NaN.
 */
public record ClassGroups(List<Integer> many, List<Integer> medium, List<Integer> few) {

    public static final int MANY_ABOVE = 100;
    public static final int FEW_BELOW = 20;

    public static ClassGroups of(long[] trainCounts) {
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
        return new ClassGroups(List.copyOf(many), List.copyOf(medium), List.copyOf(few));
    }
}

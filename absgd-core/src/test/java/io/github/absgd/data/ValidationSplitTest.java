package io.github.absgd.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.absgd.util.InvalidSettingException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValidationSplitTest {

    /** Class c has counts[c] samples; feature i is i, so a sample can be traced through the split. */
    private static LabeledData data(int... counts) {
        int n = Arrays.stream(counts).sum();
        int[] labels = new int[n];
        float[] features = new float[n];
        for (int c = 0, i = 0; c < counts.length; c++) {
            for (int k = 0; k < counts[c]; k++, i++) {
                labels[i] = c;
                features[i] = i;
            }
        }
        return LabeledData.ofFeatures(1, features, labels, counts.length, null);
    }

    @Test
    void eachClassGivesItsShareAtLeastOneOfTwoAndNeverItsLast() {
        ValidationSplit.Parts parts = ValidationSplit.carve(data(100, 40, 7, 2, 1), 0.1, 3);
        assertArrayEquals(new int[] {10, 4, 1, 1, 0}, parts.validation().observedClassCounts());
        assertArrayEquals(new int[] {90, 36, 6, 1, 1}, parts.train().observedClassCounts());
        Set<Float> seen = new HashSet<>();
        for (LabeledData part : new LabeledData[] {parts.train(), parts.validation()}) {
            for (int i = 0; i < part.size(); i++) {
                assertEquals(true, seen.add(part.features()[i]), "every sample in exactly one part");
            }
        }
        assertEquals(150, seen.size());
    }

    @Test
    void theSplitIsSeeded() {
        LabeledData data = data(50, 50);
        float[] a = ValidationSplit.carve(data, 0.2, 7).validation().features();
        assertArrayEquals(a, ValidationSplit.carve(data, 0.2, 7).validation().features());
        assertFalse(Arrays.equals(a, ValidationSplit.carve(data, 0.2, 8).validation().features()));
    }

    @Test
    void aFractionOutsideZeroOneIsRefused() {
        for (double f : new double[] {-0.1, 1, 1.5, Double.NaN}) {
            InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> ValidationSplit.carve(data(5, 5), f, 0));
            assertEquals("val-fraction", e.setting());
        }
    }
}

package io.github.absgd.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class OptionAShortcutTest {

    @Test
    void subsamplesThenZeroPadsChannels() {
        int n = 2, c = 2, h = 4, w = 4, planes = 4;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.arange(0f, n * c * h * w).reshape(n, c, h, w);
            NDArray out = OptionAShortcut.apply(x, planes);
            assertEquals(new Shape(n, planes, h / 2, w / 2), out.getShape());

            float[] xs = x.toFloatArray();
            float[] expected = new float[n * planes * (h / 2) * (w / 2)];
            int pad = planes / 4;
            for (int b = 0; b < n; b++) {
                for (int ch = 0; ch < c; ch++) {
                    for (int i = 0; i < h / 2; i++) {
                        for (int j = 0; j < w / 2; j++) {
                            int src = ((b * c + ch) * h + 2 * i) * w + 2 * j;
                            int dst = ((b * planes + ch + pad) * (h / 2) + i) * (w / 2) + j;
                            expected[dst] = xs[src];
                        }
                    }
                }
            }
            assertArrayEquals(expected, out.toFloatArray(), 0f);
        }
    }
}

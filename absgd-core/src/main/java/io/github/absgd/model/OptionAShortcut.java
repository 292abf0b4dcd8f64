package io.github.absgd.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * The parameter-free "option A" shortcut of the CIFAR ResNets (He et al. 2016, Idelbayev's
 * resnet32): keep every second row and column, then zero-pad the channels by planes/4 on each side.
 */
public final class OptionAShortcut {

    private static final NDIndex EVERY_SECOND_PIXEL = new NDIndex(":, :, ::2, ::2");

    private OptionAShortcut() {}

    /** {@code x[:, :, ::2, ::2]} padded with planes/4 zero channels before and after. */
    public static NDArray apply(NDArray x, int planes) {
        long pad = planes / 4;
        // pad() lists (before, after) pairs from the last axis backwards: W, H, then C
        return x.get(EVERY_SECOND_PIXEL).pad(new Shape(0, 0, 0, 0, pad, pad), 0);
    }
}

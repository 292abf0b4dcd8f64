package io.github.absgd.optim;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Tells a parameter's step apart from the same step repeated for its copies on other devices.
 *
 * <p>DJL's multi-device trainer keeps one copy of every parameter per device. At {@code
 * trainer.step()} its {@code LocalParameterServer} sums the copies' gradients on the first device
 * and then calls {@code Optimizer.update(id, copy, summed gradient)} once per copy, the copies of one
 * parameter one after another. An optimizer that counted each call as a step would advance its step
 * count and momentum k times a step on k devices. Here only the first copy's update is a step; every
 * further copy subtracts the delta the first one subtracted (the copies start equal, so they stay
 * equal, bit for bit).
 *
 * <p>A call is a further copy of the step under way when it follows an update of the same parameter,
 * updates another array than that update did, and either brings the very gradient array that update
 * brought (the server hands one summed array to every copy on the first device) or updates a copy on
 * another device. One device never matches: each step updates the same array again.
 */
final class DeviceCopies {

    private String parameterId;
    private NDArray weight; // compared by identity only
    private NDArray gradient; // compared by identity only; it may be closed by now
    private Device device;
    private NDArray delta;
    private NDManager deltaScope; // keeps delta until the next parameter's step

    synchronized boolean isFurtherCopy(String id, NDArray weight, NDArray grad) {
        return id.equals(parameterId) && weight != this.weight
                && (grad == gradient || !weight.getDevice().equals(device));
    }

    /** Remembers the step just taken on a parameter's first copy; {@code scope} (holding {@code delta}) is closed later. */
    synchronized void stepped(String id, NDArray weight, NDArray grad, NDArray delta, NDManager scope) {
        release();
        this.parameterId = id;
        this.weight = weight;
        this.gradient = grad;
        this.device = weight.getDevice();
        this.delta = delta;
        this.deltaScope = scope;
    }

    /** Applies the first copy's step to a further copy. */
    synchronized void repeatOn(NDArray copy) {
        if (copy.getDevice().equals(device)) {
            copy.subi(delta);
        } else {
            try (NDArray moved = delta.toDevice(copy.getDevice(), true)) {
                copy.subi(moved);
            }
        }
    }

    private void release() {
        if (deltaScope != null) {
            deltaScope.close();
        }
        deltaScope = null;
        delta = null;
        weight = null;
        gradient = null;
    }
}

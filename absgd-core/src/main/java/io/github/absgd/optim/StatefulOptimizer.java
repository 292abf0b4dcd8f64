package io.github.absgd.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.ParameterTracker;
import io.github.absgd.core.AttentionalWeighting;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What ABSGD's optimizers share: PyTorch's per-parameter update order (weight decay added to the
 * gradient, an in-place step, the gradient cleared), step counting that survives a checkpoint,
 * named state arrays that can be saved and restored, and the commit of the attentional normaliser
 * once per optimizer step. On several devices, where DJL updates each device's copy of a parameter,
 * all of this still happens once a step ({@link DeviceCopies}).
 */
public abstract class StatefulOptimizer extends Optimizer {

    /**
     * Parameters with fewer elements than this are updated on one libtorch thread; larger ones
     * (where two or more threads pay off on an idle machine) keep the engine's thread count.
     */
    static final long SERIAL_UPDATE_LIMIT = 1L << 20;

    private final ParameterTracker learningRate;
    private final float weightDecay;
    private final AttentionalWeighting weighting;
    private final Map<String, Integer> steps = new ConcurrentHashMap<>();
    /** State arrays by parameter id, then by slot name (e.g. "momentum"); detached from managers. */
    private final Map<String, Map<String, NDArray>> state = new ConcurrentHashMap<>();
    private final DeviceCopies copies = new DeviceCopies();

    protected StatefulOptimizer(Builder<?> builder) {
        super(new DjlDefaults());
        if (builder.learningRate == null) {
            throw new IllegalArgumentException("a learning-rate tracker is required");
        }
        if (!(builder.weightDecay >= 0f)) {
            throw new IllegalArgumentException("weight decay must be >= 0, got " + builder.weightDecay);
        }
        this.learningRate = builder.learningRate;
        this.weightDecay = builder.weightDecay;
        this.weighting = builder.weighting;
    }

    /**
     * One step of {@code parameterId}, or, when DJL calls again for the parameter's copy on another
     * device in the same step, the same step applied to that copy: step counts, state and the
     * weighting's normaliser advance once a step however many devices train.
     */
    @Override
    public final void update(String parameterId, NDArray weight, NDArray grad) {
        if (copies.isFurtherCopy(parameterId, weight, grad)) {
            EngineOps.withoutGradient(() -> {
                copies.repeatOn(weight);
                EngineOps.zeroGradient(weight);
                return null;
            });
            return;
        }
        if (weighting != null) {
            weighting.commit(); // once per step: the first parameter's update commits, the rest find nothing pending
        }
        int step = steps.merge(parameterId, 1, Integer::sum);
        float lr = learningRate.getNewValue(parameterId, step);
        // An update is a handful of memory-bound elementwise ops on a parameter-sized tensor: split
        // over threads, each op waits at an OpenMP barrier for a worker that, on a busy machine, may
        // not be scheduled for milliseconds (35 ms of a 420 ms small-cnn step). One thread does the
        // same arithmetic, element by element, so the result is bit-identical.
        boolean serial = weight.size() < SERIAL_UPDATE_LIMIT;
        EngineOps.withoutGradient(
                () -> serial ? EngineOps.singleThreaded(() -> apply(parameterId, weight, grad, step, lr))
                        : apply(parameterId, weight, grad, step, lr));
    }

    private Void apply(String parameterId, NDArray weight, NDArray grad, int step, float lr) {
        NDManager scratch = weight.getManager().newSubManager();
        NDArray delta = step(parameterId, weight, decayedGradient(weight, grad, scratch), step, lr, scratch);
        weight.subi(delta);
        copies.stepped(parameterId, weight, grad, delta, scratch); // closes the previous step's scratch
        EngineOps.zeroGradient(weight);
        return null;
    }

    /**
     * grad + weight_decay * w as a fresh array in {@code scratch} (subclasses may modify it; the
     * caller's gradient is never touched). Built as (weight_decay * w) + grad: float addition
     * commutes, so the bits are those of grad + (weight_decay * w), one temporary fewer.
     */
    private NDArray decayedGradient(NDArray weight, NDArray grad, NDManager scratch) {
        if (weightDecay == 0f) {
            return inScratch(grad.duplicate(), scratch);
        }
        return inScratch(weight.mul(weightDecay), scratch).addi(grad);
    }

    /**
     * The amount to subtract from {@code weight}, given the decayed gradient {@code g} and the
     * 1-based {@code step} of this parameter. Temporaries go in {@code scratch}; state arrays come
     * from {@link #slot}.
     */
    protected abstract NDArray step(
            String parameterId, NDArray weight, NDArray g, int step, float lr, NDManager scratch);

    /** The named state array of a parameter, or null before its first step. */
    protected final NDArray slot(String parameterId, String name) {
        Map<String, NDArray> slots = state.get(parameterId);
        return slots == null ? null : slots.get(name);
    }

    /** Keeps {@code array} (a fresh array, detached here) as a named state of the parameter. */
    protected final void putSlot(String parameterId, String name, NDArray array) {
        array.detach();
        state.computeIfAbsent(parameterId, k -> new ConcurrentHashMap<>()).put(name, array);
    }

    /** Puts a temporary computed from a state array in the step's scratch manager, closed after the step. */
    protected static NDArray inScratch(NDArray temporary, NDManager scratch) {
        temporary.attach(scratch);
        return temporary;
    }

    /** How many updates {@code parameterId} has had. */
    public int stepCount(String parameterId) {
        return steps.getOrDefault(parameterId, 0);
    }

    /** The weighting this optimizer commits, or null. */
    public AttentionalWeighting weighting() {
        return weighting;
    }

    /**
     * Writes step counts and state arrays (momentum, Adam moments) for a checkpoint, keyed by
     * {@code idToName}: DJL's parameter ids are random per process, the names are stable.
     */
    public void saveState(DataOutputStream out, Function<String, String> idToName) throws IOException {
        Map<String, Integer> sortedSteps = new TreeMap<>();
        steps.forEach((id, count) -> sortedSteps.put(idToName.apply(id), count));
        out.writeInt(sortedSteps.size());
        for (Map.Entry<String, Integer> entry : sortedSteps.entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeInt(entry.getValue());
        }
        Map<String, Map<String, NDArray>> sorted = new TreeMap<>();
        state.forEach((id, slots) -> sorted.put(idToName.apply(id), slots));
        out.writeInt(sorted.size());
        for (Map.Entry<String, Map<String, NDArray>> parameter : sorted.entrySet()) {
            out.writeUTF(parameter.getKey());
            Map<String, NDArray> slots = new TreeMap<>(parameter.getValue());
            out.writeInt(slots.size());
            for (Map.Entry<String, NDArray> slot : slots.entrySet()) {
                out.writeUTF(slot.getKey());
                byte[] bytes = slot.getValue().encode();
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
    }

    /**
     * Restores what {@link #saveState} wrote, mapping saved names back to this process's parameter
     * ids with {@code nameToId}; arrays are created by {@code manager} and detached.
     */
    public void loadState(DataInputStream in, NDManager manager, Function<String, String> nameToId) throws IOException {
        steps.clear();
        state.clear();
        int stepEntries = in.readInt();
        for (int i = 0; i < stepEntries; i++) {
            steps.put(nameToId.apply(in.readUTF()), in.readInt());
        }
        int parameters = in.readInt();
        for (int i = 0; i < parameters; i++) {
            String parameterId = nameToId.apply(in.readUTF());
            int slots = in.readInt();
            for (int s = 0; s < slots; s++) {
                String name = in.readUTF();
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                putSlot(parameterId, name, NDArray.decode(manager, bytes));
            }
        }
    }

    /**
     * DJL's {@code Optimizer} takes its own builder; its options (gradient clipping, rescaling,
     * per-parameter decays, a first update number) are not ours, so they keep DJL's defaults and
     * our builders do not offer them.
     */
    private static final class DjlDefaults extends OptimizerBuilder<DjlDefaults> {
        @Override
        protected DjlDefaults self() {
            return this;
        }
    }

    /** Builder options common to ABSGD's optimizers: only what the update honours. */
    public abstract static class Builder<T extends Builder<T>> {
        private ParameterTracker learningRate;
        private float weightDecay;
        private AttentionalWeighting weighting;

        /** The learning rate, read at every update from a DJL tracker (by the parameter's step count). */
        public T learningRate(ParameterTracker tracker) {
            this.learningRate = tracker;
            return self();
        }

        /** L2 weight decay added to the gradient of every parameter, bias included (PyTorch). */
        public T weightDecay(float weightDecay) {
            this.weightDecay = weightDecay;
            return self();
        }

        /** The attentional weighting whose normaliser advances with this optimizer's steps. */
        public T weighting(AttentionalWeighting weighting) {
            this.weighting = weighting;
            return self();
        }

        protected abstract T self();
    }
}

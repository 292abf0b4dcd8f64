package io.github.absgd.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.LocalParameterServer;
import ai.djl.training.ParameterServer;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A test double for DJL's per-device parameter copies, for a machine with one CPU. DJL cannot train
 * on two CPU devices ({@code Device.of("cpu", k)} is the one CPU, and {@code ParameterStore} refuses a
 * device twice), so this store, put into a real {@link Trainer} whose devices are set to k CPUs,
 * keeps k copies of every parameter on the CPU and hands copy j to the j-th forward pass of a step
 * (the parts of a batch go forward in order, each reading every parameter once). Everything else is
 * DJL's own: {@code Batch.split(trainer.getDevices())}, {@code trainer.forward}, {@code
 * trainer.step()}, and the update through {@link LocalParameterServer}, which sums the copies'
 * gradients on the first and calls {@code Optimizer.update} once per copy, as on k GPUs.
 */
final class CpuDeviceCopies extends ParameterStore {

    private final int copies;
    private final ParameterServer server;
    private final Map<String, Parameter> parameters = new ConcurrentHashMap<>();
    private final Map<String, NDArray[]> arrays = new ConcurrentHashMap<>();
    private final Map<String, Integer> reads = new ConcurrentHashMap<>();

    private CpuDeviceCopies(Trainer trainer, Optimizer optimizer, int copies) {
        super(trainer.getManager(), false);
        this.copies = copies;
        this.server = new LocalParameterServer(optimizer);
    }

    /** Makes {@code trainer} (not yet initialised) train on {@code copies} CPU "devices". */
    static void install(Trainer trainer, Optimizer optimizer, int copies) {
        Device[] devices = new Device[copies];
        Arrays.fill(devices, Device.cpu());
        set(trainer, "devices", devices);
        set(trainer, "parameterStore", new CpuDeviceCopies(trainer, optimizer, copies));
    }

    /** Every copy of every parameter, in the order DJL keeps them (copy 0 is the parameter's own array). */
    static Map<String, NDArray[]> of(Trainer trainer) {
        try {
            Field field = Trainer.class.getDeclaredField("parameterStore");
            field.setAccessible(true);
            return ((CpuDeviceCopies) field.get(trainer)).arrays;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public NDArray getValue(Parameter parameter, Device device, boolean training) {
        if (parameter == null) {
            return null;
        }
        String id = parameter.getId();
        parameters.putIfAbsent(id, parameter);
        NDArray[] copy = arrays.computeIfAbsent(id, k -> {
            NDArray[] made = new NDArray[copies];
            made[0] = parameter.getArray();
            for (int j = 1; j < copies; j++) {
                made[j] = made[0].duplicate();
                made[j].attach(getManager());
                made[j].setRequiresGradient(parameter.requiresGradient());
            }
            return made;
        });
        return copy[(reads.merge(id, 1, Integer::sum) - 1) % copies];
    }

    /** As {@code ParameterStore.updateAllParameters}: the server updates each trained parameter's copies. */
    @Override
    public void updateAllParameters() {
        arrays.forEach((id, copy) -> {
            if (parameters.get(id).requiresGradient()) {
                server.update(id, copy);
            }
        });
    }

    @Override
    public void sync() {
        // copy 0 is the parameter's own array
    }

    private static void set(Trainer trainer, String name, Object value) {
        try {
            Field field = Trainer.class.getDeclaredField(name);
            field.setAccessible(true);
            field.set(trainer, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DJL's Trainer has no field " + name + " any more: see CpuDeviceCopies", e);
        }
    }
}

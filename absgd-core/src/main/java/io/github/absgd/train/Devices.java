package io.github.absgd.train;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.github.absgd.util.InvalidSettingException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The devices a run trains on, the {@code devices} setting: {@code default} (DJL's default device:
 * the first GPU libtorch sees, else the CPU), {@code cpu}, {@code gpu0,gpu1,…}, or {@code all} (every
 * GPU libtorch sees; the CPU when it sees none). Several devices split each batch between them
 * ({@link MultiDeviceStep}).
 */
public final class Devices {

    private static final String SETTING = "devices";
    private static final Set<String> KEYWORDS = Set.of("default", "cpu", "all");

    private Devices() {}

    /** Refuses {@code value} unless it is written as the setting allows (availability is checked by {@link #resolve}). */
    public static void requireWellFormed(String value) {
        if (!KEYWORDS.contains(normalised(value))) {
            gpuIds(value, Integer.MAX_VALUE);
        }
    }

    /** The devices {@code value} names, refused when libtorch does not see one of them. */
    public static Device[] resolve(String value) {
        int gpus = Engine.getInstance().getGpuCount();
        switch (normalised(value)) {
            case "default":
                return new Device[] {Engine.getInstance().defaultDevice()};
            case "cpu":
                return new Device[] {Device.cpu()};
            case "all":
                return gpus == 0 ? new Device[] {Device.cpu()} : gpuRange(gpus);
            default:
                return Arrays.stream(gpuIds(value, gpus)).mapToObj(Device::gpu).toArray(Device[]::new);
        }
    }

    private static String normalised(String value) {
        return value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    }

    /** The GPU numbers of {@code gpu0,gpu1,...}, each below {@code gpus}. */
    private static int[] gpuIds(String value, int gpus) {
        Set<Integer> ids = new LinkedHashSet<>();
        for (String name : normalised(value).split(",", -1)) {
            String gpu = name.trim();
            String where = value.contains(",") ? " in '" + value + "'" : "";
            InvalidSettingException.require(gpu.matches("gpu[0-9]{1,4}"), SETTING, "'" + name + "'" + where
                    + " is not a device: give default, cpu, all, or GPUs as gpu0,gpu1,...");
            int id = Integer.parseInt(gpu.substring(3));
            InvalidSettingException.require(ids.add(id), SETTING, gpu + " is named twice in '" + value + "'");
            InvalidSettingException.require(id < gpus, SETTING, gpu + " is not available: libtorch sees " + gpus
                    + " GPU" + (gpus == 1 ? "" : "s") + " (a CPU build of libtorch sees none; README, Devices)");
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private static Device[] gpuRange(int gpus) {
        Device[] devices = new Device[gpus];
        for (int i = 0; i < gpus; i++) {
            devices[i] = Device.gpu(i);
        }
        return devices;
    }
}

package io.github.absgd.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import io.github.absgd.util.Names;

/**
 * How the weights of convolution and linear layers are drawn. BatchNorm (gamma 1, beta 0) and the
 * cosine head's own initializer are the same under both.
 */
public enum WeightInit implements Names.Named {
    /** DJL's default: weights normal with std sqrt(2 / fan_in) (PyTorch's {@code kaiming_normal_}), biases 0. */
    HE,
    /**
     * PyTorch's default for {@code nn.Conv2d} and {@code nn.Linear}: weights and biases uniform in
     * ±1/sqrt(fan_in) ({@code kaiming_uniform_(a=sqrt(5))}), so std 1/sqrt(3 fan_in), 2.4× smaller
     * than {@link #HE}. Use it to start from the same distribution as a PyTorch model.
     */
    PYTORCH;

    /** Parses a name (also from JSON); an unknown one is an {@link io.github.absgd.util.InvalidSettingException} listing the known ones. */
    @JsonCreator
    public static WeightInit parse(String name) {
        return Names.parse(WeightInit.class, name, "init");
    }

    /**
     * Fresh values, in place, for every parameter inside {@code block} (initialised already):
     * convolution and linear layers under this scheme, any other parameter from its own DJL
     * initializer (BatchNorm, the cosine head).
     */
    void redraw(Block block) {
        boolean convOrLinear = block instanceof Convolution || block instanceof Linear;
        if (!convOrLinear && !block.getChildren().isEmpty()) {
            block.getChildren().values().forEach(this::redraw);
            return;
        }
        boolean uniform = convOrLinear && this == PYTORCH;
        float bound = uniform ? pytorchBound(block) : 0f;
        for (Parameter parameter : block.getParameters().values()) {
            NDArray current = parameter.getArray();
            replace(parameter, uniform
                    ? current.getManager().randomUniform(-bound, bound, current.getShape(), current.getDataType())
                    : parameter.getInitializer().initialize(current.getManager(), current.getShape(), current.getDataType()));
        }
    }

    /** 1/sqrt(fan_in), fan_in = the weight's input channels x kernel size (input features for linear). */
    private static float pytorchBound(Block layer) {
        Shape weight = layer.getParameters().get("weight").getArray().getShape();
        return (float) (1 / Math.sqrt((double) weight.size() / weight.get(0)));
    }

    /**
     * Puts {@code fresh} into the parameter's array: the array keeps its identity, so a DJL Trainer
     * or optimizer holding it sees the new values.
     */
    private static void replace(Parameter parameter, NDArray fresh) {
        NDArray current = parameter.getArray();
        current.intern(fresh);
        // intern swaps the native tensor, which carries no gradient flag yet
        current.setRequiresGradient(parameter.requiresGradient());
    }
}

package io.github.absgd.model;

import io.github.absgd.util.AbsgdException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The registry of architectures: {@code Models.create("resnet32", spec)}. */
public final class Models {

    private static final Map<String, Function<ModelSpec, ClassifierModel>> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put(SmallCnn.NAME, SmallCnn::create);
        FACTORIES.put(CifarResNet.NAME, CifarResNet::resnet32);
        FACTORIES.put(Mlp.NAME, Mlp::create);
        FACTORIES.put("resnet18", ZooResNet::resnet18);
        FACTORIES.put("resnet50", ZooResNet::resnet50);
    }

    private Models() {}

    /** The known model names, in registry order. */
    public static List<String> names() {
        return List.copyOf(FACTORIES.keySet());
    }

    /**
     * A fresh, uninitialised model. An unknown name, or a spec the architecture cannot take, is a
     * {@link AbsgdException}.
     */
    public static ClassifierModel create(String name, ModelSpec spec) {
        Function<ModelSpec, ClassifierModel> factory = FACTORIES.get(name);
        if (factory == null) {
            throw new AbsgdException("unknown model '" + name + "'; known models: " + String.join(", ", names()));
        }
        return factory.apply(spec);
    }
}

package io.github.absgd.serve;

import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.nn.BlockFactory;
import java.nio.file.Path;
import java.util.Map;

/**
 * DJL's {@link BlockFactory} for exported model directories: builds the network their
 * {@code absgd-model.json} describes, uninitialised, for DJL to load the parameters into. An exported
 * directory's {@code serving.properties} names this class, so {@code Criteria.builder().optModelPath(dir)}
 * finds it; {@link #block(Path)} gives the block for {@code Criteria.Builder.optBlock}.
 */
public final class AbsgdBlockFactory implements BlockFactory {

    private static final long serialVersionUID = 1L;

    @Override
    public Block newBlock(Model model, Path modelPath, Map<String, ?> arguments) {
        return block(modelPath);
    }

    /** The uninitialised network of an exported model directory. */
    public static Block block(Path modelDir) {
        return ModelDescription.read(modelDir).network().block();
    }
}

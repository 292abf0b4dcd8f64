package io.github.absgd.serve;

import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.github.absgd.data.ImagePreprocessing;
import java.nio.file.Path;
import java.util.List;

/**
 * A DJL {@link Translator} from an image to the class probabilities of an exported image model: the
 * image is resized and normalised as training did it without augmentation ({@link ImagePreprocessing}),
 * the output is softmax(scale * logits) named by class. Batches with DJL's default stacking batchifier.
 */
public final class ImageClassifierTranslator implements Translator<Image, Classifications> {

    private final ImagePreprocessing preprocessing;
    private final List<String> classNames;
    private final double logitScale;

    /** The translator of an exported model directory. */
    public static ImageClassifierTranslator of(Path modelDir) {
        return of(ModelDescription.read(modelDir));
    }

    /** The translator of a model description; a tabular model's is an {@link io.github.absgd.util.AbsgdException}. */
    public static ImageClassifierTranslator of(ModelDescription description) {
        if (!description.isImage()) {
            throw new io.github.absgd.util.AbsgdException("the model classifies table rows (columns "
                    + String.join(", ", description.tabular().featureColumns()) + "), not images");
        }
        return new ImageClassifierTranslator(description.image(), description.classNames(), description.logitScale());
    }

    public ImageClassifierTranslator(ImagePreprocessing preprocessing, List<String> classNames, double logitScale) {
        this.preprocessing = preprocessing;
        this.classNames = List.copyOf(classNames);
        this.logitScale = logitScale;
    }

    public ImagePreprocessing preprocessing() {
        return preprocessing;
    }

    public List<String> classNames() {
        return classNames;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Image input) {
        return new NDList(preprocessing.input(ctx.getNDManager(), input));
    }

    @Override
    public Classifications processOutput(TranslatorContext ctx, NDList list) {
        return Probabilities.of(classNames, logitScale, list);
    }
}

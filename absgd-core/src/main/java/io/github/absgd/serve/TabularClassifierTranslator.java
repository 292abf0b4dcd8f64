package io.github.absgd.serve;

import ai.djl.modality.Classifications;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.github.absgd.data.TabularPreprocessing;
import io.github.absgd.util.AbsgdException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A DJL {@link Translator} from a table row, given as column name to cell text, to the class
 * probabilities of an exported tabular model: the row is encoded (one-hot categories) and
 * standardised as training did it ({@link TabularPreprocessing}); every feature column must be
 * there, the label column may be. Rows as {@code String[]} under one header: {@link #forHeader}.
 */
public final class TabularClassifierTranslator implements Translator<Map<String, String>, Classifications> {

    private final TabularPreprocessing preprocessing;
    private final List<String> classNames;
    private final double logitScale;

    /** The translator of an exported model directory. */
    public static TabularClassifierTranslator of(Path modelDir) {
        return of(ModelDescription.read(modelDir));
    }

    /** The translator of a model description; an image model's is an {@link AbsgdException}. */
    public static TabularClassifierTranslator of(ModelDescription description) {
        if (description.isImage()) {
            throw new AbsgdException("the model classifies images (" + description.image() + "), not table rows");
        }
        return new TabularClassifierTranslator(description.tabular(), description.classNames(), description.logitScale());
    }

    public TabularClassifierTranslator(TabularPreprocessing preprocessing, List<String> classNames, double logitScale) {
        this.preprocessing = preprocessing;
        this.classNames = List.copyOf(classNames);
        this.logitScale = logitScale;
    }

    public TabularPreprocessing preprocessing() {
        return preprocessing;
    }

    public List<String> classNames() {
        return classNames;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Map<String, String> row) {
        return new NDList(ctx.getNDManager().create(preprocessing.features(row)));
    }

    @Override
    public Classifications processOutput(TranslatorContext ctx, NDList list) {
        return Probabilities.of(classNames, logitScale, list);
    }

    /**
     * A translator of rows given as cells under {@code header} (e.g. a CSV file's); the header is checked
     * once (a missing or unknown column is an {@link AbsgdException} naming {@code source} and the columns).
     */
    public Translator<String[], Classifications> forHeader(String source, List<String> header) {
        TabularPreprocessing.Layout layout = preprocessing.layout(source, header);
        return new Translator<>() {
            @Override
            public NDList processInput(TranslatorContext ctx, String[] cells) {
                return new NDList(ctx.getNDManager().create(layout.features(cells, 0)));
            }

            @Override
            public Classifications processOutput(TranslatorContext ctx, NDList list) {
                return Probabilities.of(classNames, logitScale, list);
            }
        };
    }
}

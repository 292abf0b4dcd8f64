package io.github.absgd.serve;

import ai.djl.Model;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorFactory;
import ai.djl.util.Pair;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Set;

/**
 * DJL's {@link TranslatorFactory} for exported model directories (named by their
 * {@code serving.properties}): {@code Image -> Classifications} for an image model
 * ({@link ImageClassifierTranslator}), {@code Map -> Classifications} (column name to cell) for a
 * tabular one ({@link TabularClassifierTranslator}).
 */
public final class AbsgdTranslatorFactory implements TranslatorFactory {

    private static final Set<Pair<Type, Type>> SUPPORTED = Set.of(
            new Pair<>(Image.class, Classifications.class), new Pair<>(Map.class, Classifications.class));

    @Override
    public Set<Pair<Type, Type>> getSupportedTypes() {
        return SUPPORTED;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <I, O> Translator<I, O> newInstance(Class<I> input, Class<O> output, Model model, Map<String, ?> arguments) {
        ModelDescription description = ModelDescription.read(model.getModelPath());
        if (input == Image.class && output == Classifications.class) {
            return (Translator<I, O>) ImageClassifierTranslator.of(description);
        }
        if (input == Map.class && output == Classifications.class) {
            return (Translator<I, O>) TabularClassifierTranslator.of(description);
        }
        throw new IllegalArgumentException("no translator from " + input.getName() + " to " + output.getName());
    }
}

package io.github.absgd.serve;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.absgd.data.ImagePreprocessing;
import io.github.absgd.data.Normalization;
import io.github.absgd.data.TabularPreprocessing;
import io.github.absgd.model.ClassifierModel;
import io.github.absgd.model.ModelSpec;
import io.github.absgd.model.Models;
import io.github.absgd.util.AbsgdException;
import io.github.absgd.util.Problems;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an exported model directory's {@code absgd-model.json} records: the format version, the
 * architecture (registry name and {@link ModelSpec}: input shape, classes, cosine head, MLP hidden
 * sizes), the factor the loss scaled the logits by (LDAM's scale, else 1), the class names, and the
 * input preprocessing (images: {@link ImagePreprocessing}; tabular rows: {@link TabularPreprocessing}).
 * The directory also holds DJL's parameter file ({@value #PARAMETERS_FILE}, written by
 * {@code Model.save}) and a {@code serving.properties} naming {@link AbsgdBlockFactory} and
 * {@link AbsgdTranslatorFactory}, so DJL's {@code Criteria} loads it with no further setting.
 *
 * @param architecture the model's registry name, e.g. {@code small-cnn} (see {@link Models})
 * @param spec what the network was built for
 * @param logitScale softmax(logitScale * logits) gives the class probabilities
 * @param classNames the classes' names in class-index order
 * @param image the preprocessing of an image model, else null
 * @param tabular the preprocessing of a tabular model, else null
 * @param source where the model came from (checkpoint, epochs, data set, versions); free-form
 */
public record ModelDescription(String architecture, ModelSpec spec, double logitScale, List<String> classNames,
        ImagePreprocessing image, TabularPreprocessing tabular, JsonNode source) {

    /** The description's file name in a model directory. */
    public static final String FILE_NAME = "absgd-model.json";
    /** The version of the directory format this library writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** The model name DJL saves and loads the parameters under. */
    public static final String MODEL_NAME = "absgd";
    /** DJL's parameter file ({@code Model.save(dir, "absgd")}). */
    public static final String PARAMETERS_FILE = MODEL_NAME + "-0000.params";
    /** DJL's per-model settings: engine, block factory, translator factory, model name. */
    public static final String SERVING_PROPERTIES = "serving.properties";

    private static final String FORMAT = "absgd-model";
    // decimals kept as written, so a float reads back as the float that was written
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    public ModelDescription {
        classNames = List.copyOf(classNames);
        if ((image == null) == (tabular == null)) {
            throw new IllegalArgumentException("a model takes images or tabular rows, exactly one");
        }
        if (classNames.size() != spec.classes()) {
            throw new AbsgdException(classNames.size() + " class names for " + spec.classes() + " classes");
        }
        if (!(logitScale > 0) || Double.isInfinite(logitScale)) {
            throw new AbsgdException("logit scale must be positive, got " + logitScale);
        }
    }

    /** True for an image classifier, false for a tabular one. */
    public boolean isImage() {
        return image != null;
    }

    /** A fresh, uninitialised network of the recorded architecture (load the parameters into its block). */
    public ClassifierModel network() {
        return Models.create(architecture, spec);
    }

    /** The lines of {@code serving.properties}: what DJL's model loader reads before it creates the model. */
    static String servingProperties() {
        return "# written by absgd export: DJL's Criteria loads this directory with these settings\n"
                + "engine=PyTorch\n"
                + "blockFactory=" + AbsgdBlockFactory.class.getName() + "\n"
                + "translatorFactory=" + AbsgdTranslatorFactory.class.getName() + "\n"
                + "option.modelName=" + MODEL_NAME + "\n";
    }

    /** The JSON text of {@code absgd-model.json}. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("format_version", FORMAT_VERSION);
        root.put("parameters", PARAMETERS_FILE);
        ObjectNode model = root.putObject("model");
        model.put("name", architecture);
        ArrayNode shape = model.putArray("input_shape");
        spec.inputShape().forEach(shape::add);
        model.put("classes", spec.classes());
        model.put("cosine_head", spec.cosineHead());
        ArrayNode hidden = model.putArray("hidden_sizes");
        spec.hiddenSizes().forEach(hidden::add);
        model.put("dropout", spec.dropout());
        model.put("batch_norm", spec.batchNorm());
        model.put("logit_scale", logitScale);
        ArrayNode names = root.putArray("class_names");
        classNames.forEach(names::add);
        ObjectNode input = root.putObject("input");
        if (image != null) {
            input.put("kind", "image");
            input.put("channels", image.channels());
            input.put("height", image.height());
            input.put("width", image.width());
            putFloats(input, "mean", image.normalization().mean());
            putFloats(input, "std", image.normalization().std());
        } else {
            input.put("kind", "tabular");
            ArrayNode columns = input.putArray("columns");
            tabular.columns().forEach(columns::add);
            input.put("label_column", tabular.labelColumn());
            ObjectNode categories = input.putObject("categories");
            tabular.categories().forEach((column, values) -> {
                ArrayNode list = categories.putArray(column);
                values.forEach(list::add);
            });
            if (tabular.labelValues() == null) {
                input.set("label_values", NullNode.getInstance());
            } else {
                ArrayNode values = input.putArray("label_values");
                tabular.labelValues().forEach(values::add);
            }
            putFloats(input, "mean", tabular.standardisation().mean());
            putFloats(input, "std", tabular.standardisation().std());
        }
        root.set("source", source == null ? JSON.createObjectNode() : source);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads the description of an exported model directory and checks that the directory is whole: a
     * directory that is not one, a description of another format version and a missing file are an
     * {@link AbsgdException} naming the file.
     */
    public static ModelDescription read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new AbsgdException(dir + ": " + (Files.exists(dir) ? "is not a directory" : "no such directory")
                    + " (expected a model directory written by `absgd export`)");
        }
        Path file = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new AbsgdException(dir + ": not an absgd model directory (no " + FILE_NAME + "; write one with `absgd export`)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new AbsgdException(file + ": " + Problems.describe(e), e);
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
            throw new AbsgdException(file + ": not an absgd model description (no \"format\": \"" + FORMAT + "\")");
        }
        JsonNode version = root.path("format_version");
        if (!version.isInt() || version.intValue() != FORMAT_VERSION) {
            throw new AbsgdException(file + ": model format version " + version + " is not supported (this absgd reads version "
                    + FORMAT_VERSION + "); export the model again with this version");
        }
        for (String needed : new String[] {PARAMETERS_FILE, SERVING_PROPERTIES}) {
            if (!Files.isRegularFile(dir.resolve(needed))) {
                throw new AbsgdException(dir + ": missing " + needed + " (the model directory is incomplete; export it again)");
            }
        }
        try {
            return parse(root);
        } catch (AbsgdException | IllegalArgumentException e) {
            throw new AbsgdException(file + ": " + e.getMessage(), e);
        }
    }

    private static ModelDescription parse(JsonNode root) {
        JsonNode model = required(root, "model");
        List<Long> shape = new ArrayList<>();
        for (JsonNode d : array(model, "input_shape")) {
            shape.add(d.asLong());
        }
        List<Integer> hidden = new ArrayList<>();
        for (JsonNode h : array(model, "hidden_sizes")) {
            hidden.add(h.asInt());
        }
        ModelSpec spec = new ModelSpec(shape, required(model, "classes").asInt(), required(model, "cosine_head").asBoolean(),
                hidden, (float) required(model, "dropout").asDouble(), required(model, "batch_norm").asBoolean());
        String architecture = required(model, "name").asText();
        if (!Models.names().contains(architecture)) {
            throw new AbsgdException("unknown model '" + architecture + "' (this absgd knows " + String.join(", ", Models.names())
                    + ")");
        }
        List<String> classNames = strings(array(root, "class_names"));
        JsonNode input = required(root, "input");
        Normalization normalization = new Normalization(floats(array(input, "mean")), floats(array(input, "std")));
        String kind = required(input, "kind").asText();
        ImagePreprocessing image = null;
        TabularPreprocessing tabular = null;
        if (kind.equals("image")) {
            image = new ImagePreprocessing(required(input, "channels").asInt(), required(input, "height").asInt(),
                    required(input, "width").asInt(), normalization);
            if (!spec.inputShape().equals(List.of((long) image.channels(), (long) image.height(), (long) image.width()))) {
                throw new AbsgdException("input " + image + " does not fit the model's input shape " + spec.inputShape());
            }
        } else if (kind.equals("tabular")) {
            Map<String, List<String>> categories = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = required(input, "categories").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                categories.put(field.getKey(), strings(field.getValue()));
            }
            JsonNode labelValues = required(input, "label_values");
            tabular = TabularPreprocessing.restore(strings(array(input, "columns")), required(input, "label_column").asText(),
                    categories, labelValues.isNull() ? null : strings(labelValues), spec.classes(), normalization);
            if (!spec.inputShape().equals(List.of((long) tabular.numFeatures()))) {
                throw new AbsgdException("the columns encode " + tabular.numFeatures() + " features, the model's input shape is "
                        + spec.inputShape());
            }
        } else {
            throw new AbsgdException("input kind '" + kind + "' is neither image nor tabular");
        }
        double logitScale = required(model, "logit_scale").asDouble();
        return new ModelDescription(architecture, spec, logitScale, classNames, image, tabular, root.path("source"));
    }

    private static JsonNode required(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            throw new AbsgdException("key \"" + key + "\" missing");
        }
        return value;
    }

    private static JsonNode array(JsonNode node, String key) {
        JsonNode value = required(node, key);
        if (!value.isArray()) {
            throw new AbsgdException("key \"" + key + "\" must be an array");
        }
        return value;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode value : array) {
            out.add(value.asText());
        }
        return out;
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.parseFloat(array.get(i).asText());
        }
        return out;
    }

    private static void putFloats(ObjectNode node, String key, float[] values) {
        ArrayNode array = node.putArray(key);
        for (float v : values) {
            array.add(v);
        }
    }
}

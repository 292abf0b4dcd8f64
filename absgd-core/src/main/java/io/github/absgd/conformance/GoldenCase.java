package io.github.absgd.conformance;

import io.github.absgd.util.Problems;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.absgd.util.AbsgdException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One conformance trajectory of schema {@code absgd-golden/1} (see {@code golden/README.md} beside
 * the bundled set, {@link #BUNDLED}):
 * a softmax-regression problem, its loss, optimizer and weighting, and the expected numbers after
 * every step. Reading checks every key, so a malformed file fails here with its name and the key.
 */
public record GoldenCase(
        String name,
        int inputs,
        int classes,
        double[][] initWeight,
        double[] initBias,
        LossSpec loss,
        OptimizerSpec optimizer,
        double gamma,
        double alpha,
        double tolerance,
        List<Step> steps) {

    public static final String SCHEMA = "absgd-golden/1";

    /** The base loss: {@code type} ce | focal | ldam, and its parameters (absent ones are null). */
    public record LossSpec(
            String type,
            double[] classWeights,
            long[] classCounts,
            Double beta,
            Double focalGamma,
            Double ldamMaxMargin,
            Double ldamScale) {}

    /** The optimizer: {@code type} sgd | adam, with PyTorch's hyper-parameters. */
    public record OptimizerSpec(
            String type, double momentum, boolean nesterov, double weightDecay, double beta1, double beta2, double eps) {}

    /** One step: the batch, its learning rate and lambda (null = ERM), and what must follow. */
    public record Step(double[][] x, int[] y, double lr, Double lambda, Expected expected) {}

    /** The numbers after a step; {@code logU} is null where u = 0. */
    public record Expected(
            double[] losses, double[] weights, Double logU, double objective, double[][] weight, double[] bias) {}

    /** Where the bundled trajectories live on the class path; {@code index.txt} there names them. */
    public static final String BUNDLED = "/io/github/absgd/conformance/golden/";

    /** Reads and validates a golden file; any problem is a {@link AbsgdException} naming the file. */
    public static GoldenCase read(Path file) {
        try {
            return read(file.toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new AbsgdException(file + ": " + Problems.describe(e), e);
        }
    }

    /**
     * The trajectories bundled with the library (the golden set of the authors' semantics, see
     * {@code golden/README.md} beside them), in the order of their index.
     */
    public static List<GoldenCase> bundled() {
        List<GoldenCase> cases = new ArrayList<>();
        for (String name : resourceText("index.txt").split("\\R")) {
            if (!name.isBlank()) {
                String file = name.strip() + ".json";
                cases.add(read(BUNDLED + file, resourceText(file).getBytes(StandardCharsets.UTF_8)));
            }
        }
        return cases;
    }

    private static String resourceText(String name) {
        try (InputStream in = GoldenCase.class.getResourceAsStream(BUNDLED + name)) {
            if (in == null) {
                throw new IllegalStateException("the bundled golden file " + BUNDLED + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses and validates one golden file's bytes; {@code source} names it in any error. */
    public static GoldenCase read(String source, byte[] json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new AbsgdException(source + ": " + Problems.describe(e), e);
        }
        try {
            return parse(root);
        } catch (SchemaException e) {
            throw new AbsgdException(source + ": not an " + SCHEMA + " file: " + e.getMessage(), e);
        }
    }

    private static GoldenCase parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new SchemaException("the top level is not a JSON object");
        }
        String schema = text(root, "schema");
        if (!SCHEMA.equals(schema)) {
            throw new SchemaException("schema is \"" + schema + "\", expected \"" + SCHEMA + "\"");
        }
        JsonNode model = object(root, "model");
        if (!"linear".equals(text(model, "type"))) {
            throw new SchemaException("model.type must be \"linear\"");
        }
        int inputs = integer(model, "inputs");
        int classes = integer(model, "classes");
        JsonNode init = object(root, "init");
        double[][] weight = matrix(init, "weight", classes, inputs);
        double[] bias = vector(init, "bias", classes);
        LossSpec loss = lossSpec(object(root, "loss"), classes);
        OptimizerSpec optimizer = optimizerSpec(object(root, "optimizer"));
        JsonNode absgd = object(root, "absgd");
        double tolerance = number(root, "tolerance");
        JsonNode stepsNode = field(root, "steps");
        if (!stepsNode.isArray() || stepsNode.isEmpty()) {
            throw new SchemaException("steps must be a non-empty array");
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < stepsNode.size(); i++) {
            try {
                steps.add(step(stepsNode.get(i), inputs, classes));
            } catch (SchemaException e) {
                throw new SchemaException("steps[" + i + "]." + e.getMessage());
            }
        }
        return new GoldenCase(
                text(root, "name"),
                inputs,
                classes,
                weight,
                bias,
                loss,
                optimizer,
                number(absgd, "gamma"),
                number(absgd, "alpha"),
                tolerance,
                List.copyOf(steps));
    }

    private static LossSpec lossSpec(JsonNode node, int classes) {
        String type = text(node, "type");
        if (!List.of("ce", "focal", "ldam").contains(type)) {
            throw new SchemaException("loss.type \"" + type + "\" is not one of ce, focal, ldam");
        }
        double[] classWeights = node.path("class_weights").isNull() || node.path("class_weights").isMissingNode()
                ? null
                : vector(node, "class_weights", classes);
        long[] counts = null;
        if (node.has("class_counts")) {
            double[] raw = vector(node, "class_counts", classes);
            counts = new long[classes];
            for (int j = 0; j < classes; j++) {
                counts[j] = (long) raw[j];
            }
        }
        if ("ldam".equals(type) && counts == null) {
            throw new SchemaException("loss.class_counts is required for ldam");
        }
        return new LossSpec(
                type,
                classWeights,
                counts,
                optionalNumber(node, "beta"),
                "focal".equals(type) ? number(node, "focal_gamma") : null,
                "ldam".equals(type) ? number(node, "ldam_max_margin") : null,
                "ldam".equals(type) ? number(node, "ldam_scale") : null);
    }

    private static OptimizerSpec optimizerSpec(JsonNode node) {
        String type = text(node, "type");
        switch (type) {
            case "sgd":
                return new OptimizerSpec(
                        type,
                        number(node, "momentum"),
                        field(node, "nesterov").asBoolean(),
                        number(node, "weight_decay"),
                        0,
                        0,
                        0);
            case "adam":
                double[] betas = vector(node, "betas", 2);
                return new OptimizerSpec(
                        type, 0, false, number(node, "weight_decay"), betas[0], betas[1], number(node, "eps"));
            default:
                throw new SchemaException("optimizer.type \"" + type + "\" is not sgd or adam");
        }
    }

    private static Step step(JsonNode node, int inputs, int classes) {
        JsonNode x = field(node, "x");
        int b = x.size();
        double[][] batch = matrix(node, "x", b, inputs);
        double[] labels = vector(node, "y", b);
        int[] y = new int[b];
        for (int i = 0; i < b; i++) {
            y[i] = (int) labels[i];
            if (y[i] != labels[i] || y[i] < 0 || y[i] >= classes) {
                throw new SchemaException("y[" + i + "] = " + labels[i] + " is not a class index in [0, " + classes + ")");
            }
        }
        JsonNode expected = object(node, "expected");
        Expected exp = new Expected(
                vector(expected, "losses", b),
                vector(expected, "weights", b),
                optionalNumber(expected, "log_u"),
                number(expected, "objective"),
                matrix(expected, "weight", classes, inputs),
                vector(expected, "bias", classes));
        return new Step(batch, y, number(node, "lr"), optionalNumber(node, "lambda"), exp);
    }

    private static JsonNode field(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null) {
            throw new SchemaException("missing key \"" + key + "\"");
        }
        return value;
    }

    private static JsonNode object(JsonNode node, String key) {
        JsonNode value = field(node, key);
        if (!value.isObject()) {
            throw new SchemaException("\"" + key + "\" must be an object");
        }
        return value;
    }

    private static String text(JsonNode node, String key) {
        JsonNode value = field(node, key);
        if (!value.isTextual()) {
            throw new SchemaException("\"" + key + "\" must be a string");
        }
        return value.asText();
    }

    private static double number(JsonNode node, String key) {
        JsonNode value = field(node, key);
        if (!value.isNumber()) {
            throw new SchemaException("\"" + key + "\" must be a number, got " + value);
        }
        return value.asDouble();
    }

    private static Double optionalNumber(JsonNode node, String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new SchemaException("\"" + key + "\" must be a number or null, got " + value);
        }
        return value.asDouble();
    }

    private static int integer(JsonNode node, String key) {
        double value = number(node, key);
        if (value != Math.rint(value) || value < 1) {
            throw new SchemaException("\"" + key + "\" must be a positive integer, got " + value);
        }
        return (int) value;
    }

    private static double[] vector(JsonNode node, String key, int length) {
        return vectorOf(field(node, key), key, length);
    }

    private static double[] vectorOf(JsonNode value, String key, int length) {
        if (!value.isArray() || value.size() != length) {
            throw new SchemaException("\"" + key + "\" must be an array of " + length + " numbers");
        }
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            if (!value.get(i).isNumber()) {
                throw new SchemaException("\"" + key + "\"[" + i + "] is not a number");
            }
            out[i] = value.get(i).asDouble();
        }
        return out;
    }

    private static double[][] matrix(JsonNode node, String key, int rows, int columns) {
        JsonNode value = field(node, key);
        if (!value.isArray() || value.size() != rows) {
            throw new SchemaException("\"" + key + "\" must have " + rows + " rows");
        }
        double[][] out = new double[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = vectorOf(value.get(r), key + "[" + r + "]", columns);
        }
        return out;
    }

    private static final class SchemaException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SchemaException(String message) {
            super(message);
        }
    }
}

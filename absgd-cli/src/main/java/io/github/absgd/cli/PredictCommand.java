package io.github.absgd.cli;

import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.absgd.data.ArffReader;
import io.github.absgd.data.BadDataException;
import io.github.absgd.data.ImagePreprocessing;
import io.github.absgd.data.TabularPreprocessing;
import io.github.absgd.serve.ImageClassifierTranslator;
import io.github.absgd.serve.ModelDescription;
import io.github.absgd.serve.TabularClassifierTranslator;
import io.github.absgd.util.AbsgdException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code absgd predict}: class probabilities of image files or CSV rows from an exported model. */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        header = "Classify image files or CSV rows with an exported model.",
        sortOptions = false,
        description = {
            "Loads a model directory written by 'absgd export' and prints one line per input, best classes first:",
            "  {\"file\": PATH, \"top\": [{\"index\": 3, \"name\": \"Dress\", \"probability\": 0.91}, ...]}",
            "Images are resized and normalised as in training; a folder stands for the files under it. A CSV file",
            "(tabular models) needs the training columns, in any order; the label column may be there. Rows print",
            "\"row\": N (the data row, from 1), with \"file\" when several CSV files are given. Inputs are classified",
            "64 at a time; nothing is printed unless every input could be read."
        })
final class PredictCommand implements Callable<Integer> {

    static final int BATCH = 64;

    enum Format { json, csv }

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "a model directory written by 'absgd export'")
    Path model;

    @Parameters(arity = "1..*", paramLabel = "FILE",
            description = "image files or folders (image models), CSV or ARFF files (tabular models; ARFF by its .arff extension)")
    List<Path> inputs;

    @Option(names = "--top-k", defaultValue = "3", paramLabel = "K", description = "classes per input, best first (default 3)")
    int topK;

    @Option(names = "--format", defaultValue = "json", paramLabel = "json|csv", description = "one JSON object or CSV record per input")
    Format format;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelDescription description;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!spec.commandLine().getParseResult().hasMatchedOption("--model")) {
            // the specification's default for `model` (an architecture name) must not stand in for the directory
            throw new UserError("missing required option '--model=DIR' (a model directory written by 'absgd export');"
                    + " see 'absgd predict --help'");
        }
        description = ModelDescription.read(model);
        int classes = description.classNames().size();
        if (topK < 1 || topK > classes) {
            throw new UserError("--top-k must be between 1 and the model's " + classes + " classes, got " + topK);
        }
        List<Path> files = expand(inputs);
        List<String> lines = new ArrayList<>();
        try (ZooModel<?, ?> loaded = load()) {
            if (description.isImage()) {
                lines.add(header(false));
                predictImages(loaded, ImageClassifierTranslator.of(description), files, lines);
            } else {
                lines.add(header(files.size() > 1));
                for (Path file : files) {
                    predictRows(loaded, TabularClassifierTranslator.of(description), file, files.size() > 1, lines);
                }
            }
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        for (String line : format == Format.csv ? lines : lines.subList(1, lines.size())) {
            out.println(line);
        }
        out.flush();
        return 0;
    }

    /** The model through DJL's Criteria: the block from the directory's block factory, the translator for its input. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private ZooModel<?, ?> load() throws Exception {
        if (description.isImage()) {
            return Criteria.builder().setTypes(Image.class, Classifications.class).optModelPath(model)
                    .optTranslator(ImageClassifierTranslator.of(description)).build().loadModel();
        }
        return Criteria.builder().setTypes(Map.class, Classifications.class).optModelPath(model)
                .optTranslator((Translator) TabularClassifierTranslator.of(description)).build().loadModel();
    }

    private void predictImages(ZooModel<?, ?> loaded, ImageClassifierTranslator translator, List<Path> files, List<String> lines)
            throws TranslateException {
        try (Predictor<Image, Classifications> predictor = loaded.newPredictor(translator)) {
            for (int start = 0; start < files.size(); start += BATCH) {
                List<Path> batch = files.subList(start, Math.min(files.size(), start + BATCH));
                List<Image> images = new ArrayList<>();
                for (Path file : batch) {
                    if (isArff(file) || file.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(csv|tsv)")) {
                        throw BadDataException.inFile(file, "is a " + (isArff(file) ? "ARFF" : "CSV") + " file, but the model"
                                + " classifies images (" + translator.preprocessing() + ")");
                    }
                    images.add(ImagePreprocessing.read(file)); // a file that is no image is named here
                }
                List<Classifications> results = classify(predictor, images, batch, translator);
                for (int i = 0; i < batch.size(); i++) {
                    lines.add(line(batch.get(i).toString(), -1, results.get(i)));
                }
            }
        }
    }

    /** The batch's results; if the batch fails, the first image that cannot be converted is named. */
    private static List<Classifications> classify(Predictor<Image, Classifications> predictor, List<Image> images, List<Path> files,
            ImageClassifierTranslator translator) throws TranslateException {
        try {
            return predictor.batchPredict(images);
        } catch (TranslateException | RuntimeException e) {
            for (int i = 0; i < images.size(); i++) {
                try {
                    translator.preprocessing().pixels(images.get(i));
                } catch (RuntimeException bad) {
                    throw BadDataException.inFile(files.get(i), "cannot convert the image (" + bad.getMessage() + ")", bad);
                }
            }
            throw e;
        }
    }

    private void predictRows(ZooModel<?, ?> loaded, TabularClassifierTranslator translator, Path file, boolean nameFile,
            List<String> lines) throws TranslateException {
        if (!Files.isRegularFile(file)) {
            throw BadDataException.inFile(file, "no such file");
        }
        TabularPreprocessing.Table table = isArff(file) ? ArffReader.readRows(file) : TabularPreprocessing.readCsv(file);
        TabularPreprocessing.Layout layout = translator.preprocessing().layout(file.toString(), table.header());
        for (int r = 0; r < table.rows().size(); r++) { // every row checked before any is classified
            layout.features(table.rows().get(r), table.lineNumbers()[r]);
            layout.label(table.rows().get(r), table.lineNumbers()[r]);
        }
        Translator<String[], Classifications> rows = translator.forHeader(file.toString(), table.header());
        try (Predictor<String[], Classifications> predictor = loaded.newPredictor(rows)) {
            for (int start = 0; start < table.rows().size(); start += BATCH) {
                List<String[]> batch = table.rows().subList(start, Math.min(table.rows().size(), start + BATCH));
                List<Classifications> results = predictor.batchPredict(batch);
                for (int i = 0; i < batch.size(); i++) {
                    lines.add(line(nameFile ? file.toString() : null, start + i + 1, results.get(i)));
                }
            }
        }
    }

    private static boolean isArff(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".arff");
    }

    /** The image files: files as given, folders walked (hidden files skipped), in name order. */
    private static List<Path> expand(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    List<Path> found = walk.filter(Files::isRegularFile)
                            .filter(p -> !hidden(input.relativize(p)))
                            .sorted(Comparator.comparing(Path::toString)).toList();
                    if (found.isEmpty()) {
                        throw new UserError(input + ": the folder holds no files");
                    }
                    files.addAll(found);
                } catch (IOException e) {
                    throw new UserError(input + ": cannot list: " + e.getMessage(), e);
                }
            } else if (Files.exists(input)) {
                files.add(input);
            } else {
                throw new UserError(input + ": no such file");
            }
        }
        return files;
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private String header(boolean rowsWithFile) {
        List<String> columns = new ArrayList<>();
        if (rowsWithFile || !isRows()) {
            columns.add("file");
        }
        if (isRows()) {
            columns.add("row");
        }
        for (int k = 1; k <= topK; k++) {
            columns.addAll(List.of("index_" + k, "name_" + k, "probability_" + k));
        }
        return String.join(",", columns);
    }

    private boolean isRows() {
        return !description.isImage();
    }

    private String line(String file, int row, Classifications result) {
        List<Double> p = result.getProbabilities();
        List<String> names = result.getClassNames();
        int[] best = IntStream.range(0, p.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer c) -> -p.get(c)).thenComparingInt(c -> c))
                .limit(topK).mapToInt(Integer::intValue).toArray();
        if (format == Format.csv) {
            List<String> cells = new ArrayList<>();
            if (file != null) {
                cells.add(csvCell(file));
            }
            if (row > 0) {
                cells.add(Integer.toString(row));
            }
            for (int c : best) {
                cells.add(Integer.toString(c));
                cells.add(csvCell(names.get(c)));
                cells.add(Float.toString(p.get(c).floatValue()));
            }
            return String.join(",", cells);
        }
        ObjectNode node = JSON.createObjectNode();
        if (file != null) {
            node.put("file", file);
        }
        if (row > 0) {
            node.put("row", row);
        }
        ArrayNode top = node.putArray("top");
        for (int c : best) {
            top.addObject().put("index", c).put("name", names.get(c)).put("probability", p.get(c).floatValue());
        }
        try {
            return JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new AbsgdException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    private static String csvCell(String value) {
        return value.matches(".*[,\"\\r\\n].*") || value.isEmpty() || !value.strip().equals(value)
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}

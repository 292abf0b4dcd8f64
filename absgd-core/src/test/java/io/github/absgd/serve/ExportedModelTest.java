package io.github.absgd.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.DeferredTranslatorFactory;
import ai.djl.translate.Translator;
import io.github.absgd.data.DataLoader;
import io.github.absgd.data.DataSpec;
import io.github.absgd.data.TrainTestData;
import io.github.absgd.train.Method;
import io.github.absgd.train.RunSpec;
import io.github.absgd.util.AbsgdException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export of a tabular run, loading it with DJL, and the refusals of broken or foreign model directories. */
class ExportedModelTest {

    @TempDir
    static Path dir;

    static Path train;
    static Path test;
    static RunSpec spec;
    static Path run;
    static Path modelDir;

    @BeforeAll
    static void trainAndExport() throws IOException {
        train = ServeFixtures.csv(dir.resolve("train.csv"), 1, 2);
        test = ServeFixtures.csv(dir.resolve("test.csv"), 2, 1);
        spec = RunSpec.builder().model("mlp").hidden(List.of(16)).method(Method.LDAM_DRW).epochs(3).warmupEpochs(0)
                .batchSize(32).lr(0.05).lrMilestones(List.of(2)).stage2Epoch(2).seed(4).threads(1)
                .data(DataSpec.builder().dataset("csv").trainFile(train).testFile(test).labelColumn("label")
                        .categorical(List.of("colour")).build())
                .build();
        run = dir.resolve("run");
        ServeFixtures.train(spec, run);
        modelDir = dir.resolve("model");
        ModelExport.export(run, modelDir);
    }

    @Test
    void theDescriptionHoldsTrainingsOwnPreprocessing() {
        ModelDescription description = ModelDescription.read(modelDir);
        TrainTestData data = DataLoader.load(spec.data());
        assertFalse(description.isImage());
        assertEquals("mlp", description.architecture());
        assertEquals(List.of(16), description.spec().hiddenSizes());
        assertTrue(description.spec().cosineHead(), "LDAM trains a cosine head");
        assertEquals(30.0, description.logitScale());
        assertEquals(List.of("high", "low", "mid", "top"), description.classNames());
        assertEquals(List.of("a", "colour", "b", "label"), description.tabular().columns());
        assertEquals("label", description.tabular().labelColumn());
        assertEquals(Map.of("colour", List.of("blue", "green", "red")), description.tabular().categories());
        assertEquals(List.of("high", "low", "mid", "top"), description.tabular().labelValues());
        // the statistics are training's, float for float
        assertArrayEquals(data.normalization().mean(), description.tabular().standardisation().mean());
        assertArrayEquals(data.normalization().std(), description.tabular().standardisation().std());
        assertEquals(List.of(5L), description.spec().inputShape());
    }

    @Test
    void rowsClassifyAsEvaluationDoesThroughCriteria() throws Exception {
        float[][] expected = ServeFixtures.evaluationProbabilities(spec, run);
        List<String> lines = Files.readAllLines(test);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        Criteria<Map, Classifications> criteria = Criteria.builder().setTypes(Map.class, Classifications.class)
                .optModelPath(modelDir).optTranslatorFactory(new DeferredTranslatorFactory()).build();
        List<Map> rows = new ArrayList<>();
        List<String[]> shuffled = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = header.size() - 1; c >= 0; c--) { // another column order than the file's
                row.put(header.get(c), cells[c]);
            }
            row.remove("label"); // the label column is optional
            rows.add(row);
            shuffled.add(new String[] {cells[2], cells[3], cells[0], cells[1]});
        }
        try (ZooModel<Map, Classifications> model = criteria.loadModel(); Predictor<Map, Classifications> predictor =
                model.newPredictor()) {
            List<Classifications> results = predictor.batchPredict(rows);
            assertEquals(expected.length, results.size());
            boolean varied = false;
            for (int i = 0; i < expected.length; i++) {
                for (int c = 0; c < 4; c++) {
                    assertEquals(expected[i][c], results.get(i).getProbabilities().get(c), 1e-6, "row " + (i + 1));
                }
                varied |= !results.get(i).best().getClassName().equals(results.get(0).best().getClassName());
            }
            assertTrue(varied, "the model tells rows apart");
        }
        Translator<String[], Classifications> byHeader = TabularClassifierTranslator.of(modelDir)
                .forHeader("test.csv", List.of("b", "label", "a", "colour"));
        try (ZooModel<String[], Classifications> model = Criteria.builder().setTypes(String[].class, Classifications.class)
                .optModelPath(modelDir).optTranslator(byHeader).build().loadModel();
                Predictor<String[], Classifications> predictor = model.newPredictor()) {
            List<Classifications> results = predictor.batchPredict(shuffled);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i][0], results.get(i).getProbabilities().get(0), 1e-6, "row " + (i + 1));
            }
        }
    }

    @Test
    void missingOrUnknownColumnsAreNamed() {
        TabularClassifierTranslator translator = TabularClassifierTranslator.of(modelDir);
        AbsgdException e = assertThrows(AbsgdException.class,
                () -> translator.forHeader("new.csv", List.of("a", "label", "size", "weight")));
        assertEquals("new.csv: missing columns 'colour', 'b'; unknown columns 'size', 'weight' (the model's columns: a, colour, b,"
                + " optionally the label 'label')", e.getMessage());
        AbsgdException bad = assertThrows(AbsgdException.class,
                () -> translator.preprocessing().features(Map.of("a", "1.5", "colour", "red", "b", "x7")));
        assertEquals("row: column 'b': 'x7' is not a number (list the column in `categorical` if it is a category)",
                bad.getMessage());
        // an unseen category encodes as all zeros, as in training
        float[] unseen = translator.preprocessing().features(Map.of("a", "1", "colour", "purple", "b", "0"));
        float[] red = translator.preprocessing().features(Map.of("a", "1", "colour", "red", "b", "0"));
        assertEquals(unseen[0], red[0]);
        assertFalse(Arrays.equals(unseen, red));
    }

    @Test
    void brokenAndForeignModelDirectoriesAreRefusedNamingTheFile() throws IOException {
        Path copy = copyOf(modelDir, dir.resolve("copy-v2"));
        Path json = copy.resolve(ModelDescription.FILE_NAME);
        Files.writeString(json, Files.readString(json).replace("\"format_version\" : 1", "\"format_version\" : 2"));
        AbsgdException version = assertThrows(AbsgdException.class, () -> ModelDescription.read(copy));
        assertTrue(version.getMessage().startsWith(json + ": model format version 2 is not supported"), version.getMessage());

        Path noParams = copyOf(modelDir, dir.resolve("copy-no-params"));
        Files.delete(noParams.resolve(ModelDescription.PARAMETERS_FILE));
        AbsgdException missing = assertThrows(AbsgdException.class, () -> ModelDescription.read(noParams));
        assertEquals(noParams + ": missing absgd-0000.params (the model directory is incomplete; export it again)",
                missing.getMessage());

        AbsgdException notModel = assertThrows(AbsgdException.class, () -> ModelDescription.read(run));
        assertTrue(notModel.getMessage().startsWith(run + ": not an absgd model directory"), notModel.getMessage());
        AbsgdException image = assertThrows(AbsgdException.class, () -> ImageClassifierTranslator.of(modelDir));
        assertTrue(image.getMessage().contains("classifies table rows"), image.getMessage());
    }

    @Test
    void exportWritesNothingOverAnExistingDirectoryNorForAMissingRun() throws IOException {
        Path taken = Files.createDirectories(dir.resolve("taken"));
        AbsgdException exists = assertThrows(AbsgdException.class, () -> ModelExport.export(run, taken));
        assertTrue(exists.getMessage().startsWith(taken + ": already exists"), exists.getMessage());
        try (var files = Files.list(taken)) {
            assertEquals(0, files.count());
        }
        Path out = dir.resolve("never");
        AbsgdException noRun = assertThrows(AbsgdException.class, () -> ModelExport.export(dir.resolve("no-run"), out));
        assertTrue(noRun.getMessage().contains("no checkpoint there"), noRun.getMessage());
        assertFalse(Files.exists(out));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".export-")), "no temporary directory is left");
        }
        assertNull(ModelDescription.read(modelDir).image());
    }

    private static Path copyOf(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}

package io.github.absgd.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import io.github.absgd.data.DataSpec;
import io.github.absgd.serve.AbsgdBlockFactory;
import io.github.absgd.serve.AbsgdTranslatorFactory;
import io.github.absgd.serve.ImageClassifierTranslator;
import io.github.absgd.serve.ModelExport;
import io.github.absgd.serve.ServeFixtures;
import io.github.absgd.train.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's serving example: a run is exported with {@link ModelExport} and a plain DJL application
 * loads the directory with {@code Criteria} alone and classifies image files. Every test image's
 * probabilities equal those training's evaluation computes for it (same resizing, normalisation,
 * network and parameters).
 */
class ServingExampleTest {

    @TempDir
    Path dir;

    @Test
    void anExportedModelLoadsWithCriteriaAndClassifiesAsEvaluationDoes() throws Exception {
        Path data = ServeFixtures.imageFolder(dir.resolve("pets"), 12, 16, 4);
        RunSpec spec = RunSpec.builder().model("small-cnn").epochs(2).warmupEpochs(0).batchSize(16).lr(0.05)
                .lrMilestones(List.of(1)).stage2Epoch(1).seed(3).threads(1)
                .data(DataSpec.builder().dataset("imagefolder").dataDir(data).imageSize(12).build()).build();
        Path run = dir.resolve("run");
        ServeFixtures.train(spec, run);
        Path modelDir = dir.resolve("models/pets");
        ModelExport.export(run, modelDir);
        List<Path> testImages;
        try (Stream<Path> files = Files.walk(data.resolve("test"))) {
            testImages = files.filter(Files::isRegularFile).sorted().toList(); // the reader's order: class, then name
        }
        float[][] expected = ServeFixtures.evaluationProbabilities(spec, run);
        assertEquals(12, testImages.size());

        for (int i = 0; i < testImages.size(); i++) {
            Path shoePng = testImages.get(i);
            Classifications[] out = new Classifications[1];
            // --- README example begins ---
            Criteria<Image, Classifications> criteria = Criteria.builder()
                    .setTypes(Image.class, Classifications.class)
                    .optModelPath(modelDir) // written by `bin/absgd export`; its serving.properties names the block factory
                    .optTranslatorFactory(new AbsgdTranslatorFactory())
                    .build();
            try (ZooModel<Image, Classifications> model = criteria.loadModel();
                    Predictor<Image, Classifications> predictor = model.newPredictor()) {
                Image image = ImageFactory.getInstance().fromFile(shoePng);
                Classifications result = predictor.predict(image);
                System.out.println(result.best().getClassName() + " " + result.best().getProbability());
                out[0] = result;
            }
            // --- README example ends ---
            assertProbabilities(expected[i], out[0], shoePng);
        }

        // the explicit route: the block and the translator given to Criteria, in one batch
        Criteria<Image, Classifications> explicit = Criteria.builder().setTypes(Image.class, Classifications.class)
                .optModelPath(modelDir).optBlock(AbsgdBlockFactory.block(modelDir))
                .optTranslator(ImageClassifierTranslator.of(modelDir)).build();
        try (ZooModel<Image, Classifications> model = explicit.loadModel();
                Predictor<Image, Classifications> predictor = model.newPredictor()) {
            List<Image> images = testImages.stream().map(ServingExampleTest::image).toList();
            List<Classifications> results = predictor.batchPredict(images);
            for (int i = 0; i < images.size(); i++) {
                assertProbabilities(expected[i], results.get(i), testImages.get(i));
            }
        }
    }

    private static void assertProbabilities(float[] expected, Classifications actual, Path file) {
        List<String> names = List.of("cat", "dog", "owl");
        assertEquals(names, actual.getClassNames());
        for (int c = 0; c < expected.length; c++) {
            assertEquals(expected[c], actual.getProbabilities().get(c), 1e-6, file + " class " + names.get(c));
        }
        assertTrue(expected.length == 3);
    }

    private static Image image(Path file) {
        try {
            return ImageFactory.getInstance().fromFile(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

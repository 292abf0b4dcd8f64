package io.github.absgd.serve;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.github.absgd.data.DataBundle;
import io.github.absgd.data.DataBundles;
import io.github.absgd.model.ClassifierModel;
import io.github.absgd.train.BaseLoss;
import io.github.absgd.train.CheckpointFile;
import io.github.absgd.train.ProgressListener;
import io.github.absgd.train.RunSpec;
import io.github.absgd.train.TrainingRun;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;

/** Small data sets, trained runs and the evaluation path's own probabilities, for the serving tests. */
public final class ServeFixtures {

    private ServeFixtures() {}

    /**
     * An image folder tree under {@code root}: classes "cat", "dog", "owl" told apart by their colour under
     * pixel noise; training images {@code size} x {@code size}, test images 20 x 20 (resized on reading).
     */
    public static Path imageFolder(Path root, int size, int trainPerClass, int testPerClass) throws IOException {
        String[] classes = {"cat", "dog", "owl"};
        int[][] colours = {{200, 60, 60}, {60, 200, 60}, {60, 60, 200}};
        Random random = new Random(11);
        for (int c = 0; c < classes.length; c++) {
            for (int i = 0; i < trainPerClass + testPerClass; i++) {
                boolean test = i >= trainPerClass;
                int side = test ? 20 : size;
                BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        int[] rgb = new int[3];
                        for (int k = 0; k < 3; k++) {
                            rgb[k] = Math.max(0, Math.min(255, colours[c][k] + (int) (random.nextGaussian() * 70)));
                        }
                        image.setRGB(x, y, rgb[0] << 16 | rgb[1] << 8 | rgb[2]);
                    }
                }
                Path file = root.resolve(test ? "test" : "train").resolve(classes[c])
                        .resolve(String.format(Locale.ROOT, "%03d.png", i));
                Files.createDirectories(file.getParent());
                ImageIO.write(image, "png", file.toFile());
            }
        }
        return root;
    }

    /** A CSV of 4 long-tailed classes with numeric columns a, b and a categorical column colour; label column "label". */
    public static Path csv(Path file, int seed, int scale) throws IOException {
        Random random = new Random(seed);
        int[] counts = {40 * scale, 20 * scale, 10 * scale, 6 * scale};
        String[] names = {"low", "mid", "high", "top"};
        List<String> lines = new ArrayList<>();
        lines.add("a,colour,b,label");
        for (int c = 0; c < counts.length; c++) {
            for (int i = 0; i < counts[c]; i++) {
                lines.add(String.format(Locale.ROOT, "%.4f,%s,%.4f,%s", c + random.nextGaussian() * 0.7,
                        c % 2 == 0 ? "red" : (i % 3 == 0 ? "green" : "blue"), (c % 2) * 2 + random.nextGaussian(), names[c]));
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, lines);
        return file;
    }

    /** Trains the run {@code spec} describes into {@code out}. */
    public static void train(RunSpec spec, Path out) {
        try (DataBundles data = DataBundles.load(spec.data())) {
            TrainingRun.run(spec, data.bundle(), out, false, ProgressListener.SILENT);
        }
    }

    /**
     * The class probabilities of every test sample as training's evaluation computes them: the run's data
     * re-read, the checkpoint loaded into a fresh network, batches without augmentation, softmax of the logits
     * (times LDAM's scale for an LDAM method).
     */
    public static float[][] evaluationProbabilities(RunSpec spec, Path run) {
        try (DataBundles loaded = DataBundles.load(spec.data()); NDManager manager = NDManager.newBaseManager()) {
            DataBundle data = loaded.bundle();
            ClassifierModel network = TrainingRun.network(spec, data.numClasses(), data.inputShape());
            network.initialize(manager);
            CheckpointFile.load(run.resolve(CheckpointFile.FILE_NAME), spec.model(), network.block(), null, manager);
            int[] all = IntStream.range(0, data.test().size()).toArray();
            NDList batch = data.test().batch(manager, all, false, 0);
            NDArray logits = network.block().forward(new ParameterStore(manager, false), new NDList(batch.head()), false).head();
            // LDAM trained scale * cosine logits: that is what its softmax is of
            double scale = spec.method().base() == BaseLoss.LDAM ? spec.ldamScale() : 1;
            NDArray probabilities = logits.mul((float) scale).softmax(1);
            float[] flat = probabilities.toFloatArray();
            int classes = data.numClasses();
            float[][] out = new float[all.length][classes];
            for (int i = 0; i < all.length; i++) {
                System.arraycopy(flat, i * classes, out[i], 0, classes);
            }
            return out;
        }
    }
}

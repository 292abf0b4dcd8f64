package io.github.absgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.absgd.data.TestFiles;
import io.github.absgd.serve.ServeFixtures;
import io.github.absgd.train.CheckpointFile;
import io.github.absgd.train.RunSpec;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * export and predict end to end: on a small IDX image set and a CSV set, {@code predict} over the
 * test set (images written as PNG files, the test CSV) gives eval's confusion matrix, sample for
 * sample class; bad inputs are one line, exit 2, with nothing printed on standard output.
 */
class PredictCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SIDE = 12;

    @TempDir
    static Path tmp;

    static Path imageModel;
    static Path pngs;
    static JsonNode imageEval;
    static Path csvModel;
    static Path testCsv;
    static JsonNode csvEval;

    @BeforeAll
    static void trainAndExport() throws IOException {
        // images: 3 classes, each a bright block in its own place, under noise; 1-channel IDX
        Path idx = tmp.resolve("idx");
        int[] trainLabels = labels(new int[] {60, 30, 15}, new Random(1));
        int[] testLabels = labels(new int[] {12, 12, 12}, new Random(2));
        byte[] trainPixels = pixels(trainLabels, new Random(3));
        byte[] testPixels = pixels(testLabels, new Random(4));
        writeIdx(idx.resolve("train-images-idx3-ubyte"), idx.resolve("train-labels-idx1-ubyte"), trainLabels, trainPixels);
        writeIdx(idx.resolve("t10k-images-idx3-ubyte"), idx.resolve("t10k-labels-idx1-ubyte"), testLabels, testPixels);
        Path imageRun = tmp.resolve("image-run");
        ok(Main.run("train", "--dataset", "idx", "--data-dir", idx.toString(), "--model", "small-cnn", "--method", "ce",
                "--epochs", "3", "--batch-size", "32", "--warmup-epochs", "0", "--lr", "0.05", "--lr-milestones", "2",
                "--stage2-epoch", "2", "--threads", "1", "--out", imageRun.toString()), "train");
        imageEval = evalJson(imageRun);
        imageModel = tmp.resolve("models/image");
        String[] export = CommandLineRun.run("export", "--checkpoint", imageRun.toString(), "--out", imageModel.toString());
        assertEquals("0", export[0], export[2]);
        assertTrue(export[1].startsWith("exported small-cnn (3 classes, 1x12x12 images) to "), export[1]);
        pngs = tmp.resolve("pngs");
        for (int i = 0; i < testLabels.length; i++) {
            BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
            for (int p = 0; p < SIDE * SIDE; p++) {
                image.getRaster().setSample(p % SIDE, p / SIDE, 0, testPixels[i * SIDE * SIDE + p] & 0xff);
            }
            Path file = pngs.resolve(Integer.toString(testLabels[i])).resolve(String.format(Locale.ROOT, "%03d.png", i));
            Files.createDirectories(file.getParent());
            ImageIO.write(image, "png", file.toFile());
        }

        // tabular: 4 classes, a categorical column, a separate test file
        Path trainCsv = csv(tmp.resolve("train.csv"), new int[] {200, 80, 30, 12}, new Random(5));
        testCsv = csv(tmp.resolve("test.csv"), new int[] {25, 25, 25, 25}, new Random(6));
        Path csvRun = tmp.resolve("csv-run");
        ok(Main.run("train", "--dataset", "csv", "--train-file", trainCsv.toString(), "--test-file", testCsv.toString(),
                "--categorical", "colour", "--model", "mlp", "--hidden", "16", "--method", "absgd-drw", "--lambda", "1",
                "--epochs", "3", "--batch-size", "32", "--warmup-epochs", "0", "--lr-milestones", "2", "--stage2-epoch", "2",
                "--threads", "1", "--out", csvRun.toString()), "train csv");
        csvEval = evalJson(csvRun);
        csvModel = tmp.resolve("models/csv");
        assertEquals("0", CommandLineRun.run("export", "--checkpoint", csvRun.toString(), "--out", csvModel.toString())[0]);
    }

    @Test
    void predictOverTheTestImagesGivesEvalsConfusionMatrix() throws IOException {
        String[] out = CommandLineRun.run("predict", "--model", imageModel.toString(), pngs.toString());
        assertEquals("0", out[0], out[2]);
        String[] lines = out[1].strip().split("\n");
        assertEquals(36, lines.length);
        // the probabilities of evaluation's own path (IDX pixels, training's batcher), test image by test image
        float[][] expected = ServeFixtures.evaluationProbabilities(
                RunSpec.fromJson(CheckpointFile.readState(tmp.resolve("image-run/checkpoint.bin")).config()), tmp.resolve("image-run"));
        long[][] confusion = new long[3][3];
        for (String line : lines) {
            JsonNode result = JSON.readTree(line);
            Path file = Path.of(result.get("file").asText());
            int truth = Integer.parseInt(file.getParent().getFileName().toString());
            JsonNode top = result.get("top");
            assertEquals(3, top.size());
            int sample = Integer.parseInt(file.getFileName().toString().replace(".png", ""));
            for (JsonNode entry : top) {
                assertEquals(expected[sample][entry.get("index").asInt()], entry.get("probability").asDouble(), 1e-6, line);
            }
            assertTrue(top.get(0).get("probability").asDouble() >= top.get(1).get("probability").asDouble());
            assertEquals(top.get(0).get("index").asText(), top.get(0).get("name").asText()); // IDX classes are named by number
            confusion[truth][top.get(0).get("index").asInt()]++;
        }
        assertEquals(imageEval.get("confusion").toString(), JSON.valueToTree(confusion).toString());
        assertTrue(imageEval.get("acc").asDouble() > 0.5, "the model learnt something: " + imageEval.get("acc"));
        assertEquals(imageEval.get("acc").asDouble(), trace(confusion) / 36.0, 1e-12);
    }

    @Test
    void predictOverTheTestCsvGivesEvalsConfusionMatrix() throws IOException {
        String[] out = CommandLineRun.run("predict", "--model", csvModel.toString(), "--top-k", "2", testCsv.toString());
        assertEquals("0", out[0], out[2]);
        List<String> csvLines = Files.readAllLines(testCsv);
        String[] lines = out[1].strip().split("\n");
        assertEquals(csvLines.size() - 1, lines.length);
        long[][] confusion = new long[4][4];
        for (int i = 0; i < lines.length; i++) {
            JsonNode result = JSON.readTree(lines[i]);
            assertEquals(i + 1, result.get("row").asInt());
            assertFalse(result.has("file"));
            assertEquals(2, result.get("top").size());
            String label = csvLines.get(i + 1).substring(csvLines.get(i + 1).lastIndexOf(',') + 1);
            assertEquals(label, "c" + Integer.parseInt(label.substring(1)));
            confusion[Integer.parseInt(label.substring(1))][result.get("top").get(0).get("index").asInt()]++;
            assertEquals("c" + result.get("top").get(0).get("index").asInt(), result.get("top").get(0).get("name").asText());
        }
        assertEquals(csvEval.get("confusion").toString(), JSON.valueToTree(confusion).toString());

        // the same rows with the columns reordered and without the label, as CSV output
        Path reordered = tmp.resolve("reordered.csv");
        List<String> moved = new ArrayList<>();
        for (String line : csvLines) {
            String[] c = line.split(",");
            moved.add(String.join(";", c[3], c[2], c[0], c[1]));
        }
        Files.write(reordered, moved);
        String[] asCsv = CommandLineRun.run("predict", "--model", csvModel.toString(), "--format", "csv", "--top-k", "1",
                reordered.toString());
        assertEquals("0", asCsv[0], asCsv[2]);
        String[] records = asCsv[1].strip().split("\n");
        assertEquals("row,index_1,name_1,probability_1", records[0]);
        for (int i = 0; i < lines.length; i++) {
            JsonNode best = JSON.readTree(lines[i]).get("top").get(0);
            assertEquals((i + 1) + "," + best.get("index").asInt() + "," + best.get("name").asText() + ","
                    + best.get("probability").floatValue(), records[i + 1]);
        }
    }

    @Test
    void predictOverArffRowsGivesWhatTheSameCsvRowsGive() throws IOException {
        List<String> csvLines = Files.readAllLines(testCsv);
        String[] fromCsv = CommandLineRun.run("predict", "--model", csvModel.toString(), testCsv.toString());
        assertEquals("0", fromCsv[0], fromCsv[2]);
        // the class attribute declared, its value missing ('?') in every other row; then a file without it
        List<String> arff = new ArrayList<>(List.of("% the test rows", "@relation test", "@attribute a numeric",
                "@attribute colour {red, blue, green}", "@attribute b numeric", "@attribute label {c0, c1, c2, c3}", "@data"));
        List<String> unlabelled = new ArrayList<>(List.of("@RELATION test", "@ATTRIBUTE b REAL", "@ATTRIBUTE a REAL",
                "@ATTRIBUTE colour {green, blue, red}", "@DATA"));
        for (int i = 1; i < csvLines.size(); i++) {
            String[] c = csvLines.get(i).split(",");
            arff.add(String.join(",", c[0], c[1], c[2], i % 2 == 0 ? "?" : c[3]));
            unlabelled.add(String.join(",", c[2], c[0], c[1]));
        }
        for (List<String> content : List.of(arff, unlabelled)) {
            Path file = Files.write(tmp.resolve("rows-" + content.size() + "-" + content.get(1).length() + ".arff"), content);
            String[] fromArff = CommandLineRun.run("predict", "--model", csvModel.toString(), file.toString());
            assertEquals("0", fromArff[0], fromArff[2]);
            assertEquals(fromCsv[1], fromArff[1], "row by row the same classes and probabilities: " + file);
        }

        Path badHeader = Files.write(tmp.resolve("bad-header.arff"), List.of("@relation t", "@attribute a numeric",
                "@attribute colour {red, blue", "@data", "1,red"));
        String[] bad = CommandLineRun.run("predict", "--model", csvModel.toString(), badHeader.toString());
        assertEquals("2", bad[0], bad[2]);
        assertTrue(bad[2].strip().startsWith("absgd: " + badHeader + ": line 3"), bad[2]);
        assertEquals(1, bad[2].strip().lines().count(), bad[2]);
        assertEquals("", bad[1]);
    }

    @Test
    void badInputsAreOneLineExitTwoAndNothingPrinted() throws IOException {
        Path broken = Files.writeString(pngs.resolve("1").resolve("zz-broken.png"), "not an image");
        try {
            expectError(broken + ": cannot decode image (not in a format ImageIO reads: PNG, JPEG, BMP, GIF, WBMP)",
                    "predict", "--model", imageModel.toString(), pngs.toString());
        } finally {
            Files.delete(broken);
        }
        Path columns = Files.write(tmp.resolve("columns.csv"), List.of("a,size,label", "1.0,3,c0"));
        expectError(columns + ": missing columns 'colour', 'b'; unknown column 'size' (the model's columns: a, colour, b,"
                + " optionally the label 'label')", "predict", "--model", csvModel.toString(), columns.toString());
        Path unknownClass = Files.write(tmp.resolve("unknown.csv"), List.of("a,colour,b,label", "1.0,red,0.5,c0",
                "1.0,red,0.5,c9"));
        expectError(unknownClass + ": line 3, column 'label': label 'c9' is out of range (not one of the 4 classes of the"
                + " training data)", "predict", "--model", csvModel.toString(), unknownClass.toString());
        expectError(testCsv + ": is a CSV file, but the model classifies images (1x12x12", "predict", "--model", imageModel.toString(),
                testCsv.toString());

        Path v2 = copy(imageModel, tmp.resolve("models/v2"));
        Path json = v2.resolve("absgd-model.json");
        Files.writeString(json, Files.readString(json).replace("\"format_version\" : 1", "\"format_version\" : 7"));
        expectError(json + ": model format version 7 is not supported (this absgd reads version 1); export the model again"
                + " with this version", "predict", "--model", v2.toString(), pngs.toString());
        Path noParams = copy(imageModel, tmp.resolve("models/no-params"));
        Files.delete(noParams.resolve("absgd-0000.params"));
        expectError(noParams + ": missing absgd-0000.params (the model directory is incomplete; export it again)",
                "predict", "--model", noParams.toString(), pngs.toString());
        expectError("--top-k must be between 1 and the model's 3 classes, got 4", "predict", "--model", imageModel.toString(),
                "--top-k", "4", pngs.toString());
        expectError(tmp.resolve("nothing.png") + ": no such file", "predict", "--model", imageModel.toString(),
                tmp.resolve("nothing.png").toString());
        String[] noModel = CommandLineRun.run("predict", pngs.toString());
        assertEquals("2", noModel[0]);
        assertTrue(noModel[2].contains("--model"), noModel[2]);

        expectError(imageModel + ": already exists; export writes a new directory (remove it or choose another)", "export",
                "--checkpoint", tmp.resolve("image-run").toString(), "--out", imageModel.toString());
    }

    private static void expectError(String message, String... args) {
        String[] out = CommandLineRun.run(args);
        assertEquals("2", out[0], out[2]);
        assertEquals("", out[1], "nothing on standard output");
        assertEquals(1, out[2].strip().split("\n").length, out[2]);
        assertTrue(out[2].startsWith("absgd: " + message), out[2]);
    }

    private static void ok(int exit, String what) {
        assertEquals(0, exit, what);
    }

    private static JsonNode evalJson(Path run) throws IOException {
        String[] eval = CommandLineRun.run("eval", "--checkpoint", run.toString(), "--json");
        assertEquals("0", eval[0], eval[2]);
        return JSON.readTree(eval[1]);
    }

    private static long trace(long[][] m) {
        long t = 0;
        for (int i = 0; i < m.length; i++) {
            t += m[i][i];
        }
        return t;
    }

    private static int[] labels(int[] counts, Random random) {
        List<Integer> all = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            for (int i = 0; i < counts[c]; i++) {
                all.add(c);
            }
        }
        java.util.Collections.shuffle(all, random);
        return all.stream().mapToInt(Integer::intValue).toArray();
    }

    private static byte[] pixels(int[] labels, Random random) {
        byte[] out = new byte[labels.length * SIDE * SIDE];
        for (int i = 0; i < labels.length; i++) {
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    boolean lit = y / 4 == labels[i] && x >= 2 && x < 10;
                    double v = (lit ? 170 : 50) + random.nextGaussian() * 60;
                    out[i * SIDE * SIDE + y * SIDE + x] = (byte) Math.max(0, Math.min(255, (int) v));
                }
            }
        }
        return out;
    }

    private static void writeIdx(Path images, Path labels, int[] y, byte[] pixels) throws IOException {
        TestFiles.write(images, TestFiles.idx(new int[] {y.length, SIDE, SIDE}, pixels), false);
        byte[] labelBytes = new byte[y.length];
        for (int i = 0; i < y.length; i++) {
            labelBytes[i] = (byte) y[i];
        }
        TestFiles.write(labels, TestFiles.idx(new int[] {y.length}, labelBytes), false);
    }

    private static Path csv(Path file, int[] counts, Random random) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("a,colour,b,label");
        for (int c = 0; c < counts.length; c++) {
            for (int i = 0; i < counts[c]; i++) {
                lines.add(String.format(Locale.ROOT, "%.4f,%s,%.4f,c%d", c + random.nextGaussian() * 0.8,
                        c % 2 == 0 ? "red" : (i % 2 == 0 ? "blue" : "green"), (c / 2) * 2 + random.nextGaussian(), c));
            }
        }
        Files.write(file, lines);
        return file;
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}

package io.github.absgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input is one line on stderr naming what is at fault, exit code 2, no stack trace, nothing written. */
class BadInputTest {

    @TempDir
    static Path tmp;

    static Path csv;

    @BeforeAll
    static void writeData() throws IOException {
        Random random = new Random(4);
        List<String> lines = new ArrayList<>(List.of("x,y,label"));
        for (int i = 0; i < 120; i++) {
            int label = i % 4;
            lines.add(String.format(Locale.ROOT, "%.3f,%.3f,%d", random.nextGaussian() + label, random.nextGaussian(), label));
        }
        csv = Files.write(tmp.resolve("four.csv"), lines);
    }

    private static String[] train(String... more) {
        List<String> all = new ArrayList<>(List.of("train", "--dataset", "csv", "--train-file", csv.toString(), "--model", "mlp",
                "--hidden", "8", "--epochs", "1", "--batch-size", "32"));
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    /** Runs the command line and checks the one-line contract; returns the line without "absgd: ". */
    private static String oneLineError(String... args) {
        String[] result = CommandLineRun.run(args);
        assertEquals("2", result[0], result[2]);
        String err = result[2].strip();
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.startsWith("absgd: "), err);
        assertFalse(err.contains("\tat ") || err.contains("Usage:"), "no stack trace, no usage: " + err);
        return err.substring("absgd: ".length());
    }

    @Test
    void aMistypedOptionIsOneLineWithTheClosestOption() {
        String line = oneLineError(train("--lamda=1", "--out", tmp.resolve("a").toString()));
        assertTrue(line.startsWith("Unknown option: '--lamda=1' (did you mean --lambda"), line);
        assertTrue(line.endsWith("?); see 'absgd train --help'"), line);
    }

    @Test
    void aBadValueIsOneLineNamingTheOption() {
        String line = oneLineError(train("--lr", "fast", "--out", tmp.resolve("b").toString()));
        assertTrue(line.startsWith("Invalid value for option '--lr' (LR): 'fast' is not a double"), line);
        assertTrue(line.endsWith("; see 'absgd train --help'"), line);
    }

    @Test
    void aConfigValueOfTheWrongTypeNamesTheFileAndKey() throws IOException {
        Path config = Files.writeString(tmp.resolve("typed.json"), "{\"momentum\": \"high\"}");
        String line = oneLineError(train("--config", config.toString(), "--out", tmp.resolve("c").toString()));
        assertTrue(line.startsWith(config + ": key \"momentum\": 'high' is not a double"), line);
    }

    @Test
    void aConfigWithTrailingTextOrARepeatedKeyIsRefused() throws IOException {
        Path trailing = Files.writeString(tmp.resolve("trailing.json"), "{\"lr\": 0.1} {\"lr\": 0.2}");
        String line = oneLineError(train("--config", trailing.toString(), "--out", tmp.resolve("d").toString()));
        assertTrue(line.startsWith(trailing + ": invalid JSON at line 1, column "), line);
        assertTrue(line.contains("Trailing token"), line);
        Path twice = Files.writeString(tmp.resolve("twice.json"), "{\"lr\": 0.1, \"lr\": 0.2}");
        String duplicate = oneLineError(train("--config", twice.toString(), "--out", tmp.resolve("d2").toString()));
        assertTrue(duplicate.startsWith(twice + ": invalid JSON") && duplicate.contains("Duplicate field 'lr'"), duplicate);
    }

    @Test
    void anEmptyOutputDirectoryIsRefused() {
        assertEquals("Invalid value for option '--out': must name a directory, got ''; see 'absgd train --help'",
                oneLineError(train("--out", "")));
    }

    @Test
    void aMethodOrSeedNamedTwiceIsRefused() {
        assertEquals("--methods names ce twice", oneLineError("compare", "--methods", "ce,absgd,ce", "--seeds", "0",
                "--out", tmp.resolve("e").toString()));
        assertEquals("--seeds names 0 twice", oneLineError("compare", "--methods", "ce", "--seeds", "0,1,0",
                "--out", tmp.resolve("f").toString()));
    }

    @Test
    void moreThreadsThanCoresAreRefused() {
        int cores = Runtime.getRuntime().availableProcessors();
        assertEquals("--threads must be between 0 (all cores) and " + cores + ", this machine's cores, got 100000",
                oneLineError(train("--threads", "100000", "--out", tmp.resolve("g").toString())));
        assertFalse(Files.exists(tmp.resolve("g")), "nothing written");
    }

    @Test
    void aDeviceLibtorchDoesNotSeeIsRefused() {
        // this build's libtorch is the CPU one: it sees no GPU
        assertEquals("--devices gpu0 is not available: libtorch sees 0 GPUs (a CPU build of libtorch sees none; README, Devices)",
                oneLineError(train("--devices", "gpu0,gpu1", "--out", tmp.resolve("h").toString())));
        assertFalse(Files.exists(tmp.resolve("h")), "nothing written");
        assertEquals("--devices 'tpu0' in 'gpu0,tpu0' is not a device: give default, cpu, all, or GPUs as gpu0,gpu1,...",
                oneLineError(train("--devices", "gpu0,tpu0", "--out", tmp.resolve("h").toString())));
    }

    @Test
    void evalOnDataOfAnotherClassCountNamesTheParameterThatDiffers() throws IOException {
        Path run = tmp.resolve("four-classes");
        assertEquals("0", CommandLineRun.run(train("--out", run.toString()))[0]);
        List<String> three = new ArrayList<>(List.of("x,y,label"));
        for (int i = 0; i < 30; i++) {
            three.add(i + ",1," + (i % 3));
        }
        Path other = Files.write(tmp.resolve("three.csv"), three);
        String line = oneLineError("eval", "--checkpoint", run.toString(), "--train-file", other.toString());
        assertTrue(line.matches(".*checkpoint.bin: checkpoint of model 'mlp' does not fit the model as configured here: "
                + "parameter \\S+ is \\(4(, 8)?\\) in the checkpoint, \\(3(, 8)?\\) here \\(another number of classes.*"), line);
    }
}

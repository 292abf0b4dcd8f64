package io.github.absgd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.absgd.data.TestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code absgd data}: the training set as it would be trained on, as JSON or text, and one-line errors. */
class DataCommandTest {

    @TempDir Path dir;

    @Test
    void printsJsonTextAndOneLineErrors() throws Exception {
        String[] ok = run("data", "--dataset", "cifar10", "--data-dir", TestFiles.cifar10Batches(dir).toString(), "--imbalance", "10",
                "--profile", "step", "--noise", "0.3", "--json");
        assertEquals("0", ok[0], ok[2]);
        JsonNode json = new ObjectMapper().readTree(ok[1]);
        assertEquals(10, json.get("classes").asInt());
        assertEquals("[20,20,20,20,20,2,2,2,2,2]", json.get("counts").toString());
        assertEquals(110, sum(json.get("noisy_counts")));
        assertFalse(json.get("noisy_counts").equals(json.get("counts")), "noise moved labels between classes: " + ok[1]);
        // 30% of 110 labels flipped in expectation (sd 4.4%)
        double noisy = json.get("noisy_fraction").asDouble();
        assertTrue(noisy > 0.15 && noisy < 0.45, "noisy fraction " + noisy);
        assertEquals(10.0, json.get("imbalance_ratio").asDouble());
        assertTrue(json.get("groups").get("many").isNull());
        assertEquals("[0,1,2,3,4]", json.get("groups").get("medium").toString());
        assertEquals("[5,6,7,8,9]", json.get("groups").get("few").toString());

        String[] text = run("data", "--dataset", "cifar10", "--data-dir", dir.toString(), "--verbose");
        assertEquals("0", text[0], text[2]);
        assertTrue(text[1].contains("groups: many none, medium 10"), text[1]);

        Files.write(dir.resolve("test_batch.bin"), new byte[100]);
        String[] bad = run("data", "--dataset", "cifar10", "--data-dir", dir.toString());
        assertEquals("2", bad[0]);
        assertEquals("absgd: " + dir.resolve("test_batch.bin") + ": length 100 is not a multiple of the 3073-byte record"
                + " (1 label byte + 3072 pixels): truncated or not this CIFAR format", bad[2].strip());
        assertFalse(bad[2].contains("\tat "), "no stack trace");
    }

    @Test
    void classesAndDelimiterOptions() throws Exception {
        Path csv = Files.writeString(dir.resolve("t.csv"), "a;b;y\n1;2;0\n3;4;2\n5;6;0\n7;8;2\n");
        String[] gap = run("data", "--dataset", "csv", "--train-file", csv.toString(), "--test-file", csv.toString());
        assertEquals("2", gap[0], gap[2]);
        assertEquals("absgd: " + csv + ": no row has label 1 (labels are class indices, here 0..2, so every class below the largest "
                + "label needs a row); if those classes are really empty, give the number of classes with --classes", gap[2].strip());

        String[] three = run("data", "--dataset", "csv", "--train-file", csv.toString(), "--test-file", csv.toString(),
                "--classes", "3", "--json");
        assertEquals("0", three[0], three[2]);
        JsonNode json = new ObjectMapper().readTree(three[1]);
        assertEquals(3, json.get("classes").asInt());
        assertEquals("[2,0,2]", json.get("counts").toString());
        assertEquals("[2]", json.get("sample_shape").toString(), "a and b, split at the semicolons");

        String[] commas = run("data", "--dataset", "csv", "--train-file", csv.toString(), "--delimiter", ",");
        assertEquals("2", commas[0], commas[2]);
        assertTrue(commas[2].contains("has no feature columns besides the label 'a;b;y' (read with the separator ','"), commas[2]);

        String help = run("data", "--help")[1];
        assertTrue(help.contains("--classes=N") && help.contains("--delimiter=CHAR"), help);
    }

    private static int sum(JsonNode array) {
        int total = 0;
        for (JsonNode n : array) {
            total += n.asInt();
        }
        return total;
    }

    private static String[] run(String... args) {
        return CommandLineRun.run(args);
    }
}

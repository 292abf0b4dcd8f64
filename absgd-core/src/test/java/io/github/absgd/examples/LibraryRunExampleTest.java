package io.github.absgd.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.absgd.data.DataBundles;
import io.github.absgd.data.DataSpec;
import io.github.absgd.train.Method;
import io.github.absgd.train.ProgressListener;
import io.github.absgd.train.RunSpec;
import io.github.absgd.train.TrainingRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's whole-run library example, kept compiling and running on a small imbalanced CSV. */
class LibraryRunExampleTest {

    @TempDir
    Path dir;

    @Test
    void aWholeRunFromATypedSpecification() throws IOException {
        Random random = new Random(5);
        List<String> rows = new ArrayList<>(List.of("amount,hour,label"));
        for (int i = 0; i < 600; i++) {
            boolean fraud = i % 20 == 0; // 1 in 20
            rows.add(String.format(Locale.ROOT, "%.3f,%.3f,%s", random.nextGaussian() + (fraud ? 2.5 : 0), random.nextGaussian(),
                    fraud ? "fraud" : "ok"));
        }
        Path fraudCsv = dir.resolve("fraud.csv");
        Files.write(fraudCsv, rows);
        Path runs = dir.resolve("runs/fraud");
        double[] balancedAccuracy = new double[1];

        // --- README example begins (paths from the temporary directory, 8 epochs instead of 20) ---
        RunSpec spec = RunSpec.builder()
                .model("mlp").hidden(List.of(64)).method(Method.ABSGD_DRW)
                .epochs(8).warmupEpochs(0).stage2Epoch(6).lrMilestones(List.of(6)).lambda(1.0).seed(1)
                .data(DataSpec.builder().dataset("csv").trainFile(fraudCsv).labelColumn("label").build())
                .build();
        try (DataBundles data = DataBundles.load(spec.data())) {
            TrainingRun.Outcome outcome = TrainingRun.run(spec, data.bundle(), runs, false, ProgressListener.SILENT);
            balancedAccuracy[0] = outcome.results().metrics().balancedAccuracy();
        }
        // --- README example ends ---

        assertTrue(balancedAccuracy[0] > 0.7, "the rare class is found: balanced accuracy " + balancedAccuracy[0]);
        assertEquals(8, Files.readAllLines(runs.resolve("metrics.jsonl")).size());
    }
}

package io.github.absgd.cli;

import io.github.absgd.data.DataBundles;
import io.github.absgd.report.Charts;
import io.github.absgd.train.CheckpointFile;
import io.github.absgd.train.CheckpointState;
import io.github.absgd.train.Interrupts;
import io.github.absgd.train.RunFiles;
import io.github.absgd.train.RunResults;
import io.github.absgd.train.RunSpec;
import io.github.absgd.train.TrainingRun;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code absgd train}: one training run, resumable, with metrics, results, checkpoint and charts. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        header = "Train one model (resumable): metrics, results, checkpoint, charts.",
        sortOptions = false,
        description = {
            "Trains a classifier on (long-tailed) data with ABSGD or a baseline. The defaults are the",
            "Fashion-MNIST-LT recipe (rho 100 unless --imbalance is given): small-cnn, 30 epochs, batch 128, SGD momentum "
                    + "0.9, weight decay 5e-4,",
            "lr 0.1 with a 2-epoch warm-up and x0.01 at epoch 24, stage 2 (lambda 5, DRW) from epoch 24.",
            "Writes to --out: metrics.jsonl (one line per epoch), results.json (final metrics and the full",
            "configuration), checkpoint.bin (atomic; --resume continues from it), curves.png, per-class.png.",
            "Ctrl-C or SIGTERM finishes the current step, writes a checkpoint and exits 130 or 143; --resume continues."
        })
final class TrainCommand implements Callable<Integer> {

    @Mixin
    RunOptions run;

    @Option(names = "--out", paramLabel = "DIR", converter = OutDirectory.class,
            description = "output directory (default: runs/<method>-seed<seed>)")
    Path out;

    @Option(names = "--resume", description = "continue the run in --out from its checkpoint")
    boolean resume;


    @Override
    public Integer call() throws Exception {
        RunSpec spec = run.spec();
        String method = spec.method().id();
        Path dir = out != null ? out : Path.of("runs", method + "-seed" + spec.seed());
        try (DataBundles loaded = DataBundles.load(spec.data()); ConsoleProgress progress = new ConsoleProgress(method)) {
            Interrupts.install();
            TrainingRun.Outcome outcome = TrainingRun.run(spec, loaded.bundle(), dir, resume, progress);
            progress.close();
            if (outcome.status() == TrainingRun.Status.INTERRUPTED) {
                return stopped(dir, "continue with the same command plus --resume");
            }
            RunResults results = outcome.results();
            writeCharts(dir, method, results);
            System.out.printf(Locale.ROOT, "%s: balanced acc %.2f%%, acc %.2f%%, tail-3 %s, %.0f train images/s%s%n",
                    method, 100 * results.metrics().balancedAccuracy(), 100 * results.metrics().accuracy(),
                    percent(results.metrics().tail3()), results.imagesPerSecond(),
                    outcome.status() == TrainingRun.Status.ALREADY_FINISHED ? " (finished earlier)" : "");
            System.out.println("results: " + dir.resolve(RunFiles.RESULTS) + ", charts: " + dir.resolve("curves.png")
                    + ", " + dir.resolve("per-class.png"));
            return 0;
        }
    }

    /** One line for a run stopped by a signal: where it stopped and how to go on; the signal's exit code. */
    static int stopped(Path dir, String howToContinue) {
        CheckpointState state = CheckpointFile.readState(dir.resolve(CheckpointFile.FILE_NAME));
        System.err.printf(Locale.ROOT, "absgd: stopped by %s at epoch %d, step %d; the checkpoint in %s holds it; %s%n",
                Interrupts.describe(), state.epochsCompleted(), state.stepInEpoch(), dir, howToContinue);
        return Interrupts.exitCode();
    }

    static void writeCharts(Path dir, String label, RunResults results) {
        try {
            Charts.curves(Map.of(label, results.history()), dir.resolve("curves.png"));
            Charts.perClass(Map.of(label, results.metrics().perClass()), results.trainCounts(), results.classNames(),
                    dir.resolve("per-class.png"));
        } catch (Exception e) { // charts are a convenience: the run's results are already safe on disk
            System.err.println("absgd: warning: charts not written: " + e.getMessage());
        }
    }

    static String percent(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.2f%%", 100 * value);
    }
}

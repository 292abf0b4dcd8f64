package io.github.absgd.cli;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.absgd.data.DataBundle;
import io.github.absgd.data.DataBundles;
import io.github.absgd.data.DataSpec;
import io.github.absgd.eval.ClassificationMetrics;
import io.github.absgd.eval.Predictor;
import io.github.absgd.model.ClassifierModel;
import io.github.absgd.train.CheckpointFile;
import io.github.absgd.train.CheckpointState;
import io.github.absgd.train.RunSpec;
import io.github.absgd.util.AbsgdException;
import io.github.absgd.train.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code absgd eval}: the test metrics of a checkpoint. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        header = "Test metrics of a run's checkpoint.",
        sortOptions = false,
        description = {
            "Evaluates the checkpoint of a run on a test set: accuracy, balanced accuracy, per-class,",
            "many/medium/few-shot, tail-3, macro-F1, confusion matrix. The data options default to those",
            "the run was trained with; options given here override them."
        })
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--checkpoint", required = true, paramLabel = "DIR", description = "a train output directory (or its checkpoint.bin)")
    Path checkpoint;

    @Mixin
    DataOptions data;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Option(names = "--verbose", description = "print stack traces of errors")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        Path file = checkpointFile(checkpoint);
        CheckpointState state = CheckpointFile.readState(file);
        RunSpec spec = RunSpec.fromJson(state.config());
        DataSpec evalData = data.toSpec();
        try (DataBundles loaded = DataBundles.load(evalData); NDManager manager = NDManager.newBaseManager()) {
            DataBundle bundle = loaded.bundle();
            ClassifierModel network = TrainingRun.network(spec, bundle.numClasses(), bundle.inputShape());
            network.initialize(manager);
            try {
                CheckpointFile.load(file, spec.model(), network.block(), null, manager);
            } catch (AbsgdException e) {
                String trainedOn = spec.data().dataset();
                throw trainedOn.equals(evalData.dataset()) ? e : new UserError(Main.inCommandLineTerms(e)
                        + "; the run was trained on " + trainedOn + ", this is " + evalData.dataset(), e);
            }
            ClassificationMetrics metrics = Predictor.evaluate(network.block(), bundle.test(), bundle.trainCounts(), manager);
            if (json) {
                ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                ObjectNode out = mapper.valueToTree(metrics);
                out.put("checkpoint", file.toString());
                out.put("epochs_completed", state.epochsCompleted());
                out.set("config", state.config());
                System.out.println(mapper.writeValueAsString(out));
            } else {
                print(metrics, bundle, state);
            }
        }
        return 0;
    }

    /** A directory holds checkpoint.bin; a file is the checkpoint itself. */
    static Path checkpointFile(Path path) {
        Path file = Files.isDirectory(path) ? path.resolve(CheckpointFile.FILE_NAME) : path;
        if (!Files.exists(file)) {
            throw new UserError(file + ": no checkpoint there (expected a train --out directory)");
        }
        return file;
    }

    private static void print(ClassificationMetrics m, DataBundle bundle, CheckpointState state) {
        System.out.printf(Locale.ROOT, "checkpoint after %d epochs (%s)%n", state.epochsCompleted(), state.model());
        System.out.printf(Locale.ROOT, "accuracy %.2f%%, balanced accuracy %.2f%%, macro-F1 %.2f%%%n",
                100 * m.accuracy(), 100 * m.balancedAccuracy(), 100 * m.macroF1());
        System.out.printf(Locale.ROOT, "tail-3 %s, many %s, medium %s, few %s%n", TrainCommand.percent(m.tail3()),
                TrainCommand.percent(m.many()), TrainCommand.percent(m.medium()), TrainCommand.percent(m.few()));
        System.out.println("class  train  test  accuracy");
        for (int c = 0; c < m.perClass().length; c++) {
            String name = bundle.classNames() != null ? bundle.classNames().get(c) : String.valueOf(c);
            System.out.printf(Locale.ROOT, "%-12s %6d %5d  %6.2f%%%n", name, bundle.trainCounts()[c], m.testCounts()[c],
                    100 * m.perClass()[c]);
        }
    }
}

package io.github.absgd.serve;

import ai.djl.Model;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.absgd.data.DataLoader;
import io.github.absgd.data.ImagePreprocessing;
import io.github.absgd.data.TabularPreprocessing;
import io.github.absgd.data.TrainTestData;
import io.github.absgd.model.ClassifierModel;
import io.github.absgd.train.BaseLoss;
import io.github.absgd.train.CheckpointFile;
import io.github.absgd.train.CheckpointState;
import io.github.absgd.train.Provenance;
import io.github.absgd.train.RunSpec;
import io.github.absgd.train.TrainingRun;
import io.github.absgd.util.Directories;
import io.github.absgd.util.AbsgdException;
import io.github.absgd.util.Problems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a training run's checkpoint as a DJL model directory: DJL's parameter file
 * ({@code Model.save}), {@code absgd-model.json} ({@link ModelDescription}: architecture, classes,
 * preprocessing) and {@code serving.properties}. The preprocessing comes from the run's own data,
 * read again with {@link DataLoader} from the specification the checkpoint records, so it is what
 * training computed (normalisation, CSV columns and categories). Everything is written into a
 * temporary directory beside the target, which is renamed into place only when complete.
 */
public final class ModelExport {

    private ModelExport() {}

    /**
     * Exports the checkpoint of the run in {@code run} (its directory or its {@code checkpoint.bin}) to
     * the new directory {@code out}; an existing {@code out} is refused.
     */
    public static ModelDescription export(Path run, Path out) {
        Path checkpoint = Files.isDirectory(run) ? run.resolve(CheckpointFile.FILE_NAME) : run;
        if (!Files.isRegularFile(checkpoint)) {
            throw new AbsgdException(checkpoint + ": no checkpoint there (expected a train output directory)");
        }
        if (Files.exists(out)) {
            throw new AbsgdException(out + ": already exists; export writes a new directory (remove it or choose another)");
        }
        CheckpointState state = CheckpointFile.readState(checkpoint);
        RunSpec spec = RunSpec.fromJson(state.config());
        TrainTestData data = DataLoader.load(spec.data());
        List<Long> inputShape = new ArrayList<>();
        for (int d : data.train().sampleShape()) {
            inputShape.add((long) d);
        }
        ClassifierModel network = TrainingRun.network(spec, data.numClasses(), inputShape);
        ImagePreprocessing image = data.train().isImage() ? ImagePreprocessing.of(data) : null;
        TabularPreprocessing tabular = image == null ? TabularPreprocessing.of(data) : null;
        double logitScale = spec.method().base() == BaseLoss.LDAM ? spec.ldamScale() : 1;
        ModelDescription description = new ModelDescription(spec.model(), network.spec(), logitScale, data.classNames(),
                image, tabular, source(checkpoint, state, spec));

        Path target = out.toAbsolutePath();
        Path parent = target.getParent();
        Path tmp = null;
        try (Model model = Model.newInstance(ModelDescription.MODEL_NAME)) {
            model.setBlock(network.block());
            network.initialize(model.getNDManager());
            CheckpointFile.load(checkpoint, spec.model(), network.block(), null, model.getNDManager());
            Files.createDirectories(parent);
            tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".export-");
            try { // temporary directories are private (0700); the model directory is an ordinary one (0755)
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: keep its defaults
            }
            model.save(tmp, ModelDescription.MODEL_NAME);
            Files.writeString(tmp.resolve(ModelDescription.FILE_NAME), description.toJson(), StandardCharsets.UTF_8);
            Files.writeString(tmp.resolve(ModelDescription.SERVING_PROPERTIES), ModelDescription.servingProperties(),
                    StandardCharsets.UTF_8);
            if (!Files.isRegularFile(tmp.resolve(ModelDescription.PARAMETERS_FILE))) {
                throw new IllegalStateException("DJL did not write " + ModelDescription.PARAMETERS_FILE);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
            tmp = null;
        } catch (IOException e) {
            throw new AbsgdException(out + ": cannot write the model: " + Problems.describe(e), e);
        } finally {
            if (tmp != null) {
                Directories.deleteQuietly(tmp);
            }
        }
        return description;
    }

    private static ObjectNode source(Path checkpoint, CheckpointState state, RunSpec spec) {
        ObjectNode source = JsonNodeFactory.instance.objectNode();
        source.put("checkpoint", checkpoint.toAbsolutePath().toString());
        source.put("epochs_completed", state.epochsCompleted());
        source.put("finished", state.finished());
        source.put("method", spec.method().id());
        source.put("dataset", spec.data().dataset());
        source.put("absgd_version", Provenance.current(Instant.now()).absgdVersion());
        return source;
    }
}

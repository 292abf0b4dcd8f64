package io.github.absgd.train;

import io.github.absgd.util.Problems;
import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.absgd.util.AbsgdException;
import io.github.absgd.core.AttentionalWeighting;
import io.github.absgd.data.DataBundle;
import io.github.absgd.data.EpochOrder;
import io.github.absgd.eval.ClassificationMetrics;
import io.github.absgd.eval.Predictor;
import io.github.absgd.loss.AttentionalLoss;
import io.github.absgd.model.ClassifierModel;
import io.github.absgd.model.ModelSpec;
import io.github.absgd.model.Models;
import io.github.absgd.optim.GradientCheck;
import io.github.absgd.optim.StatefulOptimizer;
import io.github.absgd.optim.Threads;
import io.github.absgd.util.InvalidSettingException;
import io.github.absgd.util.SpecJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * One training run, resumable: builds the model and the {@link Recipe} (loss, weighting, optimizer)
 * a {@link RunSpec} describes, trains epoch by epoch with the per-epoch learning rate, the lambda schedule (ERM until
 * stage 2) and deferred class weights, evaluates on the test set after every epoch, and writes
 * {@code metrics.jsonl} and an atomic checkpoint; {@code results.json} records the specification
 * and the {@link Provenance}. Every random choice (parameter initialisation,
 * epoch order, augmentation) is a function of the seed, the epoch and the step, so a run stopped
 * and resumed ends where an uninterrupted run ends.
 */
public final class TrainingRun {

    /** How a call ended ({@code PAUSED}: a stage-1 run that reached the epoch it was to stop at). */
    public enum Status { FINISHED, INTERRUPTED, ALREADY_FINISHED, PAUSED }

    /** The outcome: status, the final metrics, and the run's directory. */
    public record Outcome(Status status, RunResults results, Path out) {}

    /**
     * Guards the engine's random generator, which is global: runs trained side by side in one JVM
     * seed it and draw their initial parameters from it one at a time.
     */
    private static final Object ENGINE_GENERATOR = new Object();

    /** Settings that may change between sessions of a run: neither changes a result. */
    private static final Set<String> MAY_CHANGE_ON_RESUME = Set.of("threads", "stream");

    private final Instant startedAt = Instant.now();
    private final RunSpec spec;
    private final DataBundle data;
    private final Path out;
    private final ProgressListener listener;
    /** The number of epochs after which this call stops (the spec's epochs, or the stage-2 epoch of a shared stage 1). */
    private final int stopAfter;

    private TrainingRun(RunSpec spec, DataBundle data, Path out, ProgressListener listener, int stopAfter) {
        this.spec = spec;
        this.data = data;
        this.out = out;
        this.listener = listener;
        this.stopAfter = stopAfter;
    }

    /**
     * Trains the run {@code spec} describes on {@code data} into {@code out}, or with {@code resume}
     * continues it from its checkpoint there ({@code spec} must be the one it was started with).
     */
    public static Outcome run(RunSpec spec, DataBundle data, Path out, boolean resume, ProgressListener listener) {
        return new TrainingRun(spec, data, out, listener, spec.epochs()).run(resume);
    }

    /**
     * Trains (or resumes) the run {@code spec} describes up to the end of epoch {@code epochs}
     * (counted from 1) and stops there with status {@link Status#PAUSED}, its checkpoint at that
     * epoch's end: a shared stage 1 ({@link SharedStage1}) that forked runs continue from.
     */
    public static Outcome runFirstEpochs(RunSpec spec, DataBundle data, Path out, int epochs, ProgressListener listener) {
        if (epochs < 1 || epochs >= spec.epochs()) {
            throw new IllegalArgumentException("a run of " + spec.epochs() + " epochs cannot pause after " + epochs);
        }
        return new TrainingRun(spec, data, out, listener, epochs).run(Files.exists(out.resolve(CheckpointFile.FILE_NAME)));
    }

    private Outcome run(boolean resume) {
        // checked before anything is written
        if (data.validation() == null) {
            String give = "give `val-fraction` or `val-file`";
            InvalidSettingException.require(spec.keep() == Keep.LAST, "keep", "best-val needs a validation set: " + give);
            InvalidSettingException.require(spec.patience() == 0, "patience", "needs a validation set: " + give);
        }
        Device[] devices = Devices.resolve(spec.devices());
        InvalidSettingException.require(devices.length == 1 || spec.accumulate() == 1, "accumulate",
                "cannot be combined with several devices yet");
        Threads.set(spec.threads());
        try (RunFiles files = RunFiles.prepare(out)) {
            return run(files, resume, devices);
        }
    }

    private Outcome run(RunFiles files, boolean resume, Device[] devices) {
        Path checkpoint = files.checkpoint();
        boolean exists = Files.exists(checkpoint);
        if (exists && !resume) {
            throw new RunExistsException(out);
        }
        ObjectNode configJson = spec.toJson();
        CheckpointState saved = exists ? CheckpointFile.readState(checkpoint) : null;
        if (saved != null) {
            requireSameConfig(saved.config(), configJson);
            if (saved.finished()) {
                return new Outcome(Status.ALREADY_FINISHED, RunResults.read(files.results()), out);
            }
            if (saved.epochsCompleted() >= stopAfter && stopAfter < spec.epochs()) {
                return new Outcome(Status.PAUSED, null, out);
            }
        }
        ClassifierModel network = network(spec, data.numClasses(), data.inputShape());
        SettableTracker learningRate = new SettableTracker();
        Recipe recipe = Recipe.of(spec, data.observedTrainCounts(), learningRate);

        try (Model model = Model.newInstance(spec.model(), devices[0])) {
            model.setBlock(network.block());
            // Parameters are created and loaded before the Trainer exists: its parameter store keeps
            // the arrays it sees at initialisation, so arrays replaced later would never be trained.
            synchronized (ENGINE_GENERATOR) {
                Engine.getInstance().setRandomSeed((int) spec.seed());
                network.initialize(model.getNDManager(), spec.init());
                if (spec.from() != null) {
                    startFrom(network, model.getNDManager());
                }
            }
            CheckpointState state = saved == null ? null
                    : CheckpointFile.load(checkpoint, spec.model(), network.block(), recipe.optimizer(), model.getNDManager());
            DefaultTrainingConfig training = new DefaultTrainingConfig(recipe.loss()).optOptimizer(recipe.optimizer())
                    .optDevices(devices);
            try (Trainer trainer = model.newTrainer(training)) {
                trainer.initialize(network.inputShape(1));
                GradientCheck.disable(trainer);
                EpochLoop loop = new EpochLoop(trainer, recipe, network, learningRate, files, configJson);
                if (state != null) {
                    loop.restore(state);
                }
                files.truncateMetrics(state == null ? 0 : state.epochsCompleted());
                return loop.run();
            }
        }
    }

    /** Stage 2 from a finished run: its parameters, then the head re-initialised and layers frozen as asked. */
    private void startFrom(ClassifierModel network, NDManager manager) {
        Path source = spec.from().resolve(CheckpointFile.FILE_NAME);
        if (!Files.exists(source)) {
            throw new InvalidSettingException("from", spec.from() + ": no " + CheckpointFile.FILE_NAME
                    + " there (is it the output directory of a training run?)");
        }
        CheckpointFile.load(source, spec.model(), network.block(), null, manager);
        if (spec.reinitClassifier()) {
            network.reinitializeHead(spec.init());
        }
        network.restrictTraining(spec.finetune());
    }

    /** The network a run specification describes, for data of {@code classes} classes and one input's shape. */
    public static ClassifierModel network(RunSpec spec, int classes, List<Long> inputShape) {
        ModelSpec model = inputShape.size() == 3
                ? ModelSpec.image(inputShape.get(0), inputShape.get(1), inputShape.get(2), classes)
                : ModelSpec.tabular(inputShape.get(0), classes);
        return Models.create(spec.model(),
                model.withCosineHead(spec.cosineHead() || spec.method().needsCosineHead()).withHiddenSizes(spec.hidden()));
    }

    private void requireSameConfig(JsonNode saved, ObjectNode current) {
        List<String> differences = optionDifferences(saved, current);
        if (!differences.isEmpty()) {
            throw new RunMismatchException(out, differences);
        }
    }

    /**
     * The settings (other than threads and streaming) in which two {@link RunSpec#toJson} forms differ, e.g.
     * {@code lr was 0.1, now 0.2}. Both are read back through {@link RunSpec#fromJson}, so a
     * setting missing from {@code saved} (added in a later version) counts as its default.
     */
    static List<String> optionDifferences(JsonNode saved, JsonNode current) {
        JsonNode before = normalised(saved);
        JsonNode now = normalised(current);
        List<String> differences = new ArrayList<>();
        for (String section : new String[] {"train", "data"}) {
            JsonNode a = before.path(section);
            JsonNode b = now.path(section);
            Set<String> keys = new TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                if (!MAY_CHANGE_ON_RESUME.contains(key) && !a.path(key).equals(b.path(key))) {
                    differences.add(key + " was " + a.path(key) + ", now " + b.path(key));
                }
            }
        }
        return differences;
    }

    /** The specification's JSON with every default filled in, as text would read it back (a long 7 equals an int 7). */
    static JsonNode normalised(JsonNode node) {
        try {
            return SpecJson.MAPPER.readTree(SpecJson.MAPPER.writeValueAsString(RunSpec.fromJson(node).toJson()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The epoch (from 1) with the best validation balanced accuracy, the first if tied; null without validation. */
    static Integer bestEpoch(List<EpochRecord> history) {
        Integer best = null;
        for (EpochRecord record : history) {
            Double val = record.valBalancedAccuracy();
            if (val != null && (best == null || val > history.get(best - 1).valBalancedAccuracy())) {
                best = record.epoch();
            }
        }
        return best;
    }

    /** The {@code k} classes with the fewest training samples (ties: the lower index), as tail3 counts them. */
    static boolean[] smallestClasses(long[] counts, int k) {
        boolean[] smallest = new boolean[counts.length];
        java.util.stream.IntStream.range(0, counts.length).boxed()
                .sorted(java.util.Comparator.<Integer>comparingLong(c -> counts[c]).thenComparing(c -> c))
                .limit(k).forEach(c -> smallest[c] = true);
        return smallest;
    }

    /** The epoch loop with its mutable state (where the run is, the partial epoch's sums). */
    private final class EpochLoop {
        private final Trainer trainer;
        private final Recipe recipe;
        private final StatefulOptimizer optimizer;
        private final ClassifierModel network;
        private final AttentionalLoss loss;
        private final AttentionalWeighting weighting;
        private final SettableTracker learningRate;
        private final RunFiles files;
        private final ObjectNode configJson;
        private final int[] observed;
        private final boolean[] noisy;
        /** By training-set index: the sample's observed class is one of the three smallest. */
        private final boolean[] tail;
        /** Whether any training label is noisy: only then do ERM epochs read the weights (for the noisy share). */
        private final boolean anyNoise;
        private int epoch;
        private int stepInEpoch;
        private EpochProgress progress = EpochProgress.EMPTY;
        private double trainSecondsTotal;
        private long trainImagesTotal;
        private ClassificationMetrics lastMetrics;
        /** The shared stage-1 run this one continued from, or null. */
        private String stage1Run;

        EpochLoop(Trainer trainer, Recipe recipe, ClassifierModel network, SettableTracker learningRate, RunFiles files,
                ObjectNode configJson) {
            this.trainer = trainer;
            this.recipe = recipe;
            this.optimizer = recipe.optimizer();
            this.network = network;
            this.loss = recipe.loss();
            this.weighting = recipe.weighting();
            this.learningRate = learningRate;
            this.files = files;
            this.configJson = configJson;
            this.observed = data.train().labels();
            int[] truth = data.train().trueLabels();
            noisy = new boolean[observed.length];
            tail = new boolean[observed.length];
            boolean[] tailClass = smallestClasses(data.trainCounts(), 3);
            boolean noise = false;
            for (int i = 0; i < observed.length; i++) {
                noisy[i] = observed[i] != truth[i];
                tail[i] = tailClass[observed[i]];
                noise |= noisy[i];
            }
            anyNoise = noise;
        }

        void restore(CheckpointState state) {
            epoch = state.epochsCompleted();
            stepInEpoch = state.stepInEpoch();
            progress = state.epochProgress() == null ? EpochProgress.EMPTY : state.epochProgress();
            trainSecondsTotal = state.trainSecondsTotal();
            trainImagesTotal = state.trainImagesTotal();
            stage1Run = state.stage1Run();
            weighting.restore(new AttentionalWeighting.State(
                    state.logU() == null ? Double.NEGATIVE_INFINITY : state.logU(), state.lambda(), state.weightedSteps()));
        }

        Outcome run() {
            LearningRateSchedule schedule = spec.learningRateSchedule();
            for (; epoch < stopAfter; epoch++) {
                double lr = schedule.at(epoch);
                learningRate.set(lr);
                recipe.enterEpoch(epoch);
                List<int[]> batches = EpochOrder.batches(data.train().size(), spec.batchSize(), spec.seed(), epoch);
                listener.epochStarted(epoch, spec.epochs(), batches.size(), stepInEpoch, lr, weighting.lambda());
                data.train().plan(batches.subList(stepInEpoch, batches.size())); // streamed images: decoded ahead
                for (; stepInEpoch < batches.size(); stepInEpoch++) {
                    trainBatch(batches.get(stepInEpoch), lr);
                    if (Interrupts.requested()) {
                        stepInEpoch++;
                        writeCheckpoint(epoch, false);
                        return new Outcome(Status.INTERRUPTED, null, out);
                    }
                }
                finishEpoch(lr);
                if (patienceRanOut()) {
                    epoch++;
                    break;
                }
            }
            if (epoch == stopAfter && stopAfter < spec.epochs()) {
                return new Outcome(Status.PAUSED, null, out);
            }
            RunResults results = finish();
            return new Outcome(Status.FINISHED, results, out);
        }

        private void trainBatch(int[] indices, double lr) {
            long start = System.nanoTime();
            try (NDManager scope = trainer.getManager().newSubManager()) {
                NDList batch = data.train().batch(scope, indices, true, EpochOrder.batchSeed(spec.seed(), epoch, stepInEpoch));
                TrainStep.Result result = trainer.getDevices().length > 1
                        ? MultiDeviceStep.run(trainer, loss, batch.get(0), batch.get(1))
                        : TrainStep.runAccumulated(trainer, loss, batch.get(0), batch.get(1), spec.accumulate());
                // one host read for both numbers
                float[] sums = ai.djl.ndarray.NDArrays.stack(new NDList(result.losses().sum(), result.objective())).toFloatArray();
                if (!Float.isFinite(sums[1]) || !Float.isFinite(sums[0])) {
                    weighting.discardPending();
                    throw new TrainingDivergedException(String.format(Locale.ROOT,
                            "the loss became %s at epoch %d, step %d (lr %g, lambda %s); training stopped, %s."
                                    + " Try a smaller `lr` or a larger `lambda`.",
                            Float.isNaN(sums[1]) || Float.isNaN(sums[0]) ? "NaN" : "infinite", epoch, stepInEpoch, lr,
                            weighting.lambda(), lastCheckpoint()));
                }
                boolean attentionOn = weighting.lambda() != null;
                // a host copy of the weights only when something is reported from them: stage 2, or the noisy share
                BatchWeights weights = result.weights() == null || !(attentionOn || anyNoise) ? null
                        : BatchWeights.of(result.weights().toFloatArray(), indices, noisy, tail);
                double seconds = (System.nanoTime() - start) / 1e9;
                progress = progress.plus(sums[0], sums[1], indices.length, seconds, weights, attentionOn);
                listener.batchFinished(sums[0] / indices.length, progress.imagesPerSecond());
            }
        }

        private void finishEpoch(double lr) {
            long evalStart = System.nanoTime();
            boolean testDue = (epoch + 1) % spec.evalEvery() == 0 || epoch + 1 == spec.epochs();
            ClassificationMetrics metrics = testDue
                    ? Predictor.evaluate(network.block(), data.test(), data.trainCounts(), trainer.getManager()) : null;
            ClassificationMetrics validation = data.validation() == null ? null
                    : Predictor.evaluate(network.block(), data.validation(), data.trainCounts(), trainer.getManager());
            double evalSeconds = (System.nanoTime() - evalStart) / 1e9;
            EpochRecord record = new EpochRecord(epoch + 1, lr, weighting.lambda(), progress.meanLoss(),
                    progress.meanObjective(), ifEvaluated(metrics, ClassificationMetrics::balancedAccuracy),
                    ifEvaluated(metrics, ClassificationMetrics::accuracy), ifEvaluated(metrics, ClassificationMetrics::tail3),
                    ifEvaluated(metrics, ClassificationMetrics::many), ifEvaluated(metrics, ClassificationMetrics::medium),
                    ifEvaluated(metrics, ClassificationMetrics::few), ifEvaluated(metrics, ClassificationMetrics::macroF1),
                    ifEvaluated(validation, ClassificationMetrics::balancedAccuracy),
                    ifEvaluated(validation, ClassificationMetrics::accuracy),
                    ifEvaluated(validation, ClassificationMetrics::macroF1), progress.imagesPerSecond(),
                    progress.noisyWeightShare(), progress.essFraction(), progress.maxWeight(), progress.tailWeightShare(),
                    progress.seconds(), evalSeconds);
            trainSecondsTotal += progress.seconds();
            trainImagesTotal += progress.samples();
            files.appendMetrics(record);
            boolean newBest = spec.keep() == Keep.BEST_VAL && bestEpoch(files.readMetrics()) == epoch + 1;
            progress = EpochProgress.EMPTY;
            stepInEpoch = 0;
            if (newBest) { // written before the last checkpoint: a crash between them retrains this epoch and rewrites it
                writeCheckpoint(files.bestCheckpoint(), epoch + 1, false);
            }
            writeCheckpoint(epoch + 1, false);
            lastMetrics = metrics; // null when skipped: the results then evaluate the final model
            listener.epochFinished(record);
        }

        /** A metric of a set evaluated this epoch, or null where the set was not ({@code metrics} null). */
        private static Double ifEvaluated(ClassificationMetrics metrics, Function<ClassificationMetrics, Double> metric) {
            return metrics == null ? null : metric.apply(metrics);
        }

        /** With patience: the validation balanced accuracy has not improved for that many epochs. */
        private boolean patienceRanOut() {
            List<EpochRecord> history = files.readMetrics();
            Integer best = bestEpoch(history);
            return spec.patience() > 0 && best != null && history.size() - best >= spec.patience();
        }

        private RunResults finish() {
            if (lastMetrics == null) { // resumed after the last epoch but before the results were written
                lastMetrics = Predictor.evaluate(network.block(), data.test(), data.trainCounts(), trainer.getManager());
            }
            List<EpochRecord> history = files.readMetrics();
            RunResults results = new RunResults(configJson, Provenance.current(startedAt), data.trainCounts(), data.classNames(),
                    lastMetrics, history, trainSecondsTotal, trainImagesTotal,
                    trainSecondsTotal == 0 ? Double.NaN : trainImagesTotal / trainSecondsTotal, weighting.logU(),
                    epoch < spec.epochs(), spec.keep() == Keep.BEST_VAL ? chosen(history) : null,
                    stage1Run == null ? null : new RunResults.Stage1(stage1Run, spec.stage2Epoch()));
            files.writeResults(results);
            writeCheckpoint(epoch, true);
            return results;
        }

        /** The best validation epoch's model, read back from its checkpoint, and its test metrics. */
        private RunResults.Chosen chosen(List<EpochRecord> history) {
            int best = bestEpoch(history);
            try (NDManager manager = trainer.getManager().newSubManager()) {
                ClassifierModel model = network(spec, data.numClasses(), data.inputShape());
                synchronized (ENGINE_GENERATOR) { // its draws are overwritten, but would move another run's
                    model.initialize(manager, spec.init());
                }
                CheckpointFile.load(files.bestCheckpoint(), spec.model(), model.block(), null, manager);
                ClassificationMetrics test = Predictor.evaluate(model.block(), data.test(), data.trainCounts(), manager);
                return new RunResults.Chosen("best-val", best, history.get(best - 1).valBalancedAccuracy(), test);
            }
        }

        /** What a stopped run leaves to resume from, said truthfully. */
        private String lastCheckpoint() {
            if (!Files.exists(files.checkpoint())) {
                return "no checkpoint was written yet (nothing to resume)";
            }
            CheckpointState kept = CheckpointFile.readState(files.checkpoint());
            return String.format(Locale.ROOT, "the last good checkpoint in %s is kept (epoch %d, step %d)", out,
                    kept.epochsCompleted(), kept.stepInEpoch());
        }

        private void writeCheckpoint(int epochsCompleted, boolean finished) {
            writeCheckpoint(files.checkpoint(), epochsCompleted, finished);
        }

        private void writeCheckpoint(Path file, int epochsCompleted, boolean finished) {
            double logU = weighting.logU();
            CheckpointState state = new CheckpointState(spec.model(), null, configJson, epochsCompleted, stepInEpoch,
                    logU == Double.NEGATIVE_INFINITY ? null : logU, weighting.lambda(), weighting.state().weightedSteps(),
                    progress, trainSecondsTotal, trainImagesTotal, finished, stage1Run);
            try {
                CheckpointFile.write(file, state, network.block(), optimizer);
            } catch (IOException e) {
                throw new AbsgdException(file + ": cannot write checkpoint: " + Problems.describe(e), e);
            }
        }

    }
}

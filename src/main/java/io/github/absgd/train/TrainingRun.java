package io.github.absgd.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.absgd.UserError;
import io.github.absgd.core.AttentionalWeighting;
import io.github.absgd.data.EpochOrder;
import io.github.absgd.eval.ClassificationMetrics;
import io.github.absgd.eval.Predictor;
import io.github.absgd.loss.AttentionalLoss;
import io.github.absgd.loss.EffectiveNumberWeights;
import io.github.absgd.loss.PerSampleLoss;
import io.github.absgd.model.ClassifierModel;
import io.github.absgd.model.ModelSpec;
import io.github.absgd.model.Models;
import io.github.absgd.model.TrainableScope;
import io.github.absgd.optim.AbAdam;
import io.github.absgd.optim.Absgd;
import io.github.absgd.optim.GradientCheck;
import io.github.absgd.optim.StatefulOptimizer;
import io.github.absgd.optim.Threads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * One training run, resumable: builds the model, loss, weighting and optimizer a {@link RunConfig}
 * describes, trains epoch by epoch with the per-epoch learning rate, the lambda schedule (ERM until
 * stage 2) and deferred class weights, evaluates on the test set after every epoch, and writes
 * {@code metrics.jsonl} and an atomic checkpoint. Every random choice (parameter initialisation,
 * epoch order, augmentation) is a function of the seed, the epoch and the step, so a run stopped
 * and resumed ends where an uninterrupted run ends.
 */
public final class TrainingRun {

    /** How a call ended. */
    public enum Status { FINISHED, INTERRUPTED, ALREADY_FINISHED }

    /** The outcome: status, the final metrics, and the run's directory. */
    public record Outcome(Status status, RunResults results, Path out) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunConfig config;
    private final Method method;
    private final DataBundle data;
    private final Path out;
    private final ProgressListener listener;

    private TrainingRun(RunConfig config, DataBundle data, Path out, ProgressListener listener) {
        this.config = config;
        this.method = config.parsedMethod();
        this.data = data;
        this.out = out;
        this.listener = listener;
    }

    /** Trains (or resumes with {@code resume}) the run in {@code out}. */
    public static Outcome run(RunConfig config, DataBundle data, Path out, boolean resume, ProgressListener listener) {
        config.validate();
        return new TrainingRun(config, data, out, listener).run(resume);
    }

    /** The configuration stored with checkpoints and results: the run's options and the data's description. */
    public static ObjectNode configJson(RunConfig config, DataBundle data) {
        ObjectNode node = JSON.createObjectNode();
        node.set("train", JSON.valueToTree(config));
        node.set("data", data.description() == null ? JSON.nullNode() : data.description());
        return node;
    }

    private Outcome run(boolean resume) {
        RunFiles files = RunFiles.prepare(out);
        Path checkpoint = files.checkpoint();
        boolean exists = Files.exists(checkpoint);
        if (exists && !resume) {
            throw new UserError(out + " already holds a run (" + CheckpointFile.FILE_NAME
                    + "); add --resume to continue it, or choose another --out");
        }
        ObjectNode configJson = configJson(config, data);
        CheckpointState saved = exists ? CheckpointFile.readState(checkpoint) : null;
        if (saved != null) {
            requireSameConfig(saved.config(), configJson);
            if (saved.finished()) {
                return new Outcome(Status.ALREADY_FINISHED, RunResults.read(files.results()), out);
            }
        }
        Threads.set(config.threads);
        Engine.getInstance().setRandomSeed((int) seed());

        ClassifierModel network = network(config, data.numClasses(), data.inputShape());
        AttentionalWeighting weighting = AttentionalWeighting.builder()
                .gamma(method.attentional() ? config.gamma : 1.0)
                .alpha(method.attentional() ? config.alpha : 1.0)
                .build();
        PerSampleLoss base = method.baseLoss(data.observedTrainCounts(), config);
        AttentionalLoss loss = switch (method.reduction()) {
            case ATTENTIONAL -> AttentionalLoss.attentional(base, weighting);
            case CLASS_WEIGHTED_MEAN -> AttentionalLoss.classWeightedMean(base);
            case MEAN -> AttentionalLoss.mean(base);
        };
        SettableTracker learningRate = new SettableTracker();
        StatefulOptimizer optimizer = optimizer(learningRate, weighting);
        float[] classWeights = method.classWeights() == Method.ClassWeights.NONE
                ? null : EffectiveNumberWeights.of(data.observedTrainCounts(), config.beta);

        try (Model model = Model.newInstance(config.model)) {
            model.setBlock(network.block());
            // Parameters are created and loaded before the Trainer exists: its parameter store keeps
            // the arrays it sees at initialisation, so arrays replaced later would never be trained.
            network.initialize(model.getNDManager(), config.weightInit());
            if (config.from != null) {
                startFrom(network, model.getNDManager());
            }
            CheckpointState state = saved == null ? null
                    : CheckpointFile.load(checkpoint, config.model, network.block(), optimizer, model.getNDManager());
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(loss).optOptimizer(optimizer))) {
                trainer.initialize(network.inputShape(1));
                GradientCheck.disable(trainer);
                EpochLoop loop = new EpochLoop(trainer, optimizer, network, loss, weighting, learningRate, classWeights, files, configJson);
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
        Path source = Path.of(config.from).resolve(CheckpointFile.FILE_NAME);
        if (!Files.exists(source)) {
            throw new UserError("--from " + config.from + ": no " + CheckpointFile.FILE_NAME + " there (is it a train --out directory?)");
        }
        CheckpointFile.load(source, config.model, network.block(), null, manager);
        if (config.reinitClassifier) {
            network.reinitializeHead(config.weightInit());
        }
        network.restrictTraining(TrainableScope.parse(config.finetune));
    }

    private StatefulOptimizer optimizer(SettableTracker learningRate, AttentionalWeighting weighting) {
        if (method.optimizer() == Method.Optimizer.ADAM) {
            return AbAdam.builder().learningRate(learningRate).weightDecay((float) config.weightDecay)
                    .weighting(weighting).build();
        }
        return Absgd.builder().learningRate(learningRate).momentum((float) config.momentum).nesterov(config.nesterov)
                .weightDecay((float) config.weightDecay).weighting(weighting).build();
    }

    /** The network a run configuration describes, for data of {@code classes} classes and one input's shape. */
    public static ClassifierModel network(RunConfig config, int classes, List<Long> inputShape) {
        ModelSpec spec = inputShape.size() == 3
                ? ModelSpec.image(inputShape.get(0), inputShape.get(1), inputShape.get(2), classes)
                : ModelSpec.tabular(inputShape.get(0), classes);
        return Models.create(config.model,
                spec.withCosineHead(config.cosineHead || config.parsedMethod().needsCosineHead()).withHiddenSizes(config.hidden));
    }

    private long seed() {
        JsonNode description = data.description();
        return description != null && description.has("seed") ? description.get("seed").asLong() : 0L;
    }

    private void requireSameConfig(JsonNode saved, ObjectNode current) {
        List<String> differences = optionDifferences(saved, current);
        if (!differences.isEmpty()) {
            throw new UserError("the run in " + out + " was started with other options (" + String.join("; ", differences)
                    + "); resume it with the same options, or choose another --out");
        }
    }

    /**
     * The options (other than --threads) in which two {@link #configJson} differ, e.g.
     * {@code --lr was 0.1, now 0.2}. An option missing from {@code saved}'s training section was
     * added in a later version: that run used its default.
     */
    static List<String> optionDifferences(JsonNode saved, JsonNode current) {
        JsonNode now = normalised(current);
        JsonNode before = normalised(saved);
        JsonNode defaults = normalised(JSON.valueToTree(new RunConfig()));
        List<String> differences = new ArrayList<>();
        for (String section : new String[] {"train", "data"}) {
            JsonNode a = before.path(section);
            JsonNode b = now.path(section);
            Set<String> keys = new TreeSet<>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                JsonNode was = a.has(key) || !section.equals("train") ? a.path(key) : defaults.path(key);
                if (!key.equals("threads") && !was.equals(b.path(key))) { // threads may change between sessions
                    differences.add("--" + key + " was " + was + ", now " + b.path(key));
                }
            }
        }
        return differences;
    }

    /** The same JSON as text would read back (so a long 7 equals an int 7). */
    private static JsonNode normalised(JsonNode node) {
        try {
            return JSON.readTree(JSON.writeValueAsString(node));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The epoch loop with its mutable state (where the run is, the partial epoch's sums). */
    private final class EpochLoop {
        private final Trainer trainer;
        private final StatefulOptimizer optimizer;
        private final ClassifierModel network;
        private final AttentionalLoss loss;
        private final AttentionalWeighting weighting;
        private final SettableTracker learningRate;
        private final float[] classWeights;
        private final RunFiles files;
        private final ObjectNode configJson;
        private final int[] observed;
        private final boolean[] noisy;
        private int epoch;
        private int stepInEpoch;
        private EpochProgress progress = EpochProgress.EMPTY;
        private double trainSecondsTotal;
        private long trainImagesTotal;
        private ClassificationMetrics lastMetrics;

        EpochLoop(Trainer trainer, StatefulOptimizer optimizer, ClassifierModel network, AttentionalLoss loss, AttentionalWeighting weighting,
                SettableTracker learningRate, float[] classWeights, RunFiles files, ObjectNode configJson) {
            this.trainer = trainer;
            this.optimizer = optimizer;
            this.network = network;
            this.loss = loss;
            this.weighting = weighting;
            this.learningRate = learningRate;
            this.classWeights = classWeights;
            this.files = files;
            this.configJson = configJson;
            this.observed = data.train().labels();
            int[] truth = data.train().trueLabels();
            noisy = new boolean[observed.length];
            for (int i = 0; i < observed.length; i++) {
                noisy[i] = observed[i] != truth[i];
            }
        }

        void restore(CheckpointState state) {
            epoch = state.epochsCompleted();
            stepInEpoch = state.stepInEpoch();
            progress = state.epochProgress() == null ? EpochProgress.EMPTY : state.epochProgress();
            trainSecondsTotal = state.trainSecondsTotal();
            trainImagesTotal = state.trainImagesTotal();
            weighting.restore(new AttentionalWeighting.State(
                    state.logU() == null ? Double.NEGATIVE_INFINITY : state.logU(), state.lambda(), state.weightedSteps()));
        }

        Outcome run() {
            int n = data.train().size();
            int batches = (n + config.batchSize - 1) / config.batchSize;
            boolean anyNoise = hasNoise();
            for (; epoch < config.epochs; epoch++) {
                double lr = config.learningRateSchedule().at(epoch);
                learningRate.set(lr);
                weighting.setLambda(config.lambdaAt(epoch));
                loss.setClassWeights(classWeightsAt(epoch));
                int[] order = EpochOrder.permutation(n, seed(), epoch);
                listener.epochStarted(epoch, config.epochs, batches, stepInEpoch, lr, weighting.lambda());
                for (; stepInEpoch < batches; stepInEpoch++) {
                    int from = stepInEpoch * config.batchSize;
                    int[] indices = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + config.batchSize));
                    trainBatch(indices, anyNoise, lr);
                    if (Interrupts.requested()) {
                        stepInEpoch++;
                        writeCheckpoint(epoch, false);
                        return new Outcome(Status.INTERRUPTED, null, out);
                    }
                }
                finishEpoch(lr);
            }
            RunResults results = finish();
            return new Outcome(Status.FINISHED, results, out);
        }

        private void trainBatch(int[] indices, boolean anyNoise, double lr) {
            long start = System.nanoTime();
            try (NDManager scope = trainer.getManager().newSubManager()) {
                NDList batch = data.train().batch(scope, indices, true, batchSeed(epoch, stepInEpoch));
                TrainStep.Result result = TrainStep.run(trainer, loss, batch.get(0), batch.get(1));
                // one host read for both numbers
                float[] sums = ai.djl.ndarray.NDArrays.stack(new NDList(result.losses().sum(), result.objective())).toFloatArray();
                if (!Float.isFinite(sums[1]) || !Float.isFinite(sums[0])) {
                    weighting.discardPending();
                    throw new UserError(String.format(Locale.ROOT,
                            "the loss became %s at epoch %d, step %d (lr %g, lambda %s); training stopped, the last"
                                    + " good checkpoint in %s is kept (epoch %d). Try a smaller --lr or a larger --lambda.",
                            Float.isNaN(sums[1]) || Float.isNaN(sums[0]) ? "NaN" : "infinite", epoch, stepInEpoch, lr,
                            weighting.lambda(), out, epoch), 4, null);
                }
                double weightSum = 0;
                double noisyWeight = 0;
                long noisyCount = 0;
                if (anyNoise && result.weights() != null) {
                    float[] p = result.weights().toFloatArray();
                    for (int i = 0; i < indices.length; i++) {
                        weightSum += p[i];
                        if (noisy[indices[i]]) {
                            noisyWeight += p[i];
                            noisyCount++;
                        }
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                progress = progress.plus(sums[0], sums[1], indices.length, seconds, weightSum, noisyWeight, noisyCount);
                listener.batchFinished(sums[0] / indices.length, progress.imagesPerSecond());
            }
        }

        private void finishEpoch(double lr) {
            long evalStart = System.nanoTime();
            ClassificationMetrics metrics = Predictor.evaluate(network.block(), data.test(), data.trainCounts(), trainer.getManager());
            double evalSeconds = (System.nanoTime() - evalStart) / 1e9;
            EpochRecord record = new EpochRecord(epoch + 1, lr, weighting.lambda(), progress.meanLoss(),
                    progress.meanObjective(), metrics.balancedAccuracy(), metrics.accuracy(), metrics.tail3(),
                    metrics.many(), metrics.medium(), metrics.few(), metrics.macroF1(), progress.imagesPerSecond(),
                    progress.noisyWeightShare(), progress.seconds(), evalSeconds);
            trainSecondsTotal += progress.seconds();
            trainImagesTotal += progress.samples();
            files.appendMetrics(record);
            progress = EpochProgress.EMPTY;
            stepInEpoch = 0;
            writeCheckpoint(epoch + 1, false);
            lastMetrics = metrics;
            listener.epochFinished(record);
        }

        private RunResults finish() {
            if (lastMetrics == null) { // resumed after the last epoch but before the results were written
                lastMetrics = Predictor.evaluate(network.block(), data.test(), data.trainCounts(), trainer.getManager());
            }
            RunResults results = new RunResults(configJson, data.trainCounts(), data.classNames(), lastMetrics,
                    files.readMetrics(), trainSecondsTotal, trainImagesTotal,
                    trainSecondsTotal == 0 ? Double.NaN : trainImagesTotal / trainSecondsTotal, weighting.logU());
            files.writeResults(results);
            writeCheckpoint(config.epochs, true);
            return results;
        }

        private void writeCheckpoint(int epochsCompleted, boolean finished) {
            double logU = weighting.logU();
            CheckpointState state = new CheckpointState(config.model, null, configJson, epochsCompleted, stepInEpoch,
                    logU == Double.NEGATIVE_INFINITY ? null : logU, weighting.lambda(), weighting.state().weightedSteps(),
                    progress, trainSecondsTotal, trainImagesTotal, finished);
            try {
                CheckpointFile.write(files.checkpoint(), state, network.block(), optimizer);
            } catch (IOException e) {
                throw new UserError(files.checkpoint() + ": cannot write checkpoint: " + UserError.describe(e), e);
            }
        }

        private float[] classWeightsAt(int epoch) {
            return switch (method.classWeights()) {
                case NONE -> null;
                case FROM_START -> classWeights;
                case DEFERRED -> epoch >= config.stage2Epoch ? classWeights : null;
            };
        }

        private boolean hasNoise() {
            for (boolean b : noisy) {
                if (b) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The seed of one batch's augmentation (see {@link EpochOrder}). */
    private long batchSeed(int epoch, int step) {
        return EpochOrder.batchSeed(seed(), epoch, step);
    }
}

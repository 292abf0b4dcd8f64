package io.github.absgd.train;

import static io.github.absgd.util.InvalidSettingException.require;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.absgd.data.DataSpec;
import io.github.absgd.model.Models;
import io.github.absgd.model.TrainableScope;
import io.github.absgd.model.WeightInit;
import io.github.absgd.util.AbsgdException;
import io.github.absgd.util.SpecJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything that defines a training run, immutable and checked: the model, the method and its
 * losses' settings, the schedule, ABSGD's weighting, two-stage fine-tuning, the seed, and the data
 * ({@link DataSpec}). {@link #builder()} starts from the defaults, which are the Fashion-MNIST-LT
 * recipe (the one place they are written down; the command line takes its defaults from here).
 * A value it cannot take is an {@link io.github.absgd.util.InvalidSettingException} naming the setting.
 *
 * <p>As JSON ({@link #toJson()}, stored in checkpoints and {@code results.json}) it is
 * {@code {"train": {...}, "data": {...}}}, keyed by the settings' names ({@code batch-size},
 * {@code lr-milestones}, ...), which are also the command line's long option names.
 *
 * <pre>{@code
 * RunSpec spec = RunSpec.builder().method(Method.ABSGD).lambda(2.0).epochs(60).seed(1)
 *         .data(DataSpec.builder().dataset("cifar10").dataDir(dir).imbalance(100).build())
 *         .build();
 * }</pre>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunSpec(
        @JsonProperty("model") String model,
        @JsonProperty("method") Method method,
        @JsonProperty("epochs") int epochs,
        @JsonProperty("batch-size") int batchSize,
        @JsonProperty("lr") double lr,
        @JsonProperty("momentum") double momentum,
        @JsonProperty("nesterov") boolean nesterov,
        @JsonProperty("weight-decay") double weightDecay,
        @JsonProperty("warmup-epochs") int warmupEpochs,
        @JsonProperty("lr-schedule") LearningRateSchedule.Kind lrSchedule,
        @JsonProperty("lr-milestones") List<Integer> lrMilestones,
        @JsonProperty("lr-decay") double lrDecay,
        @JsonProperty("stage2-epoch") int stage2Epoch,
        @JsonProperty("lambda") Double lambda,
        @JsonProperty("gamma") double gamma,
        @JsonProperty("alpha") double alpha,
        @JsonProperty("focal-gamma") double focalGamma,
        @JsonProperty("tau") double tau,
        @JsonProperty("ldam-max-margin") double ldamMaxMargin,
        @JsonProperty("ldam-scale") double ldamScale,
        @JsonProperty("beta") double beta,
        @JsonProperty("from") Path from,
        @JsonProperty("finetune") TrainableScope finetune,
        @JsonProperty("reinit-classifier") boolean reinitClassifier,
        @JsonProperty("hidden") List<Integer> hidden,
        @JsonProperty("init") WeightInit init,
        @JsonProperty("cosine-head") boolean cosineHead,
        @JsonProperty("threads") int threads,
        @JsonProperty("seed") long seed,
        @JsonProperty("keep") Keep keep,
        @JsonProperty("patience") int patience,
        @JsonProperty("eval-every") int evalEvery,
        @JsonProperty("accumulate") int accumulate,
        @JsonProperty("devices") String devices,
        @JsonIgnore DataSpec data) {

    /** Checks every value and combination, naming the setting at fault. */
    public RunSpec {
        require(model != null && Models.names().contains(model), "model",
                "'" + model + "' is not one of: " + String.join(", ", Models.names()));
        require(method != null, "method", "is required");
        require(epochs >= 1, "epochs", "must be at least 1, got " + epochs);
        require(batchSize >= 1, "batch-size", "must be at least 1, got " + batchSize);
        require(lr > 0 && Double.isFinite(lr), "lr", "must be positive, got " + lr);
        require(momentum >= 0 && momentum < 1, "momentum", "must be in [0, 1), got " + momentum);
        require(weightDecay >= 0, "weight-decay", "must be >= 0, got " + weightDecay);
        require(warmupEpochs >= 0, "warmup-epochs", "must be >= 0, got " + warmupEpochs);
        require(lrSchedule != null, "lr-schedule", "is required");
        require(lrDecay > 0, "lr-decay", "must be positive, got " + lrDecay);
        require(stage2Epoch >= 0, "stage2-epoch", "must be >= 0, got " + stage2Epoch);
        require(threads >= 0, "threads", "must be >= 0, got " + threads);
        if (method.attentional()) {
            require(gamma > 0 && gamma <= 1, "gamma", "must be in (0, 1], got " + gamma);
            require(alpha > 0, "alpha", "must be positive, got " + alpha);
            require(lambda == null || (lambda != 0 && Double.isFinite(lambda)), "lambda",
                    "must be non-zero and finite, or none, got " + lambda);
        }
        require(init != null, "init", "is required");
        require(keep != null, "keep", "is required");
        require(patience >= 0, "patience", "must be >= 0 (0: never stop early), got " + patience);
        require(accumulate >= 1 && accumulate <= batchSize, "accumulate", "must be between 1 and `batch-size` ("
                + batchSize + "), got " + accumulate);
        Devices.requireWellFormed(devices);
        require(evalEvery >= 1, "eval-every", "must be at least 1 (1: the test set after every epoch), got " + evalEvery);
        require(finetune != null, "finetune", "is required");
        require(from != null || (finetune == TrainableScope.ALL && !reinitClassifier), "finetune",
                finetune.id() + (reinitClassifier ? " with `reinit-classifier`" : "")
                        + " needs `from`, the directory of a finished stage-1 run");
        lrMilestones = List.copyOf(lrMilestones);
        hidden = List.copyOf(hidden);
        data = data == null ? DataSpec.builder().build() : data;
    }

    /** The recipe's defaults (Fashion-MNIST-LT, absgd-drw). */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The per-epoch learning rate: warm-up, then multistep or cosine. */
    public LearningRateSchedule learningRateSchedule() {
        return new LearningRateSchedule(lr, warmupEpochs, lrSchedule, lrMilestones, lrDecay, epochs);
    }

    /** Lambda at an epoch: ERM (null) before stage 2 or for a method without attention. */
    public Double lambdaAt(int epoch) {
        return method.attentional() && epoch >= stage2Epoch ? lambda : null;
    }

    /** Whether the method's class weights apply at {@code epoch}: never, from epoch 0, or from stage 2 (DRW). */
    public boolean classWeightsAt(int epoch) {
        return switch (method.classWeights()) {
            case NONE -> false;
            case FROM_START -> true;
            case DEFERRED -> epoch >= stage2Epoch;
        };
    }

    /** {@code {"train": {...}, "data": {...}}}, keyed by the settings' names. */
    public ObjectNode toJson() {
        ObjectNode node = SpecJson.MAPPER.createObjectNode();
        node.set("train", SpecJson.MAPPER.valueToTree(this));
        node.set("data", SpecJson.MAPPER.valueToTree(data));
        return node;
    }

    /**
     * Reads {@link #toJson()}'s form; a missing setting takes its default (it was added after the
     * run was made). Runs made before the seed moved into the training settings kept it in "data".
     */
    public static RunSpec fromJson(JsonNode json) {
        ObjectNode train = SpecJson.MAPPER.valueToTree(builder().build());
        ObjectNode data = SpecJson.MAPPER.valueToTree(DataSpec.builder().build());
        if (json.path("train").isObject()) {
            train.setAll((ObjectNode) json.get("train"));
        }
        if (json.path("data").isObject()) {
            data.setAll((ObjectNode) json.get("data"));
            if (!json.path("train").has("seed") && data.has("seed")) {
                train.set("seed", data.get("seed"));
            }
        }
        try {
            RunSpec spec = SpecJson.MAPPER.treeToValue(train, RunSpec.class);
            return spec.toBuilder().data(SpecJson.MAPPER.treeToValue(data, DataSpec.class)).build();
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof AbsgdException settingError) {
                throw settingError;
            }
            throw new AbsgdException("not a run specification: " + e.getOriginalMessage(), e);
        }
    }

    /** Builds a {@link RunSpec}; starts from the recipe's defaults. */
    public static final class Builder {
        private String model = "small-cnn";
        private Method method = Method.ABSGD_DRW;
        private int epochs = 30;
        private int batchSize = 128;
        private double lr = 0.1;
        private double momentum = 0.9;
        private boolean nesterov;
        private double weightDecay = 5e-4;
        private int warmupEpochs = 2;
        private LearningRateSchedule.Kind lrSchedule = LearningRateSchedule.Kind.MULTISTEP;
        private List<Integer> lrMilestones = new ArrayList<>(List.of(24));
        private double lrDecay = 0.01;
        private int stage2Epoch = 24;
        private Double lambda = 5.0;
        private double gamma = 0.7;
        private double alpha = 0.5;
        private double focalGamma = 1.0;
        private double tau = 1.0;
        private double ldamMaxMargin = 0.5;
        private double ldamScale = 30;
        private double beta = 0.9999;
        private Path from;
        private TrainableScope finetune = TrainableScope.ALL;
        private boolean reinitClassifier;
        private List<Integer> hidden = new ArrayList<>(List.of(256, 128));
        private WeightInit init = WeightInit.HE;
        private boolean cosineHead;
        private int threads;
        private long seed;
        private Keep keep = Keep.LAST;
        private int patience;
        private int evalEvery = 1;
        private int accumulate = 1;
        private String devices = "default";
        private DataSpec data = DataSpec.builder().build();

        private Builder() {}

        private Builder(RunSpec s) {
            model = s.model;
            method = s.method;
            epochs = s.epochs;
            batchSize = s.batchSize;
            lr = s.lr;
            momentum = s.momentum;
            nesterov = s.nesterov;
            weightDecay = s.weightDecay;
            warmupEpochs = s.warmupEpochs;
            lrSchedule = s.lrSchedule;
            lrMilestones = new ArrayList<>(s.lrMilestones);
            lrDecay = s.lrDecay;
            stage2Epoch = s.stage2Epoch;
            lambda = s.lambda;
            gamma = s.gamma;
            alpha = s.alpha;
            focalGamma = s.focalGamma;
            tau = s.tau;
            ldamMaxMargin = s.ldamMaxMargin;
            ldamScale = s.ldamScale;
            beta = s.beta;
            from = s.from;
            finetune = s.finetune;
            reinitClassifier = s.reinitClassifier;
            hidden = new ArrayList<>(s.hidden);
            init = s.init;
            cosineHead = s.cosineHead;
            threads = s.threads;
            seed = s.seed;
            keep = s.keep;
            patience = s.patience;
            evalEvery = s.evalEvery;
            accumulate = s.accumulate;
            devices = s.devices;
            data = s.data;
        }

        /** small-cnn, resnet32, mlp, resnet18 or resnet50. */
        public Builder model(String value) {
            model = value;
            return this;
        }

        public Builder method(Method value) {
            method = value;
            return this;
        }

        public Builder epochs(int value) {
            epochs = value;
            return this;
        }

        /** Mini-batch size; the last partial batch of an epoch is kept. */
        public Builder batchSize(int value) {
            batchSize = value;
            return this;
        }

        /** The base learning rate (ABAdam: e.g. 0.001). */
        public Builder lr(double value) {
            lr = value;
            return this;
        }

        /** SGD momentum, PyTorch semantics. */
        public Builder momentum(double value) {
            momentum = value;
            return this;
        }

        public Builder nesterov(boolean value) {
            nesterov = value;
            return this;
        }

        /** L2 weight decay on every parameter. */
        public Builder weightDecay(double value) {
            weightDecay = value;
            return this;
        }

        /** Linear per-epoch warm-up: epoch e uses lr·(e+1)/W. */
        public Builder warmupEpochs(int value) {
            warmupEpochs = value;
            return this;
        }

        public Builder lrSchedule(LearningRateSchedule.Kind value) {
            lrSchedule = value;
            return this;
        }

        /** Epochs (from 0) at which multistep multiplies the rate by the decay. */
        public Builder lrMilestones(List<Integer> value) {
            lrMilestones = new ArrayList<>(value);
            return this;
        }

        public Builder lrDecay(double value) {
            lrDecay = value;
            return this;
        }

        /** First epoch (from 0) of stage 2: lambda and deferred class weights switch on. */
        public Builder stage2Epoch(int value) {
            stage2Epoch = value;
            return this;
        }

        /** ABSGD's lambda in stage 2: > 0 for imbalance, < 0 for label noise, null for ERM. */
        public Builder lambda(Double value) {
            lambda = value;
            return this;
        }

        /** Weight of the new batch in ABSGD's normaliser, in (0, 1]. */
        public Builder gamma(double value) {
            gamma = value;
            return this;
        }

        /** Scale of the batch mean in the normaliser. */
        public Builder alpha(double value) {
            alpha = value;
            return this;
        }

        public Builder focalGamma(double value) {
            focalGamma = value;
            return this;
        }

        /** Logit-adjustment strength; 1 is also Balanced Softmax. */
        public Builder tau(double value) {
            tau = value;
            return this;
        }

        public Builder ldamMaxMargin(double value) {
            ldamMaxMargin = value;
            return this;
        }

        public Builder ldamScale(double value) {
            ldamScale = value;
            return this;
        }

        /** Effective-number beta of the class-balanced weights. */
        public Builder beta(double value) {
            beta = value;
            return this;
        }

        /** Stage 2 from the checkpoint of a finished run (its directory); null trains from scratch. */
        public Builder from(Path value) {
            from = value;
            return this;
        }

        /** With {@link #from}: which layers train. */
        public Builder finetune(TrainableScope value) {
            finetune = value;
            return this;
        }

        public Builder reinitClassifier(boolean value) {
            reinitClassifier = value;
            return this;
        }

        /** mlp's hidden sizes. */
        public Builder hidden(List<Integer> value) {
            hidden = new ArrayList<>(value);
            return this;
        }

        public Builder init(WeightInit value) {
            init = value;
            return this;
        }

        /** A cosine (normalised) classifier head; the LDAM methods always have one. */
        public Builder cosineHead(boolean value) {
            cosineHead = value;
            return this;
        }

        /** libtorch threads; 0 = all cores. */
        public Builder threads(int value) {
            threads = value;
            return this;
        }

        /** The training seed: initialisation, batch order and augmentation. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** Whether the best validation epoch's model is kept and reported beside the last (needs a validation set). */
        public Builder keep(Keep value) {
            keep = value;
            return this;
        }

        /** Stop when the validation balanced accuracy has not improved for this many epochs; 0 never stops early. */
        public Builder patience(int value) {
            patience = value;
            return this;
        }

        /** Evaluate the test set after every this many epochs and after the last (validation: every epoch). */
        public Builder evalEvery(int value) {
            evalEvery = value;
            return this;
        }

        /** Micro-batches per optimizer step: the whole batch's update, one part's activations in memory. */
        public Builder accumulate(int value) {
            accumulate = value;
            return this;
        }

        /** default, cpu, all, or gpu0,gpu1,...: several devices split each batch between them. */
        public Builder devices(String value) {
            devices = value;
            return this;
        }

        public Builder data(DataSpec value) {
            data = value;
            return this;
        }

        public RunSpec build() {
            return new RunSpec(model, method, epochs, batchSize, lr, momentum, nesterov, weightDecay, warmupEpochs, lrSchedule,
                    lrMilestones, lrDecay, stage2Epoch, lambda, gamma, alpha, focalGamma, tau, ldamMaxMargin, ldamScale, beta,
                    from, finetune, reinitClassifier, hidden, init, cosineHead, threads, seed, keep, patience, evalEvery, accumulate,
                    devices, data);
        }
    }
}

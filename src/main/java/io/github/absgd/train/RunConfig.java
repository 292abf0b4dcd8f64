package io.github.absgd.train;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.absgd.UserError;
import io.github.absgd.model.WeightInit;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Everything that defines a training run except the data: model, method, schedule, ABSGD's
 * hyper-parameters and two-stage fine-tuning. Its fields are the {@code train} command's options,
 * and its JSON keys are the long option names (so {@code --config FILE} and {@code results.json}
 * speak the same language). The defaults are the Fashion-MNIST-LT recipe.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class RunConfig {

    @JsonProperty("model")
    @Option(names = "--model", defaultValue = "small-cnn", description = "small-cnn | resnet32 | mlp | resnet18 | resnet50 (default: ${DEFAULT-VALUE})")
    public String model = "small-cnn";

    @JsonProperty("method")
    @Option(names = "--method", defaultValue = "absgd-drw",
            description = "ce | cb | ce-drw | focal | ldam-drw | logit-adjust | absgd | absgd-drw | absgd-focal | absgd-ldam-drw | abadam (default: ${DEFAULT-VALUE})")
    public String method = "absgd-drw";

    @JsonProperty("epochs")
    @Option(names = "--epochs", defaultValue = "30", description = "training epochs (default: ${DEFAULT-VALUE})")
    public int epochs = 30;

    @JsonProperty("batch-size")
    @Option(names = "--batch-size", defaultValue = "128", description = "mini-batch size; the last partial batch is kept (default: ${DEFAULT-VALUE})")
    public int batchSize = 128;

    @JsonProperty("lr")
    @Option(names = "--lr", defaultValue = "0.1", description = "base learning rate (default: ${DEFAULT-VALUE}; ABAdam: use e.g. 0.001)")
    public double lr = 0.1;

    @JsonProperty("momentum")
    @Option(names = "--momentum", defaultValue = "0.9", description = "SGD momentum, PyTorch semantics (default: ${DEFAULT-VALUE})")
    public double momentum = 0.9;

    @JsonProperty("nesterov")
    @Option(names = "--nesterov", description = "Nesterov momentum")
    public boolean nesterov;

    @JsonProperty("weight-decay")
    @Option(names = "--weight-decay", defaultValue = "5e-4", description = "L2 weight decay on all parameters (default: ${DEFAULT-VALUE})")
    public double weightDecay = 5e-4;

    @JsonProperty("warmup-epochs")
    @Option(names = "--warmup-epochs", defaultValue = "2", description = "linear per-epoch warm-up: epoch e uses lr*(e+1)/W (default: ${DEFAULT-VALUE})")
    public int warmupEpochs = 2;

    @JsonProperty("lr-schedule")
    @Option(names = "--lr-schedule", defaultValue = "multistep", description = "multistep | cosine (default: ${DEFAULT-VALUE})")
    public String lrSchedule = "multistep";

    @JsonProperty("lr-milestones")
    @Option(names = "--lr-milestones", split = ",", defaultValue = "24",
            description = "epochs (from 0) at which multistep multiplies the rate by --lr-decay (default: ${DEFAULT-VALUE})")
    public List<Integer> lrMilestones = new ArrayList<>(List.of(24));

    @JsonProperty("lr-decay")
    @Option(names = "--lr-decay", defaultValue = "0.01", description = "multistep factor per milestone (default: ${DEFAULT-VALUE})")
    public double lrDecay = 0.01;

    @JsonProperty("stage2-epoch")
    @Option(names = "--stage2-epoch", defaultValue = "24",
            description = "first epoch (from 0) of stage 2: lambda and deferred class weights switch on (default: ${DEFAULT-VALUE})")
    public int stage2Epoch = 24;

    @JsonProperty("lambda")
    @Option(names = "--lambda", defaultValue = "5",
            description = "ABSGD's lambda in stage 2: > 0 for imbalance, < 0 for label noise, 'none' for ERM (default: ${DEFAULT-VALUE})",
            converter = LambdaConverter.class)
    public Double lambda = 5.0;

    @JsonProperty("gamma")
    @Option(names = "--gamma", defaultValue = "0.7", description = "weight of the new batch in ABSGD's normaliser, in (0, 1] (default: ${DEFAULT-VALUE})")
    public double gamma = 0.7;

    @JsonProperty("alpha")
    @Option(names = "--alpha", defaultValue = "0.5", description = "scale of the batch mean in the normaliser (default: ${DEFAULT-VALUE})")
    public double alpha = 0.5;

    @JsonProperty("focal-gamma")
    @Option(names = "--focal-gamma", defaultValue = "1", description = "focal loss exponent (default: ${DEFAULT-VALUE})")
    public double focalGamma = 1.0;

    @JsonProperty("tau")
    @Option(names = "--tau", defaultValue = "1", description = "logit adjustment strength; 1 is also Balanced Softmax (default: ${DEFAULT-VALUE})")
    public double tau = 1.0;

    @JsonProperty("ldam-max-margin")
    @Option(names = "--ldam-max-margin", defaultValue = "0.5", description = "LDAM's largest margin (default: ${DEFAULT-VALUE})")
    public double ldamMaxMargin = 0.5;

    @JsonProperty("ldam-scale")
    @Option(names = "--ldam-scale", defaultValue = "30", description = "LDAM's logit scale (default: ${DEFAULT-VALUE})")
    public double ldamScale = 30;

    @JsonProperty("beta")
    @Option(names = "--beta", defaultValue = "0.9999", description = "effective-number beta of class-balanced weights (default: ${DEFAULT-VALUE})")
    public double beta = 0.9999;

    @JsonProperty("from")
    @Option(names = "--from", description = "stage 2 from the checkpoint of a finished run (its output directory)")
    public String from;

    @JsonProperty("finetune")
    @Option(names = "--finetune", defaultValue = "all", description = "with --from: all | classifier | last-block (default: ${DEFAULT-VALUE})")
    public String finetune = "all";

    @JsonProperty("reinit-classifier")
    @Option(names = "--reinit-classifier", description = "with --from: re-initialise the classifier head")
    public boolean reinitClassifier;

    @JsonProperty("hidden")
    @Option(names = "--hidden", split = ",", defaultValue = "256,128", description = "mlp hidden sizes (default: ${DEFAULT-VALUE})")
    public List<Integer> hidden = new ArrayList<>(List.of(256, 128));

    @JsonProperty("init")
    @Option(names = "--init", defaultValue = "he", paramLabel = "he|pytorch",
            description = "conv and linear weights: he (normal, std sqrt(2/fan_in), biases 0; DJL's default) or pytorch "
                    + "(uniform in ±1/sqrt(fan_in), weights and biases; PyTorch's default) (default: ${DEFAULT-VALUE})")
    public String init = "he";

    @JsonProperty("cosine-head")
    @Option(names = "--cosine-head", description = "use a cosine (normalised) classifier head (LDAM methods always do)")
    public boolean cosineHead;

    @JsonProperty("threads")
    @Option(names = "--threads", defaultValue = "0", description = "libtorch threads; 0 = all cores (default: ${DEFAULT-VALUE})")
    public int threads;

    public Method parsedMethod() {
        return Method.parse(method);
    }

    public WeightInit weightInit() {
        return WeightInit.parse(init);
    }

    public LearningRateSchedule learningRateSchedule() {
        try {
            return new LearningRateSchedule(lr, warmupEpochs, LearningRateSchedule.Kind.parse(lrSchedule), lrMilestones, lrDecay, epochs);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** Lambda at an epoch: ERM (null) before stage 2 or for a method without attention. */
    public Double lambdaAt(int epoch) {
        return parsedMethod().attentional() && epoch >= stage2Epoch ? lambda : null;
    }

    /** Checks values and combinations, naming the option at fault. */
    public void validate() {
        Method m = parsedMethod();
        require(io.github.absgd.model.Models.names().contains(model),
                "unknown model '" + model + "'; known models: " + String.join(", ", io.github.absgd.model.Models.names()));
        require(epochs >= 1, "--epochs must be at least 1, got " + epochs);
        require(batchSize >= 1, "--batch-size must be at least 1, got " + batchSize);
        require(lr > 0, "--lr must be positive, got " + lr);
        require(momentum >= 0 && momentum < 1, "--momentum must be in [0, 1), got " + momentum);
        require(weightDecay >= 0, "--weight-decay must be >= 0, got " + weightDecay);
        require(stage2Epoch >= 0, "--stage2-epoch must be >= 0, got " + stage2Epoch);
        require(threads >= 0, "--threads must be >= 0, got " + threads);
        if (m.attentional()) {
            require(gamma > 0 && gamma <= 1, "--gamma must be in (0, 1], got " + gamma);
            require(alpha > 0, "--alpha must be positive, got " + alpha);
            require(lambda == null || (lambda != 0 && Double.isFinite(lambda)), "--lambda must be non-zero and finite, or none, got " + lambda);
        }
        weightInit();
        require(List.of("all", "classifier", "last-block").contains(finetune),
                "--finetune must be all, classifier or last-block, got '" + finetune + "'");
        require(from != null || ("all".equals(finetune) && !reinitClassifier),
                "--finetune " + finetune + (reinitClassifier ? " --reinit-classifier" : "") + " needs --from DIR (a finished stage-1 run)");
        learningRateSchedule();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new UserError(message);
        }
    }
}

package io.github.absgd.cli;

import java.util.List;
import picocli.CommandLine.Option;

/**
 * The training options of {@code train} and {@code compare}: one per setting of
 * {@link io.github.absgd.train.RunSpec}, named as the specification names it. They have no defaults
 * of their own: {@link JsonConfigDefaults} supplies the specification's, so the recipe's defaults are
 * written in one place. {@code --lr}, {@code --lambda}, {@code --gamma} and {@code --alpha} take a
 * list for {@code sweep} (see {@link RunOptions#GRID}); the other commands take one value.
 */
final class TrainingOptions {

    @Option(names = "--model", description = "small-cnn | resnet32 | mlp | resnet18 | resnet50 (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--method",
            description = "ce | cb | ce-drw | focal | ldam-drw | logit-adjust | absgd | absgd-drw | absgd-focal | "
                    + "absgd-ldam-drw | abadam (default: ${DEFAULT-VALUE})")
    String method;

    @Option(names = "--epochs", description = "training epochs (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--batch-size", description = "mini-batch size; the last partial batch is kept (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--lr", split = ",", paramLabel = "LR",
            description = "base learning rate (default: ${DEFAULT-VALUE}; ABAdam: use e.g. 0.001; sweep: a list)")
    List<Double> lr;

    @Option(names = "--momentum", description = "SGD momentum, PyTorch semantics (default: ${DEFAULT-VALUE})")
    double momentum;

    @Option(names = "--nesterov", description = "Nesterov momentum")
    boolean nesterov;

    @Option(names = "--weight-decay", description = "L2 weight decay on all parameters (default: ${DEFAULT-VALUE})")
    double weightDecay;

    @Option(names = "--warmup-epochs", description = "linear per-epoch warm-up: epoch e uses lr*(e+1)/W (default: ${DEFAULT-VALUE})")
    int warmupEpochs;

    @Option(names = "--lr-schedule", description = "multistep | cosine (default: ${DEFAULT-VALUE})")
    String lrSchedule;

    @Option(names = "--lr-milestones", split = ",",
            description = "epochs (from 0) at which multistep multiplies the rate by --lr-decay (default: ${DEFAULT-VALUE})")
    List<Integer> lrMilestones;

    @Option(names = "--lr-decay", description = "multistep factor per milestone (default: ${DEFAULT-VALUE})")
    double lrDecay;

    @Option(names = "--stage2-epoch",
            description = "first epoch (from 0) of stage 2: lambda and deferred class weights switch on (default: ${DEFAULT-VALUE})")
    int stage2Epoch;

    @Option(names = "--lambda", split = ",", paramLabel = "LAMBDA",
            description = "ABSGD's lambda in stage 2: > 0 for imbalance, < 0 for label noise, 'none' for ERM "
                    + "(default: ${DEFAULT-VALUE}; sweep: a list)",
            converter = LambdaConverter.class)
    List<Double> lambda;

    @Option(names = "--gamma", split = ",", paramLabel = "GAMMA",
            description = "weight of the new batch in ABSGD's normaliser, in (0, 1] (default: ${DEFAULT-VALUE}; sweep: a list)")
    List<Double> gamma;

    @Option(names = "--alpha", split = ",", paramLabel = "ALPHA",
            description = "scale of the batch mean in the normaliser (default: ${DEFAULT-VALUE}; sweep: a list)")
    List<Double> alpha;

    @Option(names = "--focal-gamma", description = "focal loss exponent (default: ${DEFAULT-VALUE})")
    double focalGamma;

    @Option(names = "--tau", description = "logit adjustment strength; 1 is also Balanced Softmax (default: ${DEFAULT-VALUE})")
    double tau;

    @Option(names = "--ldam-max-margin", description = "LDAM's largest margin (default: ${DEFAULT-VALUE})")
    double ldamMaxMargin;

    @Option(names = "--ldam-scale", description = "LDAM's logit scale (default: ${DEFAULT-VALUE})")
    double ldamScale;

    @Option(names = "--beta", description = "effective-number beta of class-balanced weights (default: ${DEFAULT-VALUE})")
    double beta;

    @Option(names = "--from", description = "stage 2 from the checkpoint of a finished run (its output directory)")
    String from;

    @Option(names = "--finetune", description = "with --from: all | classifier | last-block (default: ${DEFAULT-VALUE})")
    String finetune;

    @Option(names = "--reinit-classifier", description = "with --from: re-initialise the classifier head")
    boolean reinitClassifier;

    @Option(names = "--hidden", split = ",", description = "mlp hidden sizes (default: ${DEFAULT-VALUE})")
    List<Integer> hidden;

    @Option(names = "--init", paramLabel = "he|pytorch",
            description = "conv and linear weights: he (normal, std sqrt(2/fan_in), biases 0; DJL's default) or pytorch "
                    + "(uniform in ±1/sqrt(fan_in), weights and biases; PyTorch's default) (default: ${DEFAULT-VALUE})")
    String init;

    @Option(names = "--cosine-head", description = "use a cosine (normalised) classifier head (LDAM methods always do)")
    boolean cosineHead;

    @Option(names = "--threads", description = "libtorch threads; 0 = all cores (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--keep", paramLabel = "last|best-val",
            description = "best-val: also keep the model of the epoch with the best validation balanced accuracy "
                    + "(checkpoint-best.bin) and report its test metrics in results.json (needs --val-fraction) "
                    + "(default: ${DEFAULT-VALUE})")
    String keep;

    @Option(names = "--patience", paramLabel = "N",
            description = "stop when the validation balanced accuracy has not improved for N epochs; 0: never "
                    + "(needs --val-fraction) (default: ${DEFAULT-VALUE})")
    int patience;

    @Option(names = "--accumulate", paramLabel = "K",
            description = "split each batch into K micro-batches, one forward and backward at a time, and take one optimizer "
                    + "step: the whole batch's update (ABSGD's weights included) with one part's activations in memory; "
                    + "BatchNorm's statistics are then a part's, not the batch's (default: ${DEFAULT-VALUE})")
    int accumulate;

    @Option(names = "--devices", paramLabel = "default|cpu|all|gpu0,gpu1,...",
            description = "where to train: default (the first GPU libtorch sees, else the CPU), cpu, all (every GPU), or "
                    + "named GPUs; several devices split each batch between them and train as one device on the whole "
                    + "batch would (BatchNorm's statistics are then a device's part's); a GPU libtorch does not see is "
                    + "refused (default: ${DEFAULT-VALUE})")
    String devices;

    @Option(names = "--eval-every", paramLabel = "N",
            description = "evaluate the test set after every N epochs and after the last (its metrics are null in "
                    + "metrics.jsonl between); the validation set is evaluated every epoch (default: ${DEFAULT-VALUE})")
    int evalEvery;

    @Option(names = "--seed", paramLabel = "N",
            description = "training seed: initialisation, batch order and augmentation (default: ${DEFAULT-VALUE})")
    long seed;
}

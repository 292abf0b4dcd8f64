package io.github.absgd.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One line of {@code metrics.jsonl}: the state after {@code epoch} completed epochs. {@code lambda}
 * is null for ERM; {@code train_loss} is the unweighted mean base loss, {@code objective} the mean
 * of what was optimised; {@code images_per_s} counts training only (augmentation included,
 * evaluation excluded); many/medium/few are null for an empty group; {@code noisy_weight_share} is
 * the share of attentional weight on mislabelled samples (null without noise or attention);
 * {@code ess_fraction}, {@code max_weight} and {@code tail_weight_share} summarise the attentional
 * weights (null under ERM; see {@link BatchWeights}); the test metrics are null in the epochs
 * {@code eval-every} skips; the
 * {@code val_} metrics are the validation set's (null without one).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"epoch", "lr", "lambda", "train_loss", "objective", "balanced_acc", "acc", "tail3", "many",
    "medium", "few", "macro_f1", "val_balanced_acc", "val_acc", "val_macro_f1", "images_per_s", "noisy_weight_share",
    "ess_fraction", "max_weight", "tail_weight_share", "train_seconds", "eval_seconds"})
public record EpochRecord(
        @JsonProperty("epoch") int epoch,
        @JsonProperty("lr") double lr,
        @JsonProperty("lambda") Double lambda,
        @JsonProperty("train_loss") double trainLoss,
        @JsonProperty("objective") double objective,
        @JsonProperty("balanced_acc") Double balancedAccuracy,
        @JsonProperty("acc") Double accuracy,
        @JsonProperty("tail3") Double tail3,
        @JsonProperty("many") Double many,
        @JsonProperty("medium") Double medium,
        @JsonProperty("few") Double few,
        @JsonProperty("macro_f1") Double macroF1,
        @JsonProperty("val_balanced_acc") Double valBalancedAccuracy,
        @JsonProperty("val_acc") Double valAccuracy,
        @JsonProperty("val_macro_f1") Double valMacroF1,
        @JsonProperty("images_per_s") double imagesPerSecond,
        @JsonProperty("noisy_weight_share") Double noisyWeightShare,
        @JsonProperty("ess_fraction") Double essFraction,
        @JsonProperty("max_weight") Double maxWeight,
        @JsonProperty("tail_weight_share") Double tailWeightShare,
        @JsonProperty("train_seconds") double trainSeconds,
        @JsonProperty("eval_seconds") double evalSeconds) {}

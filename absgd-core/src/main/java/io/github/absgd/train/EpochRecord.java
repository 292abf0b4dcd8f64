package io.github.absgd.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One line of {@code metrics.jsonl}: the state after {@code epoch} completed epochs. {@code lambda}
 * is null for ERM; {@code train_loss} is the unweighted mean base loss, {@code objective} the mean
 * of what was optimised; {@code images_per_s} counts training only (augmentation included,
 * evaluation excluded); many/medium/few are null for an empty group; {@code noisy_weight_share} is
 * the share of attentional weight on mislabelled samples (null without noise or attention).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"epoch", "lr", "lambda", "train_loss", "objective", "balanced_acc", "acc", "tail3", "many",
    "medium", "few", "macro_f1", "images_per_s", "noisy_weight_share", "train_seconds", "eval_seconds"})
public record EpochRecord(
        @JsonProperty("epoch") int epoch,
        @JsonProperty("lr") double lr,
        @JsonProperty("lambda") Double lambda,
        @JsonProperty("train_loss") double trainLoss,
        @JsonProperty("objective") double objective,
        @JsonProperty("balanced_acc") double balancedAccuracy,
        @JsonProperty("acc") double accuracy,
        @JsonProperty("tail3") Double tail3,
        @JsonProperty("many") Double many,
        @JsonProperty("medium") Double medium,
        @JsonProperty("few") Double few,
        @JsonProperty("macro_f1") double macroF1,
        @JsonProperty("images_per_s") double imagesPerSecond,
        @JsonProperty("noisy_weight_share") Double noisyWeightShare,
        @JsonProperty("train_seconds") double trainSeconds,
        @JsonProperty("eval_seconds") double evalSeconds) {}

package io.github.absgd.train;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Sums over the training batches of one epoch so far: base loss (unweighted), objective, samples,
 * seconds, and what the attentional weights did (their sum, the weight on mislabelled samples and on
 * the three smallest classes, the summed effective-sample-size fractions of the weighted batches and
 * the largest share one sample got).
 */
public record EpochProgress(
        @JsonProperty("loss_sum") double lossSum,
        @JsonProperty("objective_sum") double objectiveSum,
        @JsonProperty("batches") int batches,
        @JsonProperty("samples") long samples,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("weight_sum") double weightSum,
        @JsonProperty("noisy_weight_sum") double noisyWeightSum,
        @JsonProperty("noisy_samples") long noisySamples,
        @JsonProperty("weighted_batches") int weightedBatches,
        @JsonProperty("ess_fraction_sum") double essFractionSum,
        @JsonProperty("max_weight_share") double maxWeightShare,
        @JsonProperty("tail_weight_sum") double tailWeightSum) {

    public static final EpochProgress EMPTY = new EpochProgress(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * Adds one batch: its summed base loss, its objective, size, time, and its weights (null for a
     * method without attention; under ERM they are 1/b, counted for the noisy share only when
     * {@code attentionOn} is false).
     */
    EpochProgress plus(double lossSum, double objective, int size, double seconds, BatchWeights w, boolean attentionOn) {
        boolean has = w != null;
        boolean on = has && attentionOn;
        return new EpochProgress(this.lossSum + lossSum, this.objectiveSum + objective, batches + 1, samples + size,
                this.seconds + seconds, weightSum + (has ? w.sum() : 0), noisyWeightSum + (has ? w.noisySum() : 0),
                noisySamples + (has ? w.noisyCount() : 0), weightedBatches + (on ? 1 : 0),
                essFractionSum + (on ? w.essFraction() : 0), Math.max(maxWeightShare, on ? w.maxShare() : 0),
                tailWeightSum + (on ? w.tailSum() : 0));
    }

    public double meanLoss() {
        return samples == 0 ? Double.NaN : lossSum / samples;
    }

    public double meanObjective() {
        return batches == 0 ? Double.NaN : objectiveSum / batches;
    }

    public double imagesPerSecond() {
        return seconds == 0 ? Double.NaN : samples / seconds;
    }

    /** The share of attentional weight on mislabelled samples, null without weights or noise. */
    public Double noisyWeightShare() {
        return weightSum == 0 || noisySamples == 0 ? null : noisyWeightSum / weightSum;
    }

    /** The mean effective sample size of the weighted batches, as a fraction of the batch; null under ERM. */
    public Double essFraction() {
        return weightedBatches == 0 ? null : essFractionSum / weightedBatches;
    }

    /** The largest share of a batch's weight one sample got this epoch; null under ERM. */
    public Double maxWeight() {
        return weightedBatches == 0 ? null : maxWeightShare;
    }

    /** The share of the attentional weight on the three smallest classes; null under ERM. */
    public Double tailWeightShare() {
        return weightedBatches == 0 || weightSum == 0 ? null : tailWeightSum / weightSum;
    }
}

package io.github.absgd.train;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Sums over the training batches of one epoch so far: base loss (unweighted), objective, samples,
 * seconds, and the attentional weight given to all and to mislabelled samples (noisy runs).
 */
public record EpochProgress(
        @JsonProperty("loss_sum") double lossSum,
        @JsonProperty("objective_sum") double objectiveSum,
        @JsonProperty("batches") int batches,
        @JsonProperty("samples") long samples,
        @JsonProperty("seconds") double seconds,
        @JsonProperty("weight_sum") double weightSum,
        @JsonProperty("noisy_weight_sum") double noisyWeightSum,
        @JsonProperty("noisy_samples") long noisySamples) {

    public static final EpochProgress EMPTY = new EpochProgress(0, 0, 0, 0, 0, 0, 0, 0);

    /** Adds one batch: its summed base loss, its objective, size, time and weights. */
    public EpochProgress plus(double lossSum, double objective, int size, double seconds,
            double weightSum, double noisyWeightSum, long noisySamples) {
        return new EpochProgress(this.lossSum + lossSum, this.objectiveSum + objective, batches + 1, samples + size,
                this.seconds + seconds, this.weightSum + weightSum, this.noisyWeightSum + noisyWeightSum,
                this.noisySamples + noisySamples);
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
}

package io.github.absgd.train;

/**
 * What ABSGD's weights p_i did in one batch, to show when λ is too small: their sum, the effective
 * sample size as a fraction of the batch, (Σp)² / (Σp² · b) (1: every sample counts equally; 1/b:
 * one sample has all the weight), the largest share one sample got (max p / Σp), and the weight on
 * mislabelled samples and on the three smallest classes. When every weight underflowed to 0 the
 * effective sample size and the largest share are 0.
 */
record BatchWeights(double sum, double essFraction, double maxShare, double noisySum, long noisyCount, double tailSum) {

    /**
     * Summarises the weights {@code p} of the samples {@code indices}; {@code noisy} and
     * {@code tail} mark, by training-set index, mislabelled samples and samples of the three
     * smallest classes.
     */
    static BatchWeights of(float[] p, int[] indices, boolean[] noisy, boolean[] tail) {
        double sum = 0;
        double squares = 0;
        double max = 0;
        double noisySum = 0;
        long noisyCount = 0;
        double tailSum = 0;
        for (int i = 0; i < p.length; i++) {
            sum += p[i];
            squares += (double) p[i] * p[i];
            max = Math.max(max, p[i]);
            if (noisy[indices[i]]) {
                noisySum += p[i];
                noisyCount++;
            }
            if (tail[indices[i]]) {
                tailSum += p[i];
            }
        }
        if (sum == 0) { // every weight underflowed: no sample counts (a rate or λ far off, as in a collapse)
            return new BatchWeights(0, 0, 0, 0, noisyCount, 0);
        }
        return new BatchWeights(sum, sum * sum / squares / p.length, max / sum, noisySum, noisyCount, tailSum);
    }
}

package io.github.absgd.train;

/** What a training run tells its user as it goes; the command line shows a progress bar. */
public interface ProgressListener {

    /** An epoch starts (0-based {@code epoch}), with {@code batches} batches, {@code done} of them already done. */
    default void epochStarted(int epoch, int epochs, int batches, int done, double lr, Double lambda) {}

    /** A batch finished; {@code loss} is its unweighted mean base loss. */
    default void batchFinished(double loss, double imagesPerSecond) {}

    /** An epoch finished and was evaluated and checkpointed. */
    default void epochFinished(EpochRecord record) {}

    /** Says nothing. */
    ProgressListener SILENT = new ProgressListener() {};
}

package io.github.absgd.cli;

import io.github.absgd.train.EpochRecord;
import io.github.absgd.train.ProgressListener;
import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Training progress on the terminal: a progress bar per epoch with loss, lr, lambda and images/s
 * when stderr is a terminal, and one line per epoch otherwise (logs, CI).
 */
final class ConsoleProgress implements ProgressListener, AutoCloseable {

    private final String label;
    private final boolean interactive;
    private final PrintStream err = System.err;
    private ProgressBar bar;
    private String lrAndLambda = "";

    ConsoleProgress(String label) {
        this(label, true);
    }

    /** With {@code bars} false, one line per epoch even on a terminal (runs trained side by side). */
    ConsoleProgress(String label, boolean bars) {
        this.label = label;
        this.interactive = bars && System.console() != null;
    }

    @Override
    public void epochStarted(int epoch, int epochs, int batches, int done, double lr, Double lambda) {
        closeBar();
        lrAndLambda = String.format(Locale.ROOT, "lr %.3g λ %s", lr, lambda == null ? "ERM" : String.format(Locale.ROOT, "%.3g", lambda));
        if (interactive) {
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "%s epoch %d/%d", label, epoch + 1, epochs))
                    .setInitialMax(batches)
                    .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                    .setUpdateIntervalMillis(250)
                    .continuousUpdate()
                    .build();
            bar.stepTo(done);
        }
    }

    @Override
    public void batchFinished(double loss, double imagesPerSecond) {
        if (bar != null) {
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f %s %.0f img/s", loss, lrAndLambda, imagesPerSecond));
        }
    }

    @Override
    public void epochFinished(EpochRecord r) {
        closeBar();
        String test = r.balancedAccuracy() == null ? "test set not evaluated (--eval-every)"
                : String.format(Locale.ROOT, "balanced acc %s, acc %s, tail-3 %s", percent(r.balancedAccuracy()),
                        percent(r.accuracy()), percent(r.tail3()));
        String validation = r.valBalancedAccuracy() == null ? "" : ", validation balanced acc " + percent(r.valBalancedAccuracy());
        err.printf(Locale.ROOT, "%s epoch %d: train loss %.4f, objective %.4f, %s%s, %s, %.0f img/s%n", label, r.epoch(),
                r.trainLoss(), r.objective(), test, validation, lrAndLambda, r.imagesPerSecond());
    }

    private static String percent(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.2f%%", 100 * value);
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public void close() {
        closeBar();
    }
}

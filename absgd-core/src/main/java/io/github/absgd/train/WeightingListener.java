package io.github.absgd.train;

import ai.djl.ndarray.types.DataType;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import io.github.absgd.loss.AttentionalLoss;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A DJL training listener that reports, after every epoch, what ABSGD's attentional weighting did,
 * with the definitions of {@code metrics.jsonl}: {@code log u} after the epoch, the mean effective
 * sample size of the batches' weights as a fraction of the batch ((Σp)²/Σp²/b), the largest share of
 * a batch's weight one sample got, and, given the per-class training counts, the share of the
 * weight on the three smallest classes. Under ERM (no lambda) an epoch's report has these as null.
 *
 * <pre>{@code
 * DefaultTrainingConfig config = AttentionalTraining.absgd(new CrossEntropy(), weighting, Absgd.builder()...);
 * WeightingListener weights = WeightingListener.addTo(config, trainCounts);
 * try (Trainer trainer = model.newTrainer(config)) {
 *     EasyTrain.fit(trainer, epochs, trainSet, null);
 * }
 * weights.reports().forEach(System.out::println);
 * }</pre>
 *
 * <p>It reads the weights of each training batch from {@link AttentionalLoss#lastBatch()} in {@code
 * onTrainingBatch} (one device-to-host copy of the weights, and of the labels when counts were given;
 * nothing under ERM) and closes an epoch in {@code onEpoch}. {@code EasyTrain.fit} calls both; a
 * hand-written loop calls {@code trainer.notifyListeners(l -> l.onTrainingBatch(trainer, batchData))}
 * after each step, before the batch's manager is closed, and {@code l.onEpoch(trainer)} after each
 * epoch ({@code batchData} is not read: null will do). A batch whose arrays were already released, or
 * that was reported before, is skipped. One device: with several, only the last split's weights of a
 * batch are seen.
 */
public final class WeightingListener extends TrainingListenerAdapter {

    private final AttentionalLoss loss;
    private final boolean[] tailClass;
    private final Consumer<EpochReport> sink;
    private final List<EpochReport> reports = new ArrayList<>();
    private EpochProgress progress = EpochProgress.EMPTY;
    private AttentionalLoss.LastBatch seen;

    /** Watches {@code loss} (an attentional one) without class counts: no tail share. */
    public WeightingListener(AttentionalLoss loss) {
        this(loss, null, null);
    }

    /** Watches {@code loss} (an attentional one), with the per-class training counts for the tail share. */
    public WeightingListener(AttentionalLoss loss, long[] trainCounts) {
        this(loss, trainCounts, null);
    }

    /**
     * Watches {@code loss} (an attentional one); {@code trainCounts} (per class, null: no tail share)
     * define the three smallest classes as {@code tail3} does; {@code sink} (null: none) is given
     * each epoch's report as it is made.
     */
    public WeightingListener(AttentionalLoss loss, long[] trainCounts, Consumer<EpochReport> sink) {
        this.loss = Objects.requireNonNull(loss, "loss");
        if (loss.reduction() != AttentionalLoss.Reduction.ATTENTIONAL) {
            throw new IllegalArgumentException("a WeightingListener watches an attentional loss, got the "
                    + loss.reduction() + " reduction of " + loss.getName());
        }
        this.tailClass = trainCounts == null ? null : TrainingRun.smallestClasses(trainCounts, 3);
        this.sink = sink;
    }

    /**
     * A listener watching {@code config}'s loss (which must be an {@link AttentionalLoss}, as the
     * configurations of {@code AttentionalTraining} have), added to {@code config}'s listeners.
     */
    public static WeightingListener addTo(DefaultTrainingConfig config, long[] trainCounts) {
        if (!(config.getLossFunction() instanceof AttentionalLoss attentional)) {
            throw new IllegalArgumentException("the training configuration's loss is not an AttentionalLoss: "
                    + config.getLossFunction().getName());
        }
        WeightingListener listener = new WeightingListener(attentional, trainCounts, null);
        config.addTrainingListeners(listener);
        return listener;
    }

    /**
     * One epoch's report ({@code epoch} from 1, counting the epochs this listener saw): {@code lambda}
     * at its end, and over its {@code weightedBatches} batches with a lambda, {@code logU} after the
     * epoch, {@code essFraction}, {@code maxWeight} and {@code tailWeightShare} as in {@code
     * metrics.jsonl} (each null without a weighted batch; the tail share also without counts).
     */
    public record EpochReport(int epoch, Double lambda, Double logU, Double essFraction, Double maxWeight,
            Double tailWeightShare, int weightedBatches) {}

    /** The reports of the epochs so far, oldest first. */
    public synchronized List<EpochReport> reports() {
        return List.copyOf(reports);
    }

    /** The last epoch's report, null before the first epoch ended. */
    public synchronized EpochReport lastReport() {
        return reports.isEmpty() ? null : reports.get(reports.size() - 1);
    }

    @Override
    public synchronized void onTrainingBegin(Trainer trainer) {
        progress = EpochProgress.EMPTY;
    }

    @Override
    public synchronized void onTrainingBatch(Trainer trainer, BatchData batchData) {
        AttentionalLoss.LastBatch last = loss.lastBatch();
        if (last == null || last == seen) {
            return;
        }
        seen = last;
        if (last.lambda() == null || last.weights().isReleased() || last.labels().isReleased()) {
            return;
        }
        float[] p = last.weights().toFloatArray();
        int[] indices = new int[p.length];
        boolean[] tail = new boolean[p.length];
        if (tailClass != null) {
            int[] labels = last.labels().toType(DataType.INT32, false).toIntArray();
            if (labels.length != p.length) {
                throw new IllegalArgumentException("a batch has " + labels.length + " labels for " + p.length + " weights");
            }
            for (int i = 0; i < p.length; i++) {
                if (labels[i] < 0 || labels[i] >= tailClass.length) {
                    throw new IllegalArgumentException("label " + labels[i] + " outside the " + tailClass.length
                            + " classes of the training counts");
                }
                tail[i] = tailClass[labels[i]];
            }
        }
        for (int i = 0; i < p.length; i++) {
            indices[i] = i;
        }
        BatchWeights weights = BatchWeights.of(p, indices, new boolean[p.length], tail);
        progress = progress.plus(0, 0, p.length, 0, weights, true);
    }

    @Override
    public void onEpoch(Trainer trainer) {
        EpochReport report;
        synchronized (this) {
            boolean weighted = progress.weightedBatches() > 0;
            report = new EpochReport(reports.size() + 1, loss.weighting().lambda(), weighted ? loss.weighting().logU() : null,
                    progress.essFraction(), progress.maxWeight(), tailClass == null ? null : progress.tailWeightShare(),
                    progress.weightedBatches());
            reports.add(report);
            progress = EpochProgress.EMPTY;
        }
        if (sink != null) {
            sink.accept(report);
        }
    }
}

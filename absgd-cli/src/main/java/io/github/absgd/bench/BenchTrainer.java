package io.github.absgd.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.tracker.Tracker;
import io.github.absgd.loss.AttentionalLoss;
import io.github.absgd.model.ClassifierModel;
import io.github.absgd.model.ModelSpec;
import io.github.absgd.model.Models;
import io.github.absgd.optim.GradientCheck;
import io.github.absgd.train.Method;
import io.github.absgd.train.Recipe;
import io.github.absgd.train.RunSpec;
import io.github.absgd.train.TrainStep;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;

/** One model with its trainer for the benchmarks: plain SGD + mean CE, or ABSGD with lambda on. */
final class BenchTrainer implements AutoCloseable {

    final ClassifierModel model;
    private final Model djlModel;
    private final Trainer trainer;
    private final AttentionalLoss loss;

    BenchTrainer(String name, ModelSpec spec, boolean attentional) {
        model = Models.create(name, spec);
        djlModel = Model.newInstance(name);
        djlModel.setBlock(model.block());
        // the recipe's pieces (lambda 5, gamma 0.7, alpha 0.5, momentum 0.9, decay 5e-4), in stage 2 from the start
        RunSpec run = RunSpec.builder().model(name).method(attentional ? Method.ABSGD : Method.CE).stage2Epoch(0).build();
        long[] balanced = new long[spec.classes()];
        Arrays.fill(balanced, 1);
        Recipe recipe = Recipe.of(run, balanced, Tracker.fixed(0.01f));
        recipe.enterEpoch(0);
        loss = recipe.loss();
        trainer = djlModel.newTrainer(new DefaultTrainingConfig(loss).optOptimizer(recipe.optimizer()));
        trainer.initialize(model.inputShape(1));
        GradientCheck.disable(trainer);
    }

    /** Batches made up front, taken in turn: step i gets a copy of batch i mod their number in the step's scope. */
    static BiFunction<NDManager, Integer, NDList> held(List<NDArray[]> batches) {
        return (scope, step) -> {
            NDArray[] batch = batches.get(step % batches.size());
            NDArray x = batch[0].duplicate();
            x.attach(scope);
            return new NDList(x, batch[1]);
        };
    }

    /** Runs {@code n} steps on the batches {@code source} makes (in a scope closed after each step); the seconds they took. */
    double steps(BiFunction<NDManager, Integer, NDList> source, int n) {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try (NDManager scope = trainer.getManager().newSubManager()) {
                NDList batch = source.apply(scope, i);
                TrainStep.Result result = TrainStep.run(trainer, loss, batch.get(0), batch.get(1));
                result.objective().getFloat(); // the one host read a training loop makes per step
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    @Override
    public void close() {
        trainer.close();
        djlModel.close();
    }
}

package io.github.absgd.data;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * One reader's planned batches, read ahead on a {@link DecodePool}: at most {@code depth} batches are
 * read or waiting at a time, and results are handed out in the plan's order. Reading the next one
 * starts as each is taken, so memory stays bounded however long the plan.
 *
 * @param <T> what reading a batch of indices gives
 */
final class ReadAhead<T> {

    private final DecodePool pool;
    private final List<int[]> plan;
    private final Function<int[], T> read;
    private final int depth;
    private final Deque<Future<T>> inFlight = new ArrayDeque<>();
    private int submitted;
    private int taken;

    ReadAhead(DecodePool pool, List<int[]> plan, Function<int[], T> read, int depth) {
        this.pool = pool;
        this.plan = List.copyOf(plan);
        this.read = read;
        this.depth = depth;
        fill();
    }

    /** Whether {@code indices} is the next batch of the plan. */
    boolean isNext(int[] indices) {
        return taken < plan.size() && Arrays.equals(plan.get(taken), indices);
    }

    boolean isDone() {
        return taken == plan.size();
    }

    /** The next planned batch's result, waiting for it; failures are rethrown as {@link DecodePool#await} does. */
    T next() {
        Future<T> head = inFlight.removeFirst();
        taken++;
        fill();
        return DecodePool.await(head);
    }

    /** Drops the batches not yet started; those being read finish and are discarded. */
    void cancel() {
        for (Future<T> future : inFlight) {
            future.cancel(false);
        }
        inFlight.clear();
        taken = plan.size();
        submitted = plan.size();
    }

    private void fill() {
        while (submitted < plan.size() && inFlight.size() < depth) {
            int[] indices = plan.get(submitted++);
            inFlight.addLast(pool.submit(() -> read.apply(indices)));
        }
    }
}

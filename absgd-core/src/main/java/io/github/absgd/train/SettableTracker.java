package io.github.absgd.train;

import ai.djl.training.tracker.Tracker;

/** A DJL tracker whose value the trainer sets at each epoch's start (the rate is per epoch, as in the recipe). */
final class SettableTracker implements Tracker {

    private volatile float value;

    void set(double value) {
        this.value = (float) value;
    }

    @Override
    public float getNewValue(int numUpdate) {
        return value;
    }
}

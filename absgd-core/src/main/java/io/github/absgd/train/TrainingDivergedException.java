package io.github.absgd.train;

import io.github.absgd.util.AbsgdException;

/** The loss became NaN or infinite; the run stopped and its last good checkpoint is kept. */
public final class TrainingDivergedException extends AbsgdException {

    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}

package io.github.absgd.spark;

import java.io.Serializable;

/**
 * One Spark task of a grid: a shared stage-1 run trained to its stage-2 epoch, or a run trained to
 * its end (forked first from the stage-1 run in {@code stage1Dir} when that is given and the run has
 * no checkpoint yet). Directories are relative to the grid's output; the specification travels as
 * its JSON form.
 */
record GridTask(Kind kind, String specJson, String dir, String stage1Dir, String label) implements Serializable {

    /** What the task trains. */
    enum Kind { STAGE1, RUN }
}

#!/usr/bin/env python3
"""Modelled wall time of a large grid on Spark against the number of executors (issue 15).

The grid is the paper-style table the issue counts: 9 methods x 3 seeds x 5 values of a stage-2
setting (lambda) = 135 runs of the recipe (30 epochs, stage 2 at epoch 24). Two schedules:
  * alone: every run trains all its epochs in its own task (--no-shared-stage1);
  * shared: per seed, the runs that train alike until stage 2 share one stage-1 run (the rules of
    SharedStage1: {ce, ce-drw, absgd, absgd-drw} x 5 values, {ldam-drw, absgd-ldam-drw} x 5,
    cb x 5, focal x 5, logit-adjust x 5: 5 stage-1 runs of 24 epochs a seed), then 135 forks of
    6 epochs each, as the two Spark jobs absgd-spark submits.
Each executor is a machine like this one (2 cores) with 2 task slots of 1 libtorch thread. A stage's
tasks are of equal length, so its makespan is ceil(tasks / slots) rounds of one task's time, plus
Spark's overhead per task, plus one start-up a grid. The inputs are MEASURED by
scripts/bench-spark.sh (epoch seconds of a 1-thread run with the other slot busy, overhead per task,
start-up); everything this prints is MODELLED from them, not run.

usage: spark-grid-model.py BENCH_OUT_DIR   (the OUT of scripts/bench-spark.sh)
"""
import json
import math
import pathlib
import statistics
import sys

out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "runs/bench-spark")
rows = [json.loads(line) for line in open(out / "spark.jsonl")]


def wall(grid, peer):
    return statistics.median(r["wall_seconds"] for r in rows if r["grid"] == grid and r["peer"] == peer)


# one epoch of a 1-thread run while the other slot trains too: the forks' epochs of the main job on Spark
forked_after = json.load(open(out / "main-spark" / "ce" / "seed0" / "results.json"))["config"]["train"]["stage2-epoch"]
epoch_seconds = statistics.median(
    rec["train_seconds"] + rec["eval_seconds"]
    for fork in ("ce/seed0", "absgd-drw/seed0")
    for rec in map(json.loads, open(out / "main-spark" / fork / "metrics.jsonl"))
    if rec["epoch"] > forked_after)
overhead = max(0.0, ((wall("main-job", "spark") - wall("main-job", "local")) / 3
                     + (wall("sweep-2x2", "spark") - wall("sweep-2x2", "local")) / 6) / 2)
startup = wall("main-job-finished", "spark")

EPOCHS, STAGE2, RUNS, STAGE1_RUNS = 30, 24, 135, 15


def grid_seconds(executors, shared):
    slots = 2 * executors
    stages = [(STAGE1_RUNS, STAGE2), (RUNS, EPOCHS - STAGE2)] if shared else [(RUNS, EPOCHS)]
    total = startup
    for tasks, epochs in stages:
        rounds = math.ceil(tasks / slots)
        total += rounds * (epochs * epoch_seconds + overhead)
    return total


print(f"measured: {epoch_seconds:.1f} s an epoch (1 thread, both slots busy), Spark overhead "
      f"{overhead:.1f} s a task, start-up {startup:.1f} s")
print("| executors (2 cores, 2 slots) | alone: hours | shared stage 1: hours | shared, speed-up over 1 executor |")
print("|---:|---:|---:|---:|")
one = grid_seconds(1, True)
for k in (1, 2, 4, 8, 16, 32, 68):
    print(f"| {k} | {grid_seconds(k, False) / 3600:.2f} | {grid_seconds(k, True) / 3600:.2f} | "
          f"{one / grid_seconds(k, True):.1f}x |")

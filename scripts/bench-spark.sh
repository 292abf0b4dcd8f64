#!/usr/bin/env bash
# Grids through Spark against the local commands, side by side on this machine (issue 15):
#   1. the main job, `compare --methods ce,absgd-drw --seeds 0` on the recipe;
#   2. a 2 x 2 sweep, `sweep --methods absgd-drw --lambda 2,10 --seeds 0,1 --val-fraction 0.1`;
#   3. each grid again once it has finished: nothing is trained, so the time is start-up alone
#      (for Spark: its context, the scheduler and the copies of the finished runs' results).
# Both sides run 2 runs at once with 1 libtorch thread each: `--jobs 2 --threads 1` locally,
# `--spark local[2]` (2 task slots, spark.task.cpus 1) for Spark; both share stage 1 as they do by
# default. Alternating, local first; wall time of each command; one JSON line per command in
# $OUT/spark.jsonl, and a summary: Spark's wall time over the local one, and Spark's overhead per
# task (the difference in wall time over the tasks Spark ran).
#   env: EPOCHS (30) STAGE2 (24) SWEEP_EPOCHS (10) SWEEP_STAGE2 (8) REPEATS (1) OUT (runs/bench-spark)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
epochs="${EPOCHS:-30}"; stage2="${STAGE2:-24}"; repeats="${REPEATS:-1}"
sweep_epochs="${SWEEP_EPOCHS:-10}"; sweep_stage2="${SWEEP_STAGE2:-8}"; out="${OUT:-$root/runs/bench-spark}"
mkdir -p "$out"; : > "$out/spark.jsonl"
"$root/bin/absgd" --version >/dev/null   # build first, outside the timing
now() { date +%s.%N; }
timed() { # grid peer repeat tasks dir command...
  local grid="$1" peer="$2" repeat="$3" tasks="$4" dir="$5"; shift 5
  local start; start=$(now)
  "$root/bin/absgd" "$@" --out "$dir" >"$dir.log" 2>&1
  echo "{\"grid\": \"$grid\", \"peer\": \"$peer\", \"repeat\": $repeat, \"tasks\": $tasks, \"wall_seconds\": $(python3 -c "print(round($(now) - $start, 2))")}" \
    | tee -a "$out/spark.jsonl"
}
main=(compare --methods ce,absgd-drw --seeds 0 --imbalance 100 --epochs "$epochs" --stage2-epoch "$stage2"
      --lr-milestones "$stage2" --eval-every "$epochs" --threads 1)
sweep=(sweep --methods absgd-drw --lambda 2,10 --seeds 0,1 --val-fraction 0.1 --imbalance 100 --epochs "$sweep_epochs"
       --stage2-epoch "$sweep_stage2" --lr-milestones "$sweep_stage2" --eval-every "$sweep_epochs" --threads 1)
for ((r = 1; r <= repeats; r++)); do
  rm -rf "$out"/{main,sweep}-{local,spark}
  # main job: one stage 1, two forks (Spark: 3 tasks); sweep: two stage 1s, four forks (6 tasks)
  timed main-job local "$r" 3 "$out/main-local" "${main[@]}" --jobs 2
  timed main-job spark "$r" 3 "$out/main-spark" "${main[@]}" --spark 'local[2]'
  timed sweep-2x2 local "$r" 6 "$out/sweep-local" "${sweep[@]}" --jobs 2
  timed sweep-2x2 spark "$r" 6 "$out/sweep-spark" "${sweep[@]}" --spark 'local[2]'
  timed main-job-finished local "$r" 0 "$out/main-local" "${main[@]}" --jobs 2
  timed main-job-finished spark "$r" 0 "$out/main-spark" "${main[@]}" --spark 'local[2]'
done
python3 - "$out" <<'PY'
import json, pathlib, statistics, sys
out = pathlib.Path(sys.argv[1])
rows = [json.loads(l) for l in open(out / "spark.jsonl")]
def median(grid, peer):
    return statistics.median(r["wall_seconds"] for r in rows if r["grid"] == grid and r["peer"] == peer)
for grid in ("main-job", "sweep-2x2", "main-job-finished"):
    local, spark = median(grid, "local"), median(grid, "spark")
    tasks = next(r["tasks"] for r in rows if r["grid"] == grid)
    per_task = f", Spark overhead {(spark - local) / tasks:.1f} s a task" if tasks else ""
    print(f"{grid}: local {local:.1f} s, spark local[2] {spark:.1f} s, spark / local = {spark / local:.3f}{per_task}")
# identical results: every run's test balanced accuracy, local against Spark
for grid in ("main", "sweep"):
    for metrics in sorted((out / f"{grid}-local").rglob("results.json")):
        other = out / f"{grid}-spark" / metrics.relative_to(out / f"{grid}-local")
        a = json.load(open(metrics))["balanced_acc"]
        b = json.load(open(other))["balanced_acc"]
        print(f"  {grid} {metrics.parent.relative_to(out / f'{grid}-local')}: balanced acc local {a:.6f}, spark {b:.6f}"
              + ("" if a == b else "  DIFFERENT"))
PY

#!/usr/bin/env bash
# Runs side by side in one process: the same compare grid with --jobs 1 (one run at a time, all
# cores) and --jobs N (N runs at once, 1/N of the cores each), alternating, on the recipe's data.
# Each grid is METHODS x SEEDS runs of EPOCHS epochs, each its own stage 1 (--no-shared-stage1), the
# test set evaluated once at the end. Prints the wall time of each grid and the total training
# images/s (all runs' training images over the grid's wall time), then the ratio of the medians.
#   env: METHODS (ce,absgd) SEEDS (0,1) EPOCHS (2) JOBS (2) REPEATS (2) OUT (runs/bench-jobs)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
methods="${METHODS:-ce,absgd}"; seeds="${SEEDS:-0,1}"; epochs="${EPOCHS:-2}"; jobs="${JOBS:-2}"
repeats="${REPEATS:-2}"; out="${OUT:-$root/runs/bench-jobs}"
mkdir -p "$out"; : > "$out/jobs.jsonl"
"$root/bin/absgd" --version >/dev/null   # build first, outside the timing
for ((r = 1; r <= repeats; r++)); do
  for n in 1 "$jobs"; do
    dir="$out/jobs$n"; rm -rf "$dir"
    start=$(date +%s.%N)
    "$root/bin/absgd" compare --methods "$methods" --seeds "$seeds" --imbalance 100 --epochs "$epochs" \
        --stage2-epoch 1 --lr-milestones "$epochs" --eval-every "$epochs" --no-shared-stage1 --jobs "$n" \
        --out "$dir" >"$dir.log" 2>&1
    python3 - "$dir" "$n" "$r" "$start" "$(date +%s.%N)" >>"$out/jobs.jsonl" <<'PY'
import glob, json, sys
d, n, r, start, end = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
images = sum(json.load(open(f))["train_images"] for f in glob.glob(d + "/*/seed*/results.json"))
print(json.dumps({"jobs": n, "repeat": r, "wall_seconds": end - start, "train_images": images,
                  "images_per_s": images / (end - start)}))
PY
    tail -1 "$out/jobs.jsonl"
  done
done
python3 - "$out/jobs.jsonl" "$jobs" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
one = statistics.median(r["images_per_s"] for r in rows if r["jobs"] == 1)
many = statistics.median(r["images_per_s"] for r in rows if r["jobs"] == int(sys.argv[2]))
print(f"total training images/s over the grid's wall time: --jobs 1 {one:.0f}, --jobs {sys.argv[2]} {many:.0f}; "
      f"ratio {many / one:.2f}")
PY

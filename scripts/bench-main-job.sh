#!/usr/bin/env bash
# The main job end to end, side by side: `absgd compare --methods ce,absgd-drw --seeds 0` against the
# reference PyTorch script (scripts/reference/fmnist_lt.py) run for ce, then absgd-drw, on the same
# machine with the same epochs, alternating (ours, reference, ours, reference, ...). Each side's wall
# time covers everything a user waits for: start-up, data loading, training and evaluation (ours
# shares stage 1 between the two methods, as compare does by default). Prints one line per side and
# repeat, and the ratio of the median wall times; writes the lines to $OUT/main-job.jsonl.
#   env: EPOCHS (30) STAGE2 (24) REPEATS (1) THREADS (2, both sides) JOBS (1: ours' --jobs)
#        EVAL_EVERY (EPOCHS: ours evaluates the test set once, at the end, as the reference does)
#        OUT (runs/bench-main-job)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
epochs="${EPOCHS:-30}"; stage2="${STAGE2:-24}"; repeats="${REPEATS:-1}"; threads="${THREADS:-2}"
jobs="${JOBS:-1}"; eval_every="${EVAL_EVERY:-$epochs}"; out="${OUT:-$root/runs/bench-main-job}"
reference="$root/scripts/reference/fmnist_lt.py"
/usr/bin/python3 -c "import torch" 2>/dev/null \
  || { echo "bench-main-job: needs Debian's python3-torch (apt-get install -y python3-torch)" >&2; exit 2; }
mkdir -p "$out"; : > "$out/main-job.jsonl"
"$root/bin/absgd" --version >/dev/null   # build first, outside the timing
now() { date +%s.%N; }
record() { # peer repeat seconds
  echo "{\"peer\": \"$1\", \"repeat\": $2, \"wall_seconds\": $3, \"epochs\": $epochs, \"threads\": $threads}" | tee -a "$out/main-job.jsonl"
}
for ((r = 1; r <= repeats; r++)); do
  rm -rf "$out/ours"
  start=$(now)
  "$root/bin/absgd" compare --methods ce,absgd-drw --seeds 0 --imbalance 100 --epochs "$epochs" \
      --stage2-epoch "$stage2" --lr-milestones "$stage2" --threads "$threads" --jobs "$jobs" \
      --eval-every "$eval_every" --out "$out/ours" >"$out/ours.log" 2>&1
  record absgd-djl "$r" "$(python3 -c "print($(now) - $start)")"
  start=$(now)
  for method in ce absgd-drw; do
    (cd "$out" && EPOCHS="$epochs" STAGE2="$stage2" THREADS="$threads" /usr/bin/python3 "$reference" "$method" 0) \
        >>"$out/reference.jsonl"
  done
  record reference "$r" "$(python3 -c "print($(now) - $start)")"
done
python3 - "$out/main-job.jsonl" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
ours = statistics.median(r["wall_seconds"] for r in rows if r["peer"] == "absgd-djl")
ref = statistics.median(r["wall_seconds"] for r in rows if r["peer"] == "reference")
print(f"main job wall time (median of {len(rows) // 2}): ours {ours:.0f} s, reference {ref:.0f} s; "
      f"reference / ours = {ref / ours:.2f}x")
PY

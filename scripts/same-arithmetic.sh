#!/usr/bin/env bash
# Trains the same short run (absgd-drw on Fashion-MNIST-LT, 3 epochs, stage 2 from epoch 1, one
# thread) with two commits of this repository and compares every per-epoch metric but the timings,
# the per-class accuracy, the confusion matrix and log u: a change that must leave the training
# path's arithmetic alone must print "identical". Usage: scripts/same-arithmetic.sh OLD_REV [NEW_REV]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
old="$1"
new="${2:-HEAD}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-$root/.cache/djl}"
for side in old new; do
  rev=$([[ $side == old ]] && echo "$old" || echo "$new")
  git clone -q "$root" "$work/$side"
  git -C "$work/$side" checkout -q "$rev"
  (cd "$work/$side" && bin/absgd train --method absgd-drw --epochs 3 --stage2-epoch 1 --lr-milestones 2 --threads 1 \
      --out "$work/run-$side" > "$work/$side.log" 2>&1) || { cat "$work/$side.log"; exit 1; }
done
python3 - "$work/run-old" "$work/run-new" <<'PY'
import json, sys
timings = {"images_per_s", "train_seconds", "eval_seconds"}
def epochs(d, keys=None):
    rows = [json.loads(line) for line in open(d + "/metrics.jsonl")]
    return [{k: v for k, v in r.items() if k not in timings and (keys is None or k in keys)} for r in rows]
def final(d):
    r = json.load(open(d + "/results.json"))
    return r["per_class"], r["confusion"], r["log_u"]
a, b = sys.argv[1], sys.argv[2]
old_keys = set(epochs(a)[0])  # the older side's fields: fields added later (e.g. val_*) are not compared
same = epochs(a) == epochs(b, old_keys) and final(a) == final(b)
for e in epochs(b):
    print("epoch %d: train_loss %.16g balanced_acc %.4f" % (e["epoch"], e["train_loss"], e["balanced_acc"]))
for old_row, new_row in zip(epochs(a), epochs(b, old_keys)):
    for key in sorted(old_row):
        if old_row[key] != new_row.get(key):
            print("  epoch %d %s: %r -> %r" % (old_row["epoch"], key, old_row[key], new_row.get(key)))
for name, x, y in zip(("per_class", "confusion", "log_u"), final(a), final(b)):
    if x != y:
        print("  final %s: %r -> %r" % (name, x, y))
print("identical" if same else "DIFFERENT")
sys.exit(0 if same else 1)
PY

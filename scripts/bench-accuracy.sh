#!/usr/bin/env bash
# The accuracy table of BENCHMARKS.md, resumable (finished runs are skipped when run again):
#   1. Fashion-MNIST-LT rho 100, seed 0, nine methods;
#   2. the label-noise variant: balanced 1000 per class, 40% asymmetric noise; ce and absgd with
#      lambda -1 (gamma 0.9, alpha 1) from epoch 24, and absgd with lambda -1 from epoch 2;
#   3. rho 100 with seeds 0,1,2 for the six methods the reference measured (seed 0 is skipped);
#   4. rho 10, seed 0, nine methods;
#   5. rho 100 with seeds 0,1,2 for all nine methods;
# so that a partial run has one seed of every row, then the figures the targets compare, first.
# Each part is one `absgd compare`; `python3 scripts/accuracy-table.py` prints the tables of
# BENCHMARKS.md from every finished run (`absgd compare --report-only` summarises each part's
# directory). About 10 minutes a ρ-100 run on a 2-core machine (16 at ρ 10): 39 runs, about 7.5 hours
# one at a time, about 4 hours two at a time (two of its compare commands side by side in one
# project directory, with --threads 1 each).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
absgd="$root/bin/absgd"
methods=ce,cb,ce-drw,focal,ldam-drw,logit-adjust,absgd,absgd-drw,absgd-ldam-drw
"$absgd" compare --methods "$methods" --seeds 0 --imbalance 100 --out "$root/runs/bench-rho100"
noise=(--imbalance 1 --max-per-class 1000 --noise 0.4 --noise-type asym --lambda -1 --gamma 0.9 --alpha 1)
"$absgd" compare --methods ce,absgd --seeds 0 "${noise[@]}" --out "$root/runs/bench-noise"
"$absgd" compare --methods absgd --seeds 0 "${noise[@]}" --stage2-epoch 2 --out "$root/runs/bench-noise-early"
"$absgd" compare --methods ce,ce-drw,focal,ldam-drw,absgd,absgd-drw --seeds "${SEEDS:-0,1,2}" --imbalance 100 \
    --out "$root/runs/bench-rho100"
"$absgd" compare --methods "$methods" --seeds 0 --imbalance 10 --out "$root/runs/bench-rho10"
"$absgd" compare --methods "$methods" --seeds "${SEEDS:-0,1,2}" --imbalance 100 --out "$root/runs/bench-rho100"
# Each directory's compare.json and report.html then cover every run finished there, not only the last command's.
for part in bench-rho100 bench-noise bench-noise-early bench-rho10; do
  "$absgd" compare --report-only --out "$root/runs/$part" >/dev/null
done

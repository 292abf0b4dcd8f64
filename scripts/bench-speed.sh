#!/usr/bin/env bash
# Training speed side by side: this project's `absgd train` against the reference PyTorch script
# (scripts/reference/fmnist_lt.py, Debian's python3-torch) on the Fashion-MNIST-LT recipe, run
# alternately (ours, reference, ours, reference, ...) on the same machine. Both report training
# images/s over the whole run (augmentation included, evaluation excluded). Prints one line per run
# and the ratio of the medians; writes the raw lines to $OUT/speed.jsonl.
#   env: METHOD (absgd-drw) EPOCHS (3) STAGE2 (1) REPEATS (3) THREADS (2) OUT (runs/bench-speed)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
method="${METHOD:-absgd-drw}"; epochs="${EPOCHS:-3}"; stage2="${STAGE2:-1}"; repeats="${REPEATS:-3}"
threads="${THREADS:-2}"; out="${OUT:-$root/runs/bench-speed}"
reference="$root/scripts/reference/fmnist_lt.py"
[[ -f "$reference" ]] || { echo "bench-speed: $reference not found" >&2; exit 2; }
/usr/bin/python3 -c "import torch" 2>/dev/null || { echo "bench-speed: needs Debian's python3-torch (apt-get install -y python3-torch)" >&2; exit 2; }
mkdir -p "$out"; : > "$out/speed.jsonl"
"$root/bin/absgd" --version >/dev/null   # build first, outside the timing
lr_milestone=$(( epochs > 24 ? 24 : epochs ))
for ((r = 1; r <= repeats; r++)); do
  rm -rf "$out/ours"
  "$root/bin/absgd" train --method "$method" --epochs "$epochs" --stage2-epoch "$stage2" \
      --lr-milestones "$lr_milestone" --threads "$threads" --out "$out/ours" >/dev/null 2>&1
  ours=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['images_per_s'])" "$out/ours/results.json")
  echo "{\"peer\": \"absgd-djl\", \"repeat\": $r, \"images_per_s\": $ours}" | tee -a "$out/speed.jsonl"
  line=$(cd "$out" && EPOCHS="$epochs" STAGE2="$stage2" THREADS="$threads" /usr/bin/python3 "$reference" "$method" 0)
  echo "$line" | python3 -c "import json,sys; d=json.loads(sys.stdin.read()); print(json.dumps({'peer': d['peer'], 'repeat': $r, 'images_per_s': d['images_per_s']}))" | tee -a "$out/speed.jsonl"
done
python3 - "$out/speed.jsonl" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
ours = [r["images_per_s"] for r in rows if r["peer"] == "absgd-djl"]
ref = [r["images_per_s"] for r in rows if r["peer"] != "absgd-djl"]
print(f"median images/s: ours {statistics.median(ours):.0f}, reference {statistics.median(ref):.0f}, "
      f"ratio {statistics.median(ours) / statistics.median(ref):.3f} ({len(ours)} runs each, alternating)")
PY

#!/usr/bin/env bash
# Streaming image data: a generated long-tailed image folder (TRAIN_IMAGES JPEGs of SIZE x SIZE in
# CLASSES classes, exponential profile, imbalance RHO; 20 test images a class), made once and kept in
# STREAM_DATA, outside the repository. Then REPEATS processes of `absgd bench-data --stream on`,
# each reading the whole folder (index, then the normalisation pass decoding every training image)
# and timing in alternating blocks, over the seeded epoch order: the loader alone (decode, augment,
# batch), MODEL's ABSGD steps on the loaded batches, and the same steps on batches kept ready. Each
# process's peak RSS comes from /usr/bin/time -v. Last, a real `absgd train` on the folder (auto
# streaming) stopped by SIGTERM after TRAIN_SECONDS: it must index, measure, train and checkpoint.
# Prints the medians over the processes and whether every peak RSS stayed under 2 GiB.
#   env: STREAM_DATA (${TMPDIR:-/tmp}/absgd-stream-data) TRAIN_IMAGES (200000) CLASSES (100) SIZE (64) RHO (100)
#        MODEL (resnet32) BATCH (32) BLOCKS (3) STEPS (6) REPEATS (2) TRAIN_SECONDS (300) OUT (runs/bench-streaming)
# BATCH is 32, not the recipe's 128: resnet32's own activations at 64 x 64 and batch 128 take more than 2 GiB,
# whatever the data (see BENCHMARKS.md); the data side's peak is printed apart (before the model exists).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
images="${TRAIN_IMAGES:-200000}"; classes="${CLASSES:-100}"; size="${SIZE:-64}"; rho="${RHO:-100}"
model="${MODEL:-resnet32}"; batch="${BATCH:-32}"; blocks="${BLOCKS:-3}"; steps="${STEPS:-6}"; repeats="${REPEATS:-2}"
train_seconds="${TRAIN_SECONDS:-300}"; out="${OUT:-$root/runs/bench-streaming}"
data="${STREAM_DATA:-${TMPDIR:-/tmp}/absgd-stream-data}/lt-$images-$size-$classes-rho$rho"
limit=$((2 * 1024 * 1024 * 1024))

if [[ ! -f "$data/.complete" ]]; then
  echo "generating $data (once)..." >&2
  java "$root/scripts/GenerateImageFolder.java" "$data" "$images" "$classes" "$size" "$rho" 20
  touch "$data/.complete"
fi
mkdir -p "$out"; : > "$out/bench.jsonl"
"$root/bin/absgd" --version >/dev/null   # build first, outside the timing
data_options=(--dataset imagefolder --data-dir "$data" --image-size "$size")
for ((r = 1; r <= repeats; r++)); do
  /usr/bin/time -v -o "$out/time$r.txt" "$root/bin/absgd" bench-data "${data_options[@]}" --stream on --model "$model" \
      --batch-size "$batch" --blocks "$blocks" --steps "$steps" --warmup 2 --json >"$out/bench$r.json"
  rss_kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/time$r.txt")
  python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); r["max_rss_bytes"] = int(sys.argv[2]) * 1024; print(json.dumps(r))' \
      "$out/bench$r.json" "$rss_kib" | tee -a "$out/bench.jsonl"
done

# the real training path on the whole folder: index, normalisation pass, training, a checkpoint at SIGTERM
run="$out/train"; rm -rf "$run"
/usr/bin/time -v -o "$out/time-train.txt" "$root/bin/absgd" train "${data_options[@]}" --model "$model" --method absgd \
    --batch-size "$batch" --threads 0 --epochs 1 --warmup-epochs 0 --stage2-epoch 0 --lr-milestones 1 --out "$run" \
    >"$out/train.log" 2>&1 &
pid=$!
sleep "$train_seconds"
kill -TERM "$(pgrep -P "$pid")" 2>/dev/null || true   # the JVM under /usr/bin/time (bin/absgd execs java)
wait "$pid" || true
train_rss_kib=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/time-train.txt")
tail -c 400 "$out/train.log" | tr '\r' '\n' | tail -3

python3 - "$out/bench.jsonl" "$limit" "$train_rss_kib" "$run" <<'PY'
import json, os, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
limit, train_rss = int(sys.argv[2]), int(sys.argv[3]) * 1024
med = lambda key: statistics.median(r[key] for r in rows)
print(f"{rows[0]['train_images']} training images ({'streamed' if rows[0]['streamed'] else 'held'}), {rows[0]['model']}, "
      f"batch {rows[0]['batch_size']}, {rows[0]['threads']} libtorch threads; medians over {len(rows)} processes:")
print(f"  read (index + normalisation pass): {med('load_seconds'):.1f} s")
print(f"  loader alone:               {med('loader_images_per_s'):7.1f} images/s")
print(f"  training, loading batches:  {med('train_images_per_s'):7.1f} images/s")
print(f"  training, batches ready:    {med('ready_images_per_s'):7.1f} images/s")
peak = max(r["max_rss_bytes"] for r in rows)
print(f"  peak RSS with the data read, before the model: {max(r['data_peak_rss_bytes'] for r in rows) / 2**20:.0f} MiB")
print(f"  peak RSS (bench processes): {peak / 2**20:.0f} MiB, max over processes; train run: {train_rss / 2**20:.0f} MiB")
ckpt = os.path.exists(os.path.join(sys.argv[4], "checkpoint.bin"))
print(f"  train run stopped by SIGTERM with a checkpoint: {ckpt}")
print("  peak RSS <= 2 GiB: " + ("held" if max(peak, train_rss) <= limit else "EXCEEDED"))
PY

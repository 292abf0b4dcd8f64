#!/usr/bin/env bash
# A real Spark standalone cluster on this machine (one master, one worker of 2 cores, executors in
# JVMs of their own, as on a cluster node), a compare grid trained on it with
# `bin/absgd compare --spark spark://127.0.0.1:7077`, and the executor JVM killed with SIGKILL in the
# middle of the grid (KILL_AFTER seconds after the start). Spark starts a new executor and retries the
# lost tasks, which continue from their runs' last checkpoints. The same grid is then trained locally
# (`--jobs 2 --threads 1`: the same thread count as the cluster's 1-core tasks) and the script prints
# each run's per-epoch metrics both ways (without timings) and whether they are identical.
# Spark's own launcher scripts are not needed: the master and worker run from absgd-spark's
# target/spark-lib (Spark and Hadoop from Maven Central), which SPARK_HOME/jars links to.
#   env: OUT (runs/spark-standalone) KILL_AFTER (40) EPOCHS (8)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${OUT:-$root/runs/spark-standalone}"; kill_after="${KILL_AFTER:-40}"; epochs="${EPOCHS:-8}"
rm -rf "$out"; mkdir -p "$out/spark-home/jars" "$out/work"
"$root/bin/absgd" --version >/dev/null   # build first
home="$out/spark-home"; touch "$home/RELEASE"
ln -s "$root"/absgd-spark/target/spark-lib/*.jar "$home/jars/"
# what a Spark distribution ships and Maven resolved into our own class path instead
ln -s "$root"/absgd-cli/target/lib/{slf4j-api,jackson-}*.jar "$home/jars/"
read -r -a jvm <<<"$(grep -o '<spark.jvm.options>[^<]*' "$root/absgd-spark/pom.xml" | sed 's/<spark.jvm.options>//')"
jvm+=("-Dlog4j2.configurationFile=$root/absgd-spark/log4j2.properties")
export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13
java "${jvm[@]}" -cp "$home/jars/*" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port 7077 \
    --webui-port 8089 >"$out/master.log" 2>&1 &
master=$!
sleep 8
java "${jvm[@]}" -cp "$home/jars/*" org.apache.spark.deploy.worker.Worker spark://127.0.0.1:7077 --host 127.0.0.1 \
    --cores 2 --memory 6g --work-dir "$out/work" --webui-port 8090 >"$out/worker.log" 2>&1 &
worker=$!
trap 'kill $worker $master 2>/dev/null || true' EXIT
sleep 8

# a tabular grid (16 features, 4 long-tailed classes, 40,000 rows): ce and absgd sharing stage 1
python3 - "$out" <<'PY'
import random, sys
random.seed(3)
share = [0] * 6 + [1, 1, 2, 3]
for name, rows in (("train.csv", 40000), ("test.csv", 4000)):
    with open(f"{sys.argv[1]}/{name}", "w") as f:
        f.write(",".join(f"x{i}" for i in range(16)) + ",label\n")
        for i in range(rows):
            c = share[i % 10]
            f.write(",".join(f"{random.gauss(c * 0.3 if j % 4 == c else 0, 1):.3f}" for j in range(16)) + f",{c}\n")
PY
grid=(compare --methods ce,ce-drw,absgd,absgd-drw --seeds 0 --dataset csv --train-file "$out/train.csv"
      --test-file "$out/test.csv" --model mlp --hidden 256,256 --epochs "$epochs" --batch-size 64 --warmup-epochs 0
      --stage2-epoch $((epochs / 2)) --lr-milestones $((epochs * 3 / 4)))
start=$(date +%s)
"$root/bin/absgd" "${grid[@]}" --out "$out/cluster" --spark spark://127.0.0.1:7077 >"$out/cluster.log" 2>&1 &
driver=$!
sleep "$kill_after"
executor=$(pgrep -f CoarseGrainedExecutorBackend | head -1 || true)
if [[ -n "$executor" ]]; then
  kill -9 "$executor"
  echo "killed executor JVM pid $executor at $(( $(date +%s) - start )) s"
else
  echo "no executor to kill at ${kill_after} s" >&2
fi
wait "$driver"
echo "cluster grid finished in $(( $(date +%s) - start )) s"
"$root/bin/absgd" "${grid[@]}" --out "$out/local" --jobs 2 --threads 1 >"$out/local.log" 2>&1
python3 - "$out" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
timing = {"images_per_s", "train_seconds", "eval_seconds"}
same = True
for metrics in sorted((out / "local").glob("*/seed0/metrics.jsonl")):
    run = metrics.parent.relative_to(out / "local")
    a = [{k: v for k, v in json.loads(l).items() if k not in timing} for l in open(metrics)]
    b = [{k: v for k, v in json.loads(l).items() if k not in timing} for l in open(out / "cluster" / run / "metrics.jsonl")]
    print(f"{run}: {len(a)} epochs, final balanced acc local {a[-1]['balanced_acc']:.6f}, cluster {b[-1]['balanced_acc']:.6f}, "
          + ("identical" if a == b else "DIFFERENT"))
    same &= a == b
print("every run identical to the local one" if same else "runs DIFFER")
PY
echo "executor logs: $out/work/app-*/*/stderr; lost tasks:"
grep -h "Lost task\|Lost executor\|ExecutorLostFailure" "$out/cluster.log" | cut -c1-200 || true

#!/usr/bin/env bash
# fp32 against bf16, layer by layer (issue 13, item 4): builds the project once for its class path,
# writes the TorchScript kernels, runs LayerSpeed.java on 2 threads with bin/absgd's environment.
# Usage: bash scripts/bf16/run.sh [timed iterations per side, default 15]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
mvn -B -o -q -DskipTests -Dcheckstyle.skip package
work="$root/target/bf16"
mkdir -p "$work/model" "$work/classes"
python3 scripts/bf16/make_kernels.py "$work/model/kernels.pt"
cp="absgd-cli/target/lib/*"
javac -nowarn -d "$work/classes" -cp "$cp" scripts/bf16/LayerSpeed.java
export DJL_CACHE_DIR="${DJL_CACHE_DIR:-/work/main/.cache/djl}"
export TORCH_CPP_LOG_LEVEL=ERROR
export MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=1073741824 OMP_WAIT_POLICY=PASSIVE
export OMP_NUM_THREADS=2
lscpu | grep -E 'Model name|^CPU\(s\)' | sed 's/  */ /g'
echo "bf16-capable ISA flags: $(grep -o -w -E 'amx_bf16|amx_tile|avx512_bf16|avx512f' /proc/cpuinfo | sort -u | tr '\n' ' ')"
exec java -Xmx8g -Dai.djl.offline=true -cp "$work/classes:$cp" LayerSpeed "$work/model" "${1:-15}" 2

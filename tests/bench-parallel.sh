#!/usr/bin/env bash
# Throughput: RUNS hello-world Python runs through sbx, fanned out with
# xargs -P for each parallelism in PARALLEL, on the engine the environment
# chooses (DOCKER_HOST, docker context; --engine via SBX_ENGINE).
# Prints runs/s per parallelism: RUNS / wall time of the whole batch.
#   tests/bench-parallel.sh            RUNS=32 PARALLEL="1 2 4 8"
set -euo pipefail
cd "$(dirname "$0")/.."
SBX=${SBX:-$PWD/sbx}
RUNS=${RUNS:-32}
PARALLEL=${PARALLEL:-1 2 4 8}
export SBX

one() { [ "$(echo 'print(6*7)' | "$SBX" python)" = 42 ]; }
export -f one

one || { echo "bench-parallel: sbx does not run; 'sbx --doctor' says why" >&2; exit 1; }
printf 'engine %s, %d runs per row\n' "${SBX_ENGINE:-docker}" "$RUNS"
for p in $PARALLEL; do
	start=$(date +%s%N)
	seq "$RUNS" | xargs -P "$p" -I{} bash -c one
	ns=$(($(date +%s%N) - start))
	awk -v p="$p" -v n="$RUNS" -v ns="$ns" \
	    'BEGIN { printf "  -P%-2d %5.2f runs/s  (%.1f s)\n", p, n / (ns / 1e9), ns / 1e9 }'
done

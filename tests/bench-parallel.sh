#!/usr/bin/env bash
# make bench-parallel: throughput of `echo 'print(1)' | sbx python`, in runs
# per second, with 1, 2, 4 and 8 runs at a time (xargs -P), RUNS (32) runs
# per level, against SBX_ENGINE (docker) or each engine named in ENGINES
# ("docker podman"). Every run must print 1 and exit 0, or the level fails.
set -euo pipefail
cd "$(dirname "$0")/.."
SBX=${SBX:-$PWD/sbx}
RUNS=${RUNS:-32}
LEVELS=${LEVELS:-1 2 4 8}
ENGINES=${ENGINES:-${SBX_ENGINE:-docker}}
export SBX

ms() { date +%s%3N; }

# One run; a wrong answer is reported and fails xargs.
one_run() {
	local out
	out=$(echo 'print(1)' | "$SBX" python 2>&1) && [ "$out" = 1 ] || {
		echo "run $1 printed: $out" >&2
		return 1
	}
}
export -f one_run

printf 'echo print(1) | sbx python, %d runs per level, %s cores\n' "$RUNS" "$(nproc)"
printf '%-8s %4s %9s %8s %10s\n' engine -P seconds runs/s "ms/run"
for engine in $ENGINES; do
	export SBX_ENGINE=$engine
	echo 'print(1)' | "$SBX" python >/dev/null	# warm the caches
	for p in $LEVELS; do
		t0=$(ms)
		seq 1 "$RUNS" | xargs -P "$p" -I{} bash -c 'one_run {}'
		t1=$(ms)
		awk -v e="$engine" -v p="$p" -v n="$RUNS" -v ms=$((t1 - t0)) \
		    'BEGIN { printf "%-8s %4d %9.2f %8.2f %10.0f\n", e, p, ms / 1000, n * 1000 / ms, ms / n }'
	done
done

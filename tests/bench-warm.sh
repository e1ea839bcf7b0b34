#!/usr/bin/env bash
# make bench-warm: hello-world Python, interleaved, RUNS times each (30):
# bare "docker run --rm -i" with sbx's own flags (cold), sbx cold, and
# sbx --warm 2 (a run claims a pre-started container; the refill happens
# while the other two run). Prints p50 and p95 of each and the ratios to
# bare cold p50; then runs per second at -P4, warm against cold.
# SBX_ENGINE=podman measures podman. Figures only; nothing is asserted.
set -euo pipefail
cd "$(dirname "$0")/.."
SBX=${SBX:-./sbx}
RUNS=${RUNS:-30}
PAR_RUNS=${PAR_RUNS:-24}
engine=${SBX_ENGINE:-docker}
code='print(6*7)'
tmp=$(mktemp -d)
# Idle pool containers would end after their TTL; these end now.
trap 'rm -rf "$tmp"; $engine ps -q --filter label=sbx.warm --filter "name=^/?sbx-warm-" | xargs -r $engine rm --force >/dev/null' EXIT

ms() { date +%s%N | cut -c1-13; }
# pct P: the P-th percentile (nearest rank) of the numbers on stdin.
pct() { sort -n | awk -v p="$1" '{a[NR]=$1} END {r=int((p*NR+99)/100); if (r<1) r=1; print a[r]}'; }

bare=$(printf '%s\n' "$code" | "$SBX" --dry-run python)
bare=${bare/#$engine run --interactive /$engine run --rm --interactive }
# Not labelled as sbx's: a --gc meanwhile would count it as left behind.
bare=$(sed 's/--label=sbx --label=sbx.owner=[^ ]* /--label=sbx-bench /' <<<"$bare")

# What sbx writes to the container's stdin (BOOT's header, then the code),
# caught by a stand-in engine, is what the bare run gets on its stdin.
mkdir "$tmp/fake"
printf '#!/bin/sh\n[ "$1" = run ] && cat >"%s/stdin"\nexit 0\n' "$tmp" >"$tmp/fake/$engine"
chmod +x "$tmp/fake/$engine"
printf '%s\n' "$code" | "$SBX" --engine "$tmp/fake/$engine" python >/dev/null 2>&1 || true
[ -s "$tmp/stdin" ] || { echo "could not catch the bootstrap's input" >&2; exit 1; }

check() { [ "$2" = 42 ] || { echo "$1 printed '$2'" >&2; exit 1; }; }

printf '%s\n' "$code" | "$SBX" python >/dev/null	# warm the caches
printf '%s\n' "$code" | "$SBX" --warm 2 python >/dev/null	# fill the pool
sleep 3
for ((i = 0; i < RUNS; i++)); do
	name="sbx-bench-$$-$i"
	t0=$(ms)
	out=$(bash -c "$(sed "s/--name=sbx-[0-9a-f]* /--name=$name /" <<<"$bare")" <"$tmp/stdin")
	t1=$(ms)
	check "$engine run" "$out"
	echo $((t1 - t0)) >>"$tmp/bare"

	t0=$(ms)
	out=$(printf '%s\n' "$code" | "$SBX" python)
	t1=$(ms)
	check "sbx" "$out"
	echo $((t1 - t0)) >>"$tmp/cold"

	t0=$(ms)
	out=$(printf '%s\n' "$code" | "$SBX" --warm 2 python)
	t1=$(ms)
	check "sbx --warm 2" "$out"
	echo $((t1 - t0)) >>"$tmp/warm"
done

b50=$(pct 50 <"$tmp/bare")
printf 'hello-world python, %s, %d runs each, interleaved\n' "$engine" "$RUNS"
printf '  %-26s %8s %8s %12s %12s\n' "" "p50 ms" "p95 ms" "p50/bare50" "p95/bare50"
for series in bare cold warm; do
	case $series in
	bare) label="bare $engine run --rm -i" ;;
	cold) label="sbx (cold)" ;;
	warm) label="sbx --warm 2" ;;
	esac
	p50=$(pct 50 <"$tmp/$series")
	p95=$(pct 95 <"$tmp/$series")
	awk -v l="$label" -v a="$p50" -v b="$p95" -v c="$b50" \
	    'BEGIN { printf "  %-26s %8d %8d %12.3f %12.3f\n", l, a, b, a / c, b / c }'
done

# Throughput at -P4: PAR_RUNS runs through xargs, cold, then warm (--warm 4).
par() {
	local t0 t1
	t0=$(ms)
	seq 1 "$PAR_RUNS" | xargs -P4 -I{} sh -c 'printf "print(6*7)\n" | "$0" "$@" python >/dev/null' "$SBX" "$@"
	t1=$(ms)
	awk -v n="$PAR_RUNS" -v t=$((t1 - t0)) 'BEGIN { printf "%.2f", n * 1000 / t }'
}
# busy: the machine's busy CPU time so far, in clock ticks (all cores).
busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
# cpu_per_run BEFORE: the machine's CPU time per run since BEFORE, in ms,
# read once the refills behind the runs are done (3 s later).
cpu_per_run() {
	sleep 3
	awk -v a="$1" -v b="$(busy)" -v hz="$(getconf CLK_TCK)" -v n="$PAR_RUNS" \
	    'BEGIN { printf "%.0f", (b - a) * 1000 / hz / n }'
}
printf '%s\n' "$code" | "$SBX" --warm 4 python >/dev/null
sleep 3
b0=$(busy)
cold=$(par)
cold_cpu=$(cpu_per_run "$b0")
b0=$(busy)
warm=$(par --warm 4)
warm_cpu=$(cpu_per_run "$b0")
printf '  -P4, %d runs: cold %s runs/s, --warm 4 %s runs/s, ratio %s\n' "$PAR_RUNS" \
    "$cold" "$warm" "$(awk -v w="$warm" -v c="$cold" 'BEGIN { printf "%.2f", w / c }')"
# On a machine whose cores the engine saturates, runs per second follow
# the CPU each run costs, the refill's container included.
printf '  machine CPU per run (engine, CLIs and sbx; 3 s settle included): cold %s ms, --warm 4 %s ms\n' \
    "$cold_cpu" "$warm_cpu"

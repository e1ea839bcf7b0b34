#!/usr/bin/env bash
# make bench: hello-world Python through sbx against bare "docker run --rm -i"
# (or "podman run --rm -i" with SBX_ENGINE=podman)
# with the same flags, image, bootstrap and stdin, in one interleaved run so
# machine noise hits both alike. Prints the medians and their ratio.
set -euo pipefail
cd "$(dirname "$0")/.."
SBX=${SBX:-./sbx}
RUNS=${RUNS:-21}
code='print(6*7)'

# The bare command: sbx's own argv, with --rm instead of sbx's inspect+rm.
bare=$(printf '%s\n' "$code" | "$SBX" --dry-run python)
engine=${SBX_ENGINE:-docker}
bare=${bare/#$engine run --interactive /$engine run --rm --interactive }

ms() { date +%s%N | cut -c1-13; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

: >/tmp/sbx-bench.sbx
: >/tmp/sbx-bench.bare
printf '%s\n' "$code" | "$SBX" python >/dev/null	# warm the caches
for ((i = 0; i < RUNS; i++)); do
	t0=$(ms)
	out=$(printf '%s\n' "$code" | "$SBX" python)
	t1=$(ms)
	[ "$out" = 42 ] || { echo "sbx printed '$out'" >&2; exit 1; }
	echo $((t1 - t0)) >>/tmp/sbx-bench.sbx

	name="sbx-bench-$$-$i"
	t0=$(ms)
	out=$(printf '%s\n' "$code" | bash -c "$(sed "s/--name=sbx-[0-9a-f]* /--name=$name /" <<<"$bare")")
	t1=$(ms)
	[ "$out" = 42 ] || { echo "$engine run printed '$out'" >&2; exit 1; }
	echo $((t1 - t0)) >>/tmp/sbx-bench.bare
done
s=$(median </tmp/sbx-bench.sbx)
b=$(median </tmp/sbx-bench.bare)
printf 'hello-world python, %d runs each, interleaved\n' "$RUNS"
printf '  bare %-6s run --rm -i  median %6.0f ms\n' "$engine" "$b"
printf '  sbx                      median %6.0f ms\n' "$s"
awk -v s="$s" -v b="$b" 'BEGIN { printf "  ratio sbx / bare         %.3f\n", s / b }'

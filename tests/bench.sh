#!/usr/bin/env bash
# make bench: hello-world Python through sbx against bare "docker run --rm -i"
# (or "podman run --rm -i" with SBX_ENGINE=podman) with the same flags,
# image, bootstrap and stdin, in one interleaved run so machine noise hits
# both alike. Prints the medians and their ratio, for the engine's default
# runtime and, with docker, for runsc (gVisor) when it is registered.
set -euo pipefail
cd "$(dirname "$0")/.."
SBX=${SBX:-./sbx}
RUNS=${RUNS:-21}
engine=${SBX_ENGINE:-docker}
code='print(6*7)'

ms() { date +%s%N | cut -c1-13; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

# bench LABEL [SBX OPTION...]
bench() {
	local label=$1 bare i t0 t1 out name s b
	shift
	# The bare command: sbx's own argv, with --rm instead of sbx's inspect+rm.
	bare=$(printf '%s\n' "$code" | "$SBX" "$@" --dry-run python)
	bare=${bare/#$engine run --interactive /$engine run --rm --interactive }
	# Labelled as sbx's with a dead owner, it would be fair game for an
	# `sbx --gc` running meanwhile.
	bare=$(sed 's/--label=sbx --label=sbx.owner=[^ ]* /--label=sbx-bench /' <<<"$bare")
	: >/tmp/sbx-bench.sbx
	: >/tmp/sbx-bench.bare
	printf '%s\n' "$code" | "$SBX" "$@" python >/dev/null	# warm the caches
	for ((i = 0; i < RUNS; i++)); do
		t0=$(ms)
		out=$(printf '%s\n' "$code" | "$SBX" "$@" python)
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
	printf 'hello-world python, %s, %s, %d runs each, interleaved\n' "$engine" "$label" "$RUNS"
	printf '  bare %s run --rm -i  median %6.0f ms\n' "$engine" "$b"
	printf '  sbx                      median %6.0f ms\n' "$s"
	awk -v s="$s" -v b="$b" 'BEGIN { printf "  ratio sbx / bare         %.3f\n", s / b }'
}

bench "default runtime"
if [ "$engine" = docker ]; then
	if docker info --format '{{json .Runtimes}}' 2>/dev/null | grep -q '"runsc"'; then
		bench "runsc (gVisor)" --runtime runsc
	else
		echo "runsc is not registered with the engine: not measured (apt-get install runsc && make setup)"
	fi
fi

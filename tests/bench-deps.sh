#!/usr/bin/env bash
# make bench-deps: what a --deps run costs once its image exists. A
# package.json naming ms is built once (with network, from the registry),
# then RUNS (15) interleaved pairs: plain "sbx node" printing 1m, and
# "sbx --deps package.json node" printing require("ms")(60000). Each deps
# run must say "reused" (no build). Prints medians and their ratio; the
# issue's target is 1.2 or less. SBX_ENGINE=podman measures podman.
set -euo pipefail
cd "$(dirname "$0")/.."
SBX=$(realpath "${SBX:-./sbx}")
RUNS=${RUNS:-15}
engine=${SBX_ENGINE:-docker}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
# Fixed content: a later bench reuses the image this one built.
printf '{ "name": "sbx-bench-deps", "version": "1.0.0", "private": true,\n  "dependencies": { "ms": "2.1.3" } }\n' >package.json

ms() { date +%s%N | cut -c1-13; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo 'console.log(require("ms")(60000))' | "$SBX" --deps package.json node >/dev/null
echo 'console.log("1m")' | "$SBX" node >/dev/null	# warm the caches
for ((i = 0; i < RUNS; i++)); do
	t0=$(ms)
	out=$(echo 'console.log("1m")' | "$SBX" node)
	t1=$(ms)
	[ "$out" = 1m ] || { echo "sbx node printed '$out'" >&2; exit 1; }
	echo $((t1 - t0)) >>plain

	t0=$(ms)
	out=$(echo 'console.log(require("ms")(60000))' | "$SBX" --deps package.json node 2>err)
	t1=$(ms)
	[ "$out" = 1m ] || { echo "sbx --deps printed '$out': $(cat err)" >&2; exit 1; }
	grep -q '^sbx: deps: reused ' err || { echo "not reused: $(cat err)" >&2; exit 1; }
	echo $((t1 - t0)) >>deps
done
p=$(median <plain)
d=$(median <deps)
printf 'node hello world, %s, %d runs each, interleaved, medians\n' "$engine" "$RUNS"
printf '  sbx node                          %6d ms\n' "$p"
printf '  sbx --deps package.json node      %6d ms   ratio %s (target <= 1.2)\n' "$d" \
    "$(awk -v a="$d" -v b="$p" 'BEGIN { printf "%.2f", a / b }')"

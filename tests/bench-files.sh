#!/usr/bin/env bash
# make bench-files: what -C and -o add to a hello world. Three ways, run
# interleaved RUNS times (15) so machine noise hits all alike: plain; with
# a 10 MB, 1,000-file workspace; with 10 MB of result files brought back
# (100 files of 100 kB). Prints the medians and what each adds.
set -euo pipefail
cd "$(dirname "$0")/.."
SBX=$(cd "$(dirname "${SBX:-./sbx}")" && pwd)/$(basename "${SBX:-./sbx}")
RUNS=${RUNS:-15}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

ms() { date +%s%N | cut -c1-13; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

mkdir -p "$dir/ws"
for ((i = 0; i < 1000; i++)); do
	mkdir -p "$dir/ws/d$((i / 100))"
	head -c 10000 /dev/urandom >"$dir/ws/d$((i / 100))/f$i"
done
printf 'print(6*7)\n' >"$dir/ws/hello.py"
out_code='import os
o = os.environ["SBX_OUT"]
b = os.urandom(100000)
for i in range(100):
    open("%s/r%03d" % (o, i), "wb").write(b)
print(6*7)'

one() {	# LABEL, then the sbx arguments; code on stdin
	local t0 t1 out
	t0=$(ms)
	out=$("$SBX" "${@:2}")
	t1=$(ms)
	[ "$out" = 42 ] || { echo "$1: sbx printed '$out'" >&2; exit 1; }
	echo $((t1 - t0)) >>"$dir/t.$1"
}

cd "$dir"
"$SBX" python - <<<'print(6*7)' >/dev/null	# warm the caches
for ((i = 0; i < RUNS; i++)); do
	one plain python - <<<'print(6*7)'
	one workspace -C ws python hello.py </dev/null
	rm -rf out
	one out -o out python - <<<"$out_code"
done
p=$(median <"$dir/t.plain")
w=$(median <"$dir/t.workspace")
o=$(median <"$dir/t.out")
printf 'hello world, median of %d interleaved runs:\n' "$RUNS"
printf '  plain                                 %6s ms\n' "$p"
printf '  -C, 10 MB in 1,000 files              %6s ms  (+%s ms)\n' "$w" "$(awk "BEGIN {print $w - $p}")"
printf '  -o, 10 MB in 100 result files         %6s ms  (+%s ms)\n' "$o" "$(awk "BEGIN {print $o - $p}")"

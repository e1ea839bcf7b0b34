#!/bin/sh
# Scan speed of sbx --check: ~10 MB of real Python (the host's standard
# library, concatenated until big enough), best of several runs, in MB/s;
# then hostile input: 100,000 distinct names each holding a value a rule
# cares about (tests/adversarial.sh -n), one line per shape.
# Usage: tests/bench-validate.sh [SIZE_MB]; SBX selects the binary.
# The target is 100 MB/s on the standard library; below it a warning goes
# to stderr, and the status stays 0 so a loaded machine does not fail a
# build.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
SBX=${SBX:-$here/../sbx}
size_mb=${1:-10}
runs=5
target=100

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
src=$tmp/stdlib.py

stdlib=
for d in /usr/lib/python3*/; do
	if [ -d "$d" ]; then
		stdlib=$d
		break
	fi
done
if [ -z "$stdlib" ]; then
	echo "bench-validate: no /usr/lib/python3*/ to build the input from" >&2
	exit 1
fi
find "$stdlib" \( -name test -o -name tests -o -name idle_test \) -prune -o \
    -name '*.py' -print | LC_ALL=C sort >"$tmp/files"
want=$((size_mb * 1024 * 1024))
: >"$src"
while [ "$(wc -c <"$src")" -lt "$want" ]; do
	xargs cat <"$tmp/files" >>"$src"
done
head -c "$want" "$src" >"$tmp/input.py"
bytes=$(wc -c <"$tmp/input.py")

now_ns() {
	date +%s%N
}

# best_ns LANG FILE: the best wall time of $runs checks, in nanoseconds.
best_ns() {
	best=
	i=0
	while [ "$i" -lt "$runs" ]; do
		t0=$(now_ns)
		status=0
		"$SBX" --check "$1" "$2" >/dev/null || status=$?
		t1=$(now_ns)
		if [ "$status" -gt 1 ]; then
			echo "bench-validate: $SBX --check $1 $2 exited $status" >&2
			exit 1
		fi
		ns=$((t1 - t0))
		if [ -z "$best" ] || [ "$ns" -lt "$best" ]; then
			best=$ns
		fi
		i=$((i + 1))
	done
	echo "$best"
}

best=$(best_ns python "$tmp/input.py")
awk -v b="$bytes" -v ns="$best" -v target="$target" 'BEGIN {
	mb = b / 1048576; s = ns / 1e9; rate = mb / s
	printf "validate: %.1f MB of Python in %.3f s: %.1f MB/s (best of 5)\n", mb, s, rate
	if (rate < target)
		printf "validate: below the %d MB/s target\n", target > "/dev/stderr"
}'
for shape in py-str py-alias js-str js-argv; do
	lang=$("$here/adversarial.sh" -e "$shape" | cut -d ' ' -f 1)
	"$here/adversarial.sh" -n "$shape" 100000 >"$tmp/$shape"
	best=$(best_ns "$lang" "$tmp/$shape")
	awk -v b="$(wc -c <"$tmp/$shape")" -v ns="$best" -v shape="$shape" 'BEGIN {
		mb = b / 1048576; s = ns / 1e9
		printf "validate: 100,000 names (%s, %.1f MB) in %.3f s: %.1f MB/s\n", shape, mb, s, mb / s
	}'
done

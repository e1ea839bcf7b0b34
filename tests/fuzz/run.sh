#!/bin/sh
# Run each fuzz target for SECONDS from its checked-in seeds:
#   tests/fuzz/run.sh SECONDS TARGET...
# New inputs go to build/fuzz/work/TARGET (the checked-in corpus is only
# read); a crash, a broken invariant or an input slower than 2 s leaves
# the input in build/fuzz/crashes/TARGET/ and fails the target. Every
# target runs; the exit status is 1 if any failed.
set -u
seconds=$1
shift
root=$(cd "$(dirname "$0")/../.." && pwd)
failed=
for t in "$@"; do
	work=$root/build/fuzz/work/$t
	crashes=$root/build/fuzz/crashes/$t
	log=$root/build/fuzz/$t.log
	mkdir -p "$work" "$crashes"
	seeds=
	if [ "$t" = validate ]; then
		# The validator's own test corpus, as Python ('p') and JS ('j').
		seeds=$root/build/fuzz/seeds/validate
		mkdir -p "$seeds"
		for f in "$root"/tests/corpus/*/*.py "$root"/tests/corpus/*/*.js; do
			[ -f "$f" ] || continue
			case $f in *.py) k=p ;; *) k=j ;; esac
			{ printf %s "$k"; cat "$f"; } >"$seeds/${f##*/}"
		done
	fi
	# -max_len: the validator's slow cases need room to be slow.
	case $t in
	validate) max_len=32768 ;;
	*) max_len=8192 ;;
	esac
	start=$(date +%s)
	"$root/build/fuzz/$t" -max_total_time="$seconds" -timeout=2 \
	    -max_len="$max_len" -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix="$crashes/" "$work" "$root/tests/fuzz/corpus/$t" $seeds \
	    >"$log" 2>&1
	status=$?
	took=$(( $(date +%s) - start ))
	last=$(grep -E '^#[0-9]+' "$log" | tail -n 1)
	if [ "$status" -eq 0 ]; then
		echo "fuzz $t: ok in ${took}s: $last"
	else
		echo "fuzz $t: FAILED (status $status) in ${took}s; log $log, input in $crashes/:"
		grep -E 'ERROR|invariant|Sanitizer|runtime error|timeout|die\(\)' "$log" | head -n 5
		failed="$failed $t"
	fi
done
if [ -n "$failed" ]; then
	echo "fuzz: failed:$failed"
	exit 1
fi

#!/bin/sh
# False positives of sbx --check on real code: every .py under
# /usr/lib/python3* (test folders included) and every .js, .mjs and .cjs
# under the node_modules folders of this machine (/usr/lib/node_modules,
# /usr/local/lib/node_modules, /usr/share/nodejs, ~/.npm, or the
# folders given as arguments). Prints each finding, then the number of
# files, of flagged files and their share. The target is at most 0.1%;
# above it a warning goes to stderr and the status is 1.
# Usage: tests/sweep-validate.sh [DIR...]; SBX selects the binary.
set -u

here=$(cd "$(dirname "$0")" && pwd)
SBX=${SBX:-$here/../sbx}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

if [ $# -gt 0 ]; then
	js_dirs="$*"
else
	js_dirs=
	for d in /usr/lib/node_modules /usr/local/lib/node_modules \
	    /usr/share/nodejs "$HOME/.npm"; do
		[ -d "$d" ] && js_dirs="$js_dirs $d"
	done
fi
for d in /usr/lib/python3*/; do
	[ -d "$d" ] && find "$d" -type f -name '*.py' | sed 's/^/python /'
done >"$tmp/list"
# shellcheck disable=SC2086 # the folders are words
[ -z "$js_dirs" ] || find $js_dirs -type f \( -name '*.js' -o -name '*.mjs' \
    -o -name '*.cjs' \) | sed 's/^/node /' >>"$tmp/list"

files=0
flagged=0
while read -r lang file; do
	files=$((files + 1))
	status=0
	"$SBX" --check "$lang" "$file" >"$tmp/out" 2>&1 || status=$?
	case $status in
	0) ;;
	1)
		flagged=$((flagged + 1))
		cat "$tmp/out"
		;;
	*)
		echo "sweep-validate: $SBX --check $lang $file exited $status:" >&2
		cat "$tmp/out" >&2
		exit 1
		;;
	esac
done <"$tmp/list"

awk -v files="$files" -v flagged="$flagged" 'BEGIN {
	rate = files ? 100 * flagged / files : 0
	printf "sweep-validate: %d files, %d flagged, %.3f%%\n", files, flagged, rate
	if (files == 0) {
		print "sweep-validate: no files found" > "/dev/stderr"
		exit 1
	}
	if (rate > 0.1) {
		print "sweep-validate: above the 0.1% target" > "/dev/stderr"
		exit 1
	}
}'

#!/usr/bin/env bats
# Many sbx at once against the real engine: each run keeps its own output.

# bats file_tags=engine

load engine_helper

@test "twelve sbx runs through xargs -P8 each print their own correct answer" {
	printf 'import sys\nn = int(sys.argv[1])\nprint("python %%d squared is %%d" %% (n, n * n), sys.stdin.read().strip())\n' >square.py
	printf 'const n = Number(process.argv[2]);\nlet d = "";\nprocess.stdin.on("data", (c) => { d += c; }).on("end", () => console.log(`node ${n} squared is ${n * n}`, d.trim()));\n' >square.js
	# Odd jobs run python, even ones node; each reads its own stdin too.
	# sbx as each job starts it: the pid, which exec hands on to sbx, is
	# recorded for the teardown.
	printf '#!/bin/sh\necho $$ >>"%s"\nexec "$SBX" "$@"\n' "$(sbx_pids_file)" >sbx-recorded
	chmod +x sbx-recorded
	run -0 --separate-stderr xargs -P8 -I{} sh -c '
		n=$1
		if [ $((n % 2)) -eq 1 ]; then lang=python; else lang=node; fi
		echo "stdin of $n" | ./sbx-recorded "$lang" "square.$( [ $lang = python ] && echo py || echo js)" -- "$n" \
		    >"out.$n" 2>"err.$n"
	' sh {} < <(seq 1 12)
	[ -z "$output" ]
	[ -z "$stderr" ]
	[ "$(wc -l <"$(sbx_pids_file)")" -eq 12 ]
	local n lang
	for n in $(seq 1 12); do
		if [ $((n % 2)) -eq 1 ]; then lang=python; else lang=node; fi
		[ "$(cat "out.$n")" = "$lang $n squared is $((n * n)) stdin of $n" ] ||
		    flunk "job $n printed: $(cat "out.$n")"
		[ ! -s "err.$n" ] || flunk "job $n wrote to stderr: $(cat "err.$n")"
	done
}

#!/usr/bin/env bats
# The same contract for every built-in language, against the real engine:
# hello world, exit status, arguments after --, the program's stdin streamed
# and its stdout binary-exact, stderr apart, timeout 124, out of memory
# 137, nothing left behind (teardown). SBX_TEST_LANGS picks a subset.

# bats file_tags=engine

load engine_helper

LANGS=${SBX_TEST_LANGS:-python python-data node typescript sh bash ruby perl c cpp}

setup_file() {
	require_engine
	local lang image
	for lang in $LANGS; do
		image=$("$SBX" --languages | awk -v l="$lang" '$1 == l { print $2 }')
		engine image inspect "$image" >/dev/null 2>&1 ||
		    flunk "image $image of $lang is missing: run 'make images LANGS=$lang'" || return
	done
}

# The program for LANG that does WHAT, written to the file prog.EXT;
# prints that file's name.
#   hello    prints "hello, LANG"
#   exit3    exits with status 3
#   args     prints each argument on its own line
#   cat      copies stdin to stdout, byte for byte
#   stderr   prints "out" on stdout, then "err" on stderr
#   spin     never ends
#   hog      allocates and touches memory until killed
program() {
	local lang=$1 what=$2 ext code
	case $lang in
	python|python-data) ext=py
		case $what in
		hello) code="print('hello, $lang')" ;;
		exit3) code='import sys; sys.exit(3)' ;;
		args) code=$'import sys\nfor a in sys.argv[1:]: print(a)' ;;
		cat) code=$'import sys, shutil\nshutil.copyfileobj(sys.stdin.buffer, sys.stdout.buffer)' ;;
		stderr) code=$'import sys\nprint("out", flush=True)\nprint("err", file=sys.stderr)' ;;
		spin) code='while True: pass' ;;
		hog) code=$'b = []\nwhile True: b.append(bytearray(1 << 20))' ;;
		esac ;;
	node|typescript)
		[ "$lang" = node ] && ext=js || ext=ts
		case $what in
		hello) code="console.log('hello, $lang')" ;;
		exit3) code='process.exit(3)' ;;
		args) code="for (const a of process.argv.slice(2)) console.log(a)" ;;
		cat) code="process.stdin.pipe(process.stdout)" ;;
		stderr) code=$'console.log("out")\nconsole.error("err")' ;;
		spin) code='for (;;) {}' ;;
		hog) code=$'const b: Buffer[] = []\nfor (;;) b.push(Buffer.alloc(1 << 20, 1))'
			[ "$lang" = node ] && code=${code/: Buffer\[\]/} ;;
		esac ;;
	sh|bash) ext=sh
		case $what in
		hello) code="echo 'hello, $lang'" ;;
		exit3) code='exit 3' ;;
		args) code='for a in "$@"; do printf "%s\n" "$a"; done' ;;
		cat) code='exec cat' ;;
		stderr) code=$'echo out\necho err >&2' ;;
		spin) code='while :; do :; done' ;;
		hog) code='x=a; while :; do x="$x$x"; done' ;;
		esac ;;
	ruby) ext=rb
		case $what in
		hello) code="puts 'hello, ruby'" ;;
		exit3) code='exit 3' ;;
		args) code='ARGV.each { |a| puts a }' ;;
		cat) code=$'$stdout.binmode\n$stdin.binmode\nIO.copy_stream($stdin, $stdout)' ;;
		stderr) code=$'$stdout.puts "out"\n$stdout.flush\n$stderr.puts "err"' ;;
		spin) code='loop {}' ;;
		hog) code=$'b = []\nloop { b << ("x" * (1 << 20)) }' ;;
		esac ;;
	perl) ext=pl
		case $what in
		hello) code="print \"hello, perl\\n\";" ;;
		exit3) code='exit 3;' ;;
		args) code='print "$_\n" for @ARGV;' ;;
		cat) code=$'binmode STDIN; binmode STDOUT;\nprint while <STDIN>;' ;;
		stderr) code=$'$| = 1; print "out\\n";\nprint STDERR "err\\n";' ;;
		spin) code='1 while 1;' ;;
		hog) code='my @b; push @b, "x" x (1 << 20) while 1;' ;;
		esac ;;
	c|cpp)
		[ "$lang" = c ] && ext=c || ext=cpp
		local inc='#include <stdio.h>
#include <stdlib.h>
#include <string.h>'
		case $what in
		hello) code="$inc
int main(void) { puts(\"hello, $lang\"); return 0; }" ;;
		exit3) code="$inc
int main(void) { return 3; }" ;;
		args) code="$inc
int main(int argc, char **argv) { for (int i = 1; i < argc; i++) puts(argv[i]); return 0; }" ;;
		cat) code="$inc
int main(void) { char b[4096]; size_t n; while ((n = fread(b, 1, sizeof b, stdin)) > 0) fwrite(b, 1, n, stdout); return 0; }" ;;
		stderr) code="$inc
int main(void) { puts(\"out\"); fflush(stdout); fputs(\"err\\n\", stderr); return 0; }" ;;
		spin) code="int main(void) { for (volatile int i = 0;; i++) ; }" ;;
		hog) code="$inc
int main(void) { for (;;) { char *p = (char *)malloc(1 << 20); if (p) memset(p, 1, 1 << 20); } }" ;;
		esac ;;
	*) flunk "no programs for $lang"; return 1 ;;
	esac
	printf '%s\n' "$code" >"prog.$ext"
	echo "prog.$ext"
}

# The every-language tests run all languages at once: each_language starts
# one background job per language, in a directory of its own named after
# it (program() writes there), where sbx_into leaves each run's results;
# once every job has ended, the test checks each language's results
# (result) and names every language that failed. The sbx helper records
# each run's pid in sbx_pids_file, so the teardown still checks that no
# run left a container.

# each_language FUNCTION: FUNCTION LANG for every language at once, each in
# the background in $BATS_TEST_TMPDIR/LANG (fd 3 closed, so that bats does
# not wait for it); returns when all have ended.
each_language() {
	local fn=$1 lang pid pids=()
	for lang in $LANGS; do
		mkdir "$BATS_TEST_TMPDIR/$lang"
		(cd "$BATS_TEST_TMPDIR/$lang" || exit; "$fn" "$lang") 3>&- &
		pids+=("$!")
	done
	for pid in "${pids[@]}"; do
		wait "$pid" || true
	done
}

# sbx_into NAME INPUT ARG...: sbx ARG... with stdin from INPUT; its stdout,
# stderr and exit status go to NAME.out, NAME.err and NAME.status.
sbx_into() {
	local name=$1 input=$2 rc=0
	shift 2
	sbx "$@" <"$input" >"$name.out" 2>"$name.err" || rc=$?
	echo "$rc" >"$name.status"
}

# result LANG NAME: the exit status, stdout and stderr of LANG's run NAME in
# $status, $output and $stderr, as run --separate-stderr sets them (trailing
# newlines dropped); a run that left no status (its job failed before it
# ended) has status "none".
result() {
	local dir=$BATS_TEST_TMPDIR/$1
	status=$(cat "$dir/$2.status" 2>/dev/null) || status=none
	output=$(cat "$dir/$2.out" 2>/dev/null) || true
	stderr=$(cat "$dir/$2.err" 2>/dev/null) || true
}

# no_failures MESSAGE...: fail with one line per failed language, if any.
no_failures() {
	[ $# -eq 0 ] || flunk "$(printf '%s\n' "$@")"
}

hello_job() {
	local f
	f=$(program "$1" hello)
	sbx_into file /dev/null "$1" "$f"
	sbx_into stdin "$f" "$1"
}

@test "every language: hello world from a file and from stdin" {
	local lang bad=()
	each_language hello_job
	for lang in $LANGS; do
		result "$lang" file
		[ "$status" = 0 ] && [ "$output" = "hello, $lang" ] ||
		    bad+=("$lang from its file: status $status, '$output' / $stderr")
		result "$lang" stdin
		[ "$status" = 0 ] && [ "$output" = "hello, $lang" ] ||
		    bad+=("$lang from stdin: status $status, '$output' / $stderr")
	done
	no_failures "${bad[@]}"
}

exit3_job() {
	local f
	f=$(program "$1" exit3)
	sbx_into run /dev/null "$1" "$f"
}

@test "every language: the program's exit status passes through" {
	local lang bad=()
	each_language exit3_job
	for lang in $LANGS; do
		result "$lang" run
		[ "$status" = 3 ] || bad+=("$lang: status $status, $stderr")
	done
	no_failures "${bad[@]}"
}

args_job() {
	local f
	f=$(program "$1" args)
	sbx_into run /dev/null "$1" "$f" -- 'a b' "it's" --flag '' '*'
}

@test "every language: arguments after -- arrive intact" {
	local lang bad=()
	each_language args_job
	for lang in $LANGS; do
		result "$lang" run
		[ "$status" = 0 ] && [ "$output" = "$(printf 'a b\nit'"'"'s\n--flag\n\n*')" ] ||
		    bad+=("$lang: status $status, '$output' / $stderr")
	done
	no_failures "${bad[@]}"
}

cat_job() {
	local f
	f=$(program "$1" cat)
	sbx_into run "$BATS_TEST_TMPDIR/input.bin" "$1" "$f"
}

@test "every language: stdin streams to the program and stdout comes back byte-exact" {
	local lang bad=()
	head -c 300000 /dev/urandom >input.bin
	each_language cat_job
	for lang in $LANGS; do
		result "$lang" run
		[ "$status" = 0 ] && cmp input.bin "$lang/run.out" ||
		    bad+=("$lang: status $status, stdout differs; stderr: $stderr")
	done
	no_failures "${bad[@]}"
}

stderr_job() {
	local f
	f=$(program "$1" stderr)
	sbx_into run /dev/null "$1" "$f"
}

@test "every language: stderr stays apart from stdout" {
	local lang bad=()
	each_language stderr_job
	for lang in $LANGS; do
		result "$lang" run
		[ "$status" = 0 ] && [ "$output" = out ] && [ "$stderr" = err ] ||
		    bad+=("$lang: status $status, stdout '$output', stderr '$stderr'")
	done
	no_failures "${bad[@]}"
}

spin_job() {
	local f
	f=$(program "$1" spin)
	sbx_into run /dev/null --timeout 2s "$1" "$f"
}

@test "every language: a program that never ends is killed at the deadline, 124" {
	local lang bad=()
	each_language spin_job
	for lang in $LANGS; do
		result "$lang" run
		[ "$status" = 124 ] || bad+=("$lang: status $status, $stderr")
	done
	no_failures "${bad[@]}"
}

hog_job() {
	local f
	f=$(program "$1" hog)
	sbx_into run /dev/null --memory 64m --timeout 60s "$1" "$f"
}

@test "every language: a program past its memory limit exits 137" {
	local lang bad=()
	each_language hog_job
	for lang in $LANGS; do
		result "$lang" run
		[ "$status" = 137 ] || bad+=("$lang: status $status, $stderr")
	done
	no_failures "${bad[@]}"
}

@test "node runs ES modules: .mjs, import in .js, top-level await, dynamic import; .cjs stays CommonJS" {
	printf 'import fs from "fs";\nconst x = await Promise.resolve(6 * 7);\nconsole.log(x, typeof fs.readFileSync);\n' >app.mjs
	run -0 --separate-stderr sbx node app.mjs </dev/null
	[ "$output" = "42 function" ] || flunk "$output / $stderr"
	printf 'const { sep } = await import("path");\nconsole.log(sep);\n' >dyn.js
	run -0 --separate-stderr sbx node dyn.js </dev/null
	[ "$output" = / ] || flunk "$output / $stderr"
	printf 'console.log(typeof require, typeof module);\n' >old.cjs
	run -0 --separate-stderr sbx node old.cjs </dev/null
	[ "$output" = "function object" ]
	run -0 --separate-stderr sbx node - <<<'console.log(process.version)'
	[[ "$output" =~ ^v(2[4-9]|[3-9][0-9])\. ]] || flunk "Node $output is older than 24"
}

@test "a workspace with type: module runs its ES modules with relative imports" {
	mkdir -p proj/lib
	printf '{ "type": "module" }\n' >proj/package.json
	printf 'export const greet = (n) => `hello ${n}`;\n' >proj/lib/greet.js
	printf 'import { greet } from "./lib/greet.js";\nconsole.log(greet("esm"));\n' >proj/app.js
	run -0 --separate-stderr sbx -C proj node proj/app.js </dev/null
	[ "$output" = "hello esm" ] || flunk "$output / $stderr"
}

@test "typescript runs with its types stripped; errors point at the caller's line" {
	printf 'const n: number = 41;\nfunction f(x: number): number { return x + 1 }\nconsole.log(f(n));\n' >app.ts
	run -0 --separate-stderr sbx ts app.ts </dev/null
	[ "$output" = 42 ] || flunk "$output / $stderr"
	printf 'const x: number = 1;\nthrow new Error("boom");\n' >bad.ts
	run -1 --separate-stderr sbx typescript bad.ts </dev/null
	[[ "$stderr" == *"at Object.<anonymous> (bad.ts:2:7)"* ]] || flunk "$stderr"
}

@test "a C syntax error names the caller's file:line:col, exits non-zero and runs nothing" {
	mkdir -p src
	printf '#include <stdio.h>\nint main(void) {\n  int x = ;\n  puts("ran");\n}\n' >src/hello.c
	run --separate-stderr sbx c src/hello.c </dev/null
	[ "$status" -ne 0 ] && [ "$status" -lt 124 ]
	[ -z "$output" ]
	[[ "$stderr" == *"src/hello.c:3:11: error: "* ]] || flunk "$stderr"
	printf '#include <iostream>\nint main() { std::cout << "c++ " << __cplusplus << "\\n"; }\n' >hello.cpp
	run -0 --separate-stderr sbx cpp hello.cpp </dev/null
	[[ "$output" == "c++ 2020"* ]] || flunk "$output / $stderr"
}

@test "a language added in ~/.config/sbx/languages runs without recompiling" {
	mkdir -p xdg/sbx
	printf '[awk]\nimage = sbx/shell:latest\nfile = main.awk\nrun = awk -f {file}\n' >xdg/sbx/languages
	XDG_CONFIG_HOME=$PWD/xdg run -0 --separate-stderr sbx awk - <<<'BEGIN { print 6 * 7 }'
	[ "$output" = 42 ] || flunk "$output / $stderr"
}

@test "python-data has numpy, pandas, scipy and matplotlib; a plot comes back with -o" {
	run -0 --separate-stderr sbx python-data - <<<'import numpy, pandas; print(numpy.arange(3).sum(), pandas.__version__)'
	[[ "$output" =~ ^3\ [0-9]+\.[0-9]+ ]] || flunk "$output / $stderr"
	printf '%s\n' 'import os, scipy.stats, matplotlib.pyplot as plt' \
	    'plt.plot([0, 1], [0, scipy.stats.norm.cdf(0)])' \
	    'plt.savefig(os.path.join(os.environ["SBX_OUT"], "plot.png"))' >plot.py
	run -0 --separate-stderr sbx -m 512m -o out python-data plot.py </dev/null
	[ "$(head -c 8 out/plot.png | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] ||
	    flunk "no PNG came back: $(ls -la out) / $stderr"
}

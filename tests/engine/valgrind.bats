#!/usr/bin/env bats
# A few real runs under valgrind: no invalid access, no leak, on the paths
# that own the most resources (normal exit, timeout, engine error, JSON).

load engine_helper

setup_file() {
	require_engine
	require_images
	command -v valgrind >/dev/null || flunk "valgrind is missing: run 'make setup'"
}

# Always the plain build: valgrind cannot run the ASan one.
vg() {
	valgrind --quiet --error-exitcode=99 --leak-check=full \
	    --errors-for-leak-kinds=definite,indirect --track-fds=no \
	    "$ROOT/sbx" "$@"
}

@test "valgrind: a normal run with streamed stdin is clean" {
	printf 'import sys\nprint(sys.stdin.read().upper())\n' >"$BATS_TEST_TMPDIR/up.py"
	run -0 --separate-stderr vg python "$BATS_TEST_TMPDIR/up.py" <<<'hello'
	[ "$output" = HELLO ]
	[ -z "$stderr" ]
}

@test "valgrind: a timeout is clean" {
	run -124 --separate-stderr vg -t 1 python - <<<'while True: pass'
	[[ "$stderr" == "sbx: timed out after 1s"* ]]
}

@test "valgrind: --json with a failing program is clean" {
	run -3 --separate-stderr vg --json node - <<<'console.log("x"); process.exit(3)'
	python3 -c 'import json,sys; r=json.loads(sys.argv[1]); assert r["exitCode"]==3 and r["stdout"]=="x\n"' "$output"
}

@test "valgrind: a missing image is clean" {
	run -125 --separate-stderr vg -i sbx/no-such-image python - <<<'print(1)'
	[[ "$stderr" == *"sbx: image 'sbx/no-such-image' is not there"* ]]
}

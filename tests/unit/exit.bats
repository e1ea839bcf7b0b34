#!/usr/bin/env bats
# How the engine's answers become sbx's exit status, messages and calls.
# Fake engine only; tests/engine checks the same against the real one.

load ../test_helper

setup() {
	use_fake_docker
	cd "$BATS_TEST_TMPDIR"
}

sbx_py() {
	run --separate-stderr "$SBX" "$@" python - <<<'print(1)'
}

@test "the program's own status passes through" {
	for code in 0 1 3 42 123; do
		FAKE_RUN_EXIT=$code sbx_py
		[ "$status" -eq "$code" ]
		[ -z "$stderr" ]
	done
}

@test "a normal run is run, then rm, and nothing else" {
	FAKE_RUN_EXIT=0 sbx_py
	[ "$(fake_verbs | tr '\n' ' ')" = "run rm " ]
	name=$(fake_run_argv | sed -n 's/^--name=//p')
	[ "$(sed -n '/^--- rm$/,$p' "$FAKE_DOCKER_LOG" | tail -n 1)" = "$name" ]
}

@test "stdout and stderr of the engine reach sbx's stdout and stderr" {
	FAKE_RUN_STDOUT='out\n' FAKE_RUN_STDERR='err\n' sbx_py
	[ "$status" -eq 0 ]
	[ "$output" = out ]
	[ "$stderr" = err ]
}

@test "137 with the engine's OOM flag is out of memory" {
	FAKE_RUN_EXIT=137 FAKE_INSPECT='true 137 ' sbx_py -m 64m
	[ "$status" -eq 137 ]
	[ "$stderr" = "sbx: killed: out of memory (limit 64m, swap included); raise it with --memory" ]
	[ "$(fake_verbs | tr '\n' ' ')" = "run inspect rm " ]
}

@test "137 without the OOM flag is a SIGKILL that names the memory limit" {
	FAKE_RUN_EXIT=137 FAKE_INSPECT='false 137 ' sbx_py --json
	[ "$status" -eq 137 ]
	[[ "$stderr" == *"killed by SIGKILL, which sbx did not send; the likely cause is the memory limit (256m"* ]]
	python3 -c 'import json,sys; r=json.loads(sys.argv[1]); assert r["status"]=="signaled" and r["signal"]==9 and r["oomKilled"] is False and r["success"] is False, r' "$output"
}

@test "125 from the engine with no container is an engine failure" {
	FAKE_RUN_EXIT=125 FAKE_INSPECT_EXIT=1 FAKE_IMAGE_EXIT=1 \
	    FAKE_IMAGE_STDERR='Error: No such image: sbx/python:latest\n' sbx_py
	[ "$status" -eq 125 ]
	# (Under podman the command also names SBX_ENGINE=podman.)
	[[ "$stderr" == "sbx: image 'sbx/python:latest' is not there; build it with 'make images LANGS=python"* ]]
}

@test "125 that the program itself exited with is the program's" {
	FAKE_RUN_EXIT=125 FAKE_INSPECT='false 125 ' sbx_py
	[ "$status" -eq 125 ]
	[ -z "$stderr" ]
}

@test "127 with an engine error is an engine failure, not the program's" {
	FAKE_RUN_EXIT=127 FAKE_INSPECT='false 127 exec: "python3": executable file not found' sbx_py
	[ "$status" -eq 125 ]
	[[ "$stderr" == *'could not start the program: exec: "python3": executable file not found'* ]]
}

@test "an engine that does not answer gets advice, not a removal warning" {
	FAKE_RUN_EXIT=125 FAKE_INSPECT_EXIT=1 FAKE_RM_EXIT=1 FAKE_VERSION_EXIT=1 \
	    FAKE_VERSION_STDOUT= FAKE_VERSION_STDERR='Cannot connect to the Docker daemon\n' sbx_py
	[ "$status" -eq 125 ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ "$stderr" == "sbx: the engine '$ENGINE' cannot reach its daemon (Cannot connect to the Docker daemon): start the daemon"* ]]
}

@test "a missing engine program is status 125 with what to do" {
	run -125 --separate-stderr "$SBX" --engine no-such-engine python - <<<'print(1)'
	[[ "$stderr" == "sbx: cannot run the engine 'no-such-engine': No such file or directory; install it"* ]]
}

@test "a container that cannot be removed is status 125 and says so" {
	FAKE_RM_EXIT=1 FAKE_RM_STDERR='Error: device busy\n' sbx_py
	[ "$status" -eq 125 ]
	[[ "$stderr" == "sbx: could not remove container sbx-"*": Error: device busy; run 'sbx --gc' once the engine answers" ]]
}

@test "an rm that finds no container counts as removed" {
	FAKE_RM_EXIT=1 FAKE_RM_STDERR='Error: No such container: x\n' sbx_py
	[ "$status" -eq 0 ]
}

@test "the deadline kills through the engine, then removes: 124" {
	# A kill that takes a moment, as a real engine's does: the run ends
	# with it, and would otherwise end the version query before it logs.
	FAKE_KILL_SLEEP=0.5 FAKE_RUN_SLEEP=30 run --separate-stderr timeout 20 "$SBX" -t 1 python - <<<'x'
	[ "$status" -eq 124 ]
	[ "$stderr" = "sbx: timed out after 1s; the container was killed (raise it with --timeout)" ]
	# Beside the kill, "version" tells a stuck engine from a slow one.
	[ "$(fake_verbs | grep -vx version | tr '\n' ' ')" = "run kill rm " ]
	[ "$(fake_verbs | grep -cx version)" -eq 1 ]
}

@test "a kill the engine ignores is retried, then the CLI is abandoned" {
	# The fake's kill fails and never stops the run: sbx must still return.
	cat >"$BATS_TEST_TMPDIR/$ENGINE" <<-'EOF2'
	#!/usr/bin/env bash
	echo "--- $1" >>"$FAKE_DOCKER_LOG"
	case "$1" in
	run) trap '' TERM USR1; cat >/dev/null; sleep 60 & wait $! ;;
	kill) exit 1 ;;
	rm) echo "${@: -1}" ;;
	esac
	exit 0
	EOF2
	chmod +x "$BATS_TEST_TMPDIR/$ENGINE"
	PATH="$BATS_TEST_TMPDIR:$PATH" run --separate-stderr timeout 30 "$SBX" -t 1 python - <<<'x'
	[ "$status" -eq 124 ]
	kills=$(fake_verbs | grep -c '^kill$')
	[ "$kills" -ge 3 ] || flunk "kill sent $kills times"
	[ "$(fake_verbs | tail -n 1)" = rm ]
}

@test "an engine that stops answering holds sbx at most 8 s past the deadline; the guard removes the container later" {
	# While $BATS_TEST_TMPDIR/stuck exists the fake answers nothing (a
	# paused daemon); the run itself never ends on its own.
	cat >"$BATS_TEST_TMPDIR/$ENGINE" <<-'EOF2'
	#!/usr/bin/env bash
	echo "--- $1" >>"$FAKE_DOCKER_LOG"
	stuck=$(dirname "$FAKE_DOCKER_LOG")/stuck
	case "$1" in
	run) trap '' TERM USR1; cat >/dev/null; sleep 60 & wait $! ;;
	kill|rm|inspect|version)
		while [ -e "$stuck" ]; do sleep 0.1; done
		[ "$1" = rm ] && { echo "${@: -1}"; echo "--- removed" >>"$FAKE_DOCKER_LOG"; } ;;
	esac
	exit 0
	EOF2
	chmod +x "$BATS_TEST_TMPDIR/$ENGINE"
	touch "$BATS_TEST_TMPDIR/stuck"
	start=$(date +%s%N)
	# fd 3 closed: the guard outlives sbx here, and bats waits for it.
	PATH="$BATS_TEST_TMPDIR:$PATH" run --separate-stderr timeout 60 "$SBX" -t 1 python - <<<'x' 3>&-
	took=$((($(date +%s%N) - start) / 1000000))
	[ "$status" -eq 125 ]
	# The documented bound (sbx(1), TIMEOUTS AND CLEANUP): the deadline,
	# 5 s for the kill, 1 s for the pipes, 2 s for the removal; 3 s of
	# slack for a loaded machine.
	((took <= 1000 + 8000 + 3000)) || flunk "took ${took} ms"
	mapfile -t said <<<"$stderr"
	[ "${said[0]}" = "sbx: timed out after 1s; the engine answered nothing within 5s (raise it with --timeout)" ]
	[[ "${said[1]}" == "sbx: could not remove container sbx-"*": the engine did not answer in 2s; sbx's guard removes it once the engine answers (it tries for 2 minutes; after that, run 'sbx --gc')" ]]
	[ "${#said[@]}" -eq 2 ]
	! grep -q '^--- removed$' "$FAKE_DOCKER_LOG"
	# The engine answers again: the guard's removal goes through.
	rm "$BATS_TEST_TMPDIR/stuck"
	for ((i = 0; i < 100; i++)); do
		grep -q '^--- removed$' "$FAKE_DOCKER_LOG" && break
		sleep 0.1
	done
	grep -q '^--- removed$' "$FAKE_DOCKER_LOG" || flunk "the guard removed nothing: $(cat "$FAKE_DOCKER_LOG")"
}

@test "a slow engine (the kill waits, version answers) keeps 124 and 20 s for rm" {
	# As when the deadline comes while a loaded engine still starts the
	# container: kill waits past the grace, version answers at once, rm
	# takes 3 s, more than a stuck engine is given.
	cat >"$BATS_TEST_TMPDIR/$ENGINE" <<-'EOF2'
	#!/usr/bin/env bash
	echo "--- $1" >>"$FAKE_DOCKER_LOG"
	case "$1" in
	run) trap '' TERM USR1; cat >/dev/null; sleep 60 & wait $! ;;
	kill) sleep 8 ;;
	rm) sleep 3; echo "${@: -1}" ;;
	esac
	exit 0
	EOF2
	chmod +x "$BATS_TEST_TMPDIR/$ENGINE"
	PATH="$BATS_TEST_TMPDIR:$PATH" run --separate-stderr timeout 60 "$SBX" -t 1 python - <<<'x' 3>&-
	[ "$status" -eq 124 ]
	[ "$stderr" = "sbx: timed out after 1s; the container was killed (raise it with --timeout)" ]
	[ "$(fake_verbs | grep -c '^rm$')" -eq 1 ]
}

@test "--quiet hides diagnostics but not the status" {
	FAKE_RUN_SLEEP=30 run --separate-stderr timeout 20 "$SBX" -q -t 1 python - <<<'x'
	[ "$status" -eq 124 ]
	[ -z "$stderr" ]
}

@test "--quiet still shows hard errors" {
	run -125 --separate-stderr "$SBX" -q --engine no-such-engine python - <<<'x'
	[[ "$stderr" == "sbx: cannot run the engine"* ]]
}

@test "the output limit cuts each stream exactly and exits 153" {
	FAKE_RUN_STDOUT="$(printf 'x%.0s' {1..3000})" FAKE_RUN_SLEEP=30 \
	    run --separate-stderr timeout 20 "$SBX" --output-limit 1k python - <<<'x'
	[ "$status" -eq 153 ]
	[ "${#output}" -eq 1024 ]
	[ "$stderr" = "sbx: stdout passed the output limit of 1k: cut there and the program killed (raise it with --output-limit)" ]
}

@test "--json prints one object with every field of the contract" {
	FAKE_RUN_STDOUT='hi\n' FAKE_RUN_STDERR='warn\n' FAKE_RUN_EXIT=3 sbx_py --json
	[ "$status" -eq 3 ]
	[ "${#lines[@]}" -eq 1 ]
	python3 - "$output" <<-'PY'
	import json, sys
	r = json.loads(sys.argv[1])
	want = {"success": False, "status": "exit_nonzero", "exitCode": 3,
	        "signal": None, "stdout": "hi\n", "stderr": "warn\n",
	        "timedOut": False, "oomKilled": False, "outputTruncated": False,
	        "stdoutTruncated": False, "stderrTruncated": False,
	        "language": "python", "image": "sbx/python:latest",
	        "message": None}
	for k, v in want.items():
	    assert r[k] == v, (k, r[k], v)
	assert isinstance(r["durationMs"], int) and r["durationMs"] >= 0
	PY
}

@test "--json escapes control bytes and replaces invalid UTF-8" {
	FAKE_RUN_STDOUT='a\x00b\x1b\xff\xc3\xa9"\\\n' sbx_py --json
	[ "$status" -eq 0 ]
	python3 -c 'import json,sys; r=json.loads(sys.argv[1]); assert r["stdout"]=="a\x00b\x1b\ufffd\u00e9\"\\\n", repr(r["stdout"])' "$output"
}

@test "--json reports an engine failure as sandbox_error" {
	run -125 --separate-stderr "$SBX" --json --engine no-such-engine python - <<<'x'
	python3 -c 'import json,sys; r=json.loads(sys.argv[1]); assert r["status"]=="sandbox_error" and r["exitCode"]==125 and not r["success"] and r["message"].startswith("cannot run the engine")' "$output"
}

@test "--gc removes containers of dead sbx processes only" {
	host=$(hostname)
	sleep 60 & live=$!
	dead=$(bash -c 'echo $$')
	FAKE_PS_OUTPUT="sbx-dead\nsbx-live\nsbx-other\nsbx-gone\n" \
	FAKE_INSPECT_OWNERS="/sbx-dead $host:$dead\n/sbx-live $host:$live\n/sbx-other elsewhere:1\n\n" \
	    run --separate-stderr "$SBX" --gc
	kill $live
	[ "$status" -eq 0 ]
	[ "$output" = "removed sbx-dead" ]
	[ "$(awk '/^--- / { on = ($0 == "--- rm") } on' "$FAKE_DOCKER_LOG" | tr '\n' ' ')" = "--- rm --force sbx-dead " ]
	[[ "$stderr" == *"kept 1 container(s) of running sbx processes and 1 of other hosts"* ]]
}

@test "--gc reads podman's inspect output too (names without the leading /)" {
	host=$(hostname)
	dead=$(bash -c 'echo $$')
	FAKE_PS_OUTPUT="sbx-dead\n" FAKE_INSPECT_OWNERS="sbx-dead $host:$dead\n" \
	    run --separate-stderr "$SBX" --gc
	[ "$status" -eq 0 ]
	[ "$output" = "removed sbx-dead" ]
	[ -z "$stderr" ]
}

@test "--gc with no sbx containers asks nothing more and removes nothing" {
	run --separate-stderr "$SBX" --gc
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	# Then the dependency images: a list, and the prunes of build leftovers.
	[ "$(fake_verbs | tr '\n' ' ')" = "version ps images image image " ]
}

@test "--gc removes sbx-deps images unused past --deps-keep, and no other image" {
	FAKE_IMAGES_OUTPUT="sbx-deps/node:0123456789abcdef\nlocalhost/sbx-deps/python:fedcba9876543210\nsbx/node:latest\nsbx-deps/node:latest\n<none>:<none>\n" \
	FAKE_IMAGE_STDOUT="1000000000\n" run --separate-stderr "$SBX" --gc
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "removed sbx-deps/node:0123456789abcdef (unused for $(( ($(date +%s) - 1000000000) / 86400 )) days)" ]
	[[ ${lines[1]} == "removed sbx-deps/python:fedcba9876543210 (unused for "* ]]
	[ "${#lines[@]}" -eq 2 ]
	[ "$(awk '/^--- / { on = ($0 == "--- rmi") } on' "$FAKE_DOCKER_LOG" | tr '\n' ' ')" = "--- rmi sbx-deps/node:0123456789abcdef --- rmi sbx-deps/python:fedcba9876543210 " ]
}

@test "--gc keeps sbx-deps images built within --deps-keep; --deps-keep 0 removes them" {
	FAKE_IMAGES_OUTPUT="sbx-deps/node:0123456789abcdef\n" FAKE_IMAGE_STDOUT="$(date +%s)\n" \
	    run --separate-stderr "$SBX" --gc --deps-keep 30d
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ "$stderr" = "sbx: kept 1 dependency image(s) used in the last 30 days or in use (--deps-keep 0 removes all)" ]
	FAKE_IMAGES_OUTPUT="sbx-deps/node:0123456789abcdef\n" FAKE_IMAGE_STDOUT="$(date +%s)\n" \
	    SBX_DEPS_KEEP=0 run --separate-stderr "$SBX" --gc
	[ "$status" -eq 0 ]
	[ "$output" = "removed sbx-deps/node:0123456789abcdef (unused for 0 days)" ]
}

#!/usr/bin/env bats
# --warm's claim against the fake engine: the pool list, the rename that
# runs beside the attach and gates its input. The real engine's side is
# tests/engine/warm.bats.

load ../test_helper

setup() {
	use_fake_docker
	cd "$BATS_TEST_TMPDIR"
	# The pool's list and locks go here, nowhere else.
	export XDG_RUNTIME_DIR="$BATS_TEST_TMPDIR"
	# A first run goes cold and leaves a refill behind, which "creates"
	# and "starts" one container and lists it.
	run -0 "$SBX" --warm 1 python - <<<'print(1)'
	local i
	for ((i = 0; i < 100; i++)); do
		[ -n "$(cat sbx-warm-*.pool 2>/dev/null)" ] && break
		sleep 0.1
	done
	[ -n "$(cat sbx-warm-*.pool 2>/dev/null)" ] || flunk "no pool entry: $(cat "$FAKE_DOCKER_LOG")"
	: >"$FAKE_DOCKER_LOG"
}

verbs() {
	grep '^--- ' "$FAKE_DOCKER_LOG" | cut -c5- | sort | tr '\n' ' '
}

@test "a claim attaches by ID and sends its input only once the rename beside it succeeded" {
	FAKE_RENAME_SLEEP=0.3 FAKE_RUN_STDOUT='2\n' run -0 "$SBX" --warm 1 python - <<<'print(2)'
	[ "$output" = 2 ]
	grep -qx 'print(2)' attach.stdin || flunk "attach got: $(cat attach.stdin)"
	grep -A2 -x -- '--- attach' "$FAKE_DOCKER_LOG" | grep -qx "$(printf '%064d' 0 | tr 0 a)" ||
	    flunk "$(cat "$FAKE_DOCKER_LOG")"
	# No run, no rm: the engine's --rm removes a container whose program ended.
	[[ "$(verbs)" != *"run "* && "$(verbs)" != *"rm "* ]] || flunk "calls: $(verbs)"
}

@test "a claim whose rename fails (the container is gone) sends the attach nothing and runs cold" {
	FAKE_RENAME_SLEEP=0.3 FAKE_RENAME_EXIT=1 FAKE_RUN_STDOUT='3\n' \
	    run -0 --separate-stderr "$SBX" --warm 1 python - <<<'print(3)'
	[ "$output" = 3 ] && [ -z "$stderr" ] || flunk "$output; $stderr"
	[ ! -s attach.stdin ] || flunk "the attach got: $(cat attach.stdin)"
	grep -qx 'print(3)' run.stdin || flunk "the cold run got: $(cat run.stdin)"
}

# Waits up to $2 seconds for a "--- $1" call in the fake engine's log.
wait_for_call() {
	local i
	for ((i = 0; i < $2 * 10; i++)); do
		grep -qx -- "--- $1" "$FAKE_DOCKER_LOG" && return 0
		sleep 0.1
	done
	return 1
}

@test "a warm run ends at BOOT's end marks; an attach that does not end after them is killed and its container removed" {
	# The marks come, but the attach would go on for 30 s: as if the
	# program had printed them itself and kept running.
	local t0=$SECONDS
	FAKE_RUN_STDOUT='7\n' FAKE_END_MARKS=0 FAKE_ATTACH_SLEEP=30 \
	    run -0 --separate-stderr "$SBX" --warm 1 python - <<<'print(7)'
	[ "$output" = 7 ] && [ -z "$stderr" ] || flunk "$output; $stderr"
	((SECONDS - t0 < 20)) || flunk "sbx waited for the attach"
	grep -q '^sbx-boot 1 [0-9a-f]\{32\}$' attach.stdin || flunk "$(head -2 attach.stdin)"
	grep -q '^[te]*e[te]* ' attach.stdin || flunk "no end marks asked for: $(head -2 attach.stdin)"
	wait_for_call rm 15 || flunk "no rm: $(verbs)"
	grep -A2 -x -- '--- rm' "$FAKE_DOCKER_LOG" | grep -qx "$(printf '%064d' 0 | tr 0 a)" ||
	    flunk "$(cat "$FAKE_DOCKER_LOG")"
}

@test "after end marks, an attach that ends with its container is left to the engine's --rm" {
	FAKE_RUN_STDOUT='8\n' FAKE_END_MARKS=3 FAKE_RUN_EXIT=3 \
	    run -3 --separate-stderr "$SBX" --warm 1 python - <<<'print(8)'
	[ "$output" = 8 ] && [ -z "$stderr" ] || flunk "$output; $stderr"
	# The linger gives the attach 5 s.
	! wait_for_call rm 6 || flunk "calls: $(verbs)"
}

@test "end marks with 137 do not end the run: the engine is asked about an OOM kill" {
	local t0=$SECONDS
	# (This fake engine's event log is empty: the run is reported as a
	# container gone, 125.)
	FAKE_END_MARKS=137 FAKE_ATTACH_SLEEP=2 FAKE_RUN_EXIT=137 \
	    run --separate-stderr "$SBX" --warm 1 python - <<<'print(9)'
	[ "$status" -ne 0 ] || flunk "status 0"
	((SECONDS - t0 >= 2)) || flunk "sbx did not wait for the attach"
	[[ "$(verbs)" == *"events "* || "$(verbs)" == *"inspect "* ]] || flunk "calls: $(verbs)"
}

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

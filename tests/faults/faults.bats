#!/usr/bin/env bats
# Engine faults against a real engine: dockerd killed mid-run, dockerd
# paused past the deadline, the container killed from outside. Each test
# runs its containers on a private dockerd (tests/faults/private-engine.sh:
# its own data root, exec root, socket and containerd, no bridge), which
# the tests kill and pause; the shared engine is never touched. Run with
# `make test-faults` (root; the images come from the shared engine).
#
# Timings: the only bound asserted is the documented one for a stuck
# engine (sbx(1), TIMEOUTS AND CLEANUP), with 3 s of slack for a loaded
# machine; everything else has generous hang guards.

load ../test_helper

PRIVATE_ENGINE="$TESTS_DIR/faults/private-engine.sh"
# Slack on the documented bound, for a loaded machine.
SLACK_MS=3000

setup_file() {
	[ "$ENGINE" = docker ] ||
		flunk "the fault tests run a private dockerd: run them with SBX_ENGINE=docker" || return
	# The shared engine's bridge, as it was (a dockerd started with
	# --bridge=none would delete it).
	SHARED_BRIDGE=$(cat /sys/class/net/docker0/ifindex 2>/dev/null || echo none)
	export SHARED_BRIDGE
	"$PRIVATE_ENGINE" start
}

teardown_file() {
	"$PRIVATE_ENGINE" stop
}

setup() {
	# Every engine call of the test, sbx's and the helpers', goes to the
	# private engine; SHARED_HOST is where the shared one was.
	SHARED_HOST=${DOCKER_HOST:-unix:///var/run/docker.sock}
	export DOCKER_HOST
	DOCKER_HOST=$("$PRIVATE_ENGINE" host)
	unset DOCKER_CONTEXT
	cd "$BATS_TEST_TMPDIR"
	printf 'import time\nprint("ready", flush=True)\ntime.sleep(100)\n' >sleeper.py
}

teardown() {
	# A failed test may leave the engine paused or dead: back up first
	# (each query would hang on a paused one).
	"$PRIVATE_ENGINE" resume 2>/dev/null || true
	"$PRIVATE_ENGINE" start
	stop_background_sbx
	assert_no_orphaned_containers
}

# Milliseconds since the epoch.
now_ms() {
	echo $(($(date +%s%N) / 1000000))
}

# The name of the container of the background sbx NAME, once the private
# engine runs it (at most 60 s); asserts that it runs there and not on the
# shared engine.
running_container_of() {
	local pid=${sbx_pids[$1]} name i
	for ((i = 0; i < 600; i++)); do
		name=$(containers_of "$pid" --filter status=running --format '{{.Names}}')
		[ -n "$name" ] && break
		sleep 0.1
	done
	[ -n "$name" ] || flunk "no container of sbx $1 runs on the private engine" || return
	[ -z "$(DOCKER_HOST=$SHARED_HOST containers_of "$pid")" ] ||
		flunk "sbx $1 has a container on the shared engine" || return
	echo "$name"
}

# The lines sbx wrote on the stderr of the background sbx NAME.
sbx_lines_of() {
	grep '^sbx: ' "$BATS_TEST_TMPDIR/$1.err" || true
}

# Is a guard waiting to remove container NAME?
guard_of() {
	pgrep -f -- "sbx-guard docker $1( |\$)" >/dev/null
}

@test "the private engine is not the shared one, and leaves the shared one's bridge alone" {
	[ "$(engine info --format '{{.DockerRootDir}}')" = /var/lib/sbx-faults ]
	[ "$(DOCKER_HOST=$SHARED_HOST engine info --format '{{.DockerRootDir}}')" != /var/lib/sbx-faults ]
	[ "$(cat /sys/class/net/docker0/ifindex 2>/dev/null || echo none)" = "$SHARED_BRIDGE" ]
}

@test "dockerd killed mid-run: 125 with one sbx line at once; after its restart --gc leaves nothing" {
	start=$(now_ms)
	start_sbx k -t 20 python sleeper.py
	pid=${sbx_pids[k]}
	wait_for_line "$BATS_TEST_TMPDIR/k.out" ready 60
	name=$(running_container_of k)
	"$PRIVATE_ENGINE" kill
	# The documented bound holds whatever the engine does; a dead engine
	# in fact ends the client at once.
	wait_for_sbx k 60
	took=$(($(now_ms) - start))
	[ "$status" -eq 125 ]
	((took <= 20000 + 8000 + SLACK_MS)) || flunk "took $took ms"
	[ "$(sbx_lines_of k)" = "sbx: the engine 'docker' cannot reach its daemon (Cannot connect to the Docker daemon at $DOCKER_HOST. Is the docker daemon running?): start the daemon, or point DOCKER_HOST or the docker context at a running one" ]
	# Back: the restarted daemon stopped the container, which stays
	# (sbx could not remove it) until --gc.
	"$PRIVATE_ENGINE" start
	[ "$(engine ps --all --filter "name=^/$name\$" --format '{{.Names}}')" = "$name" ]
	run -0 --separate-stderr "$SBX" --gc
	[[ "$output" == *"removed $name"* ]]
	[ -z "$(containers_of "$pid")" ]
	[ -z "$(engine ps --all --quiet --filter label=sbx)" ]
}

@test "dockerd paused past the deadline: 125 within deadline + 8 s; the guard removes the container once it answers" {
	start=$(now_ms)
	start_sbx p -t 10 python sleeper.py
	wait_for_line "$BATS_TEST_TMPDIR/p.out" ready 10
	name=$(running_container_of p)
	"$PRIVATE_ENGINE" pause
	wait_for_sbx p 60
	took=$(($(now_ms) - start))
	[ "$status" -eq 125 ]
	# sbx(1): at most 8 s after the deadline, whatever the engine does.
	((took >= 10000)) || flunk "ended before the deadline: $took ms"
	((took <= 10000 + 8000 + SLACK_MS)) || flunk "took $took ms, over the deadline + 8 s (+ ${SLACK_MS} ms slack)"
	echo "ended $((took - 10000)) ms after the deadline" >&3
	[ "$(sbx_lines_of p)" = "sbx: timed out after 10s; the engine answered nothing within 5s (raise it with --timeout)
sbx: could not remove container $name: the engine did not answer in 2s; sbx's guard removes it once the engine answers (it tries for 2 minutes; after that, run 'sbx --gc')" ]
	guard_of "$name" || flunk "no guard waits to remove $name"
	"$PRIVATE_ENGINE" resume
	# The guard, not --gc: nothing is left once it is done.
	for ((i = 0; i < 300; i++)); do
		guard_of "$name" || break
		sleep 0.1
	done
	! guard_of "$name" || flunk "the guard still waits 30 s after the engine came back"
	[ -z "$(engine ps --all --quiet --filter "name=^/$name\$")" ]
}

@test "dockerd paused past the deadline with --json: 125 within deadline + 10 s, one valid object" {
	start=$(now_ms)
	start_sbx pj -t 10 --json python sleeper.py
	name=$(running_container_of pj)
	"$PRIVATE_ENGINE" pause
	wait_for_sbx pj 60
	took=$(($(now_ms) - start))
	[ "$status" -eq 125 ]
	# The deadline first asks for the files (2 s), then kills: 10 s.
	((took >= 10000)) || flunk "ended before the deadline: $took ms"
	((took <= 10000 + 10000 + SLACK_MS)) || flunk "took $took ms, over the deadline + 10 s (+ ${SLACK_MS} ms slack)"
	echo "ended $((took - 10000)) ms after the deadline" >&3
	python3 - "$BATS_TEST_TMPDIR/pj.out" "$name" <<-'PY'
	import json, sys
	r = json.loads(open(sys.argv[1]).read())
	want = {"success": False, "status": "sandbox_error", "exitCode": 125,
	        "timedOut": True, "oomKilled": False, "signal": None}
	for k, v in want.items():
	    assert r[k] == v, (k, r[k], v)
	assert r["message"].startswith("could not remove container %s: the engine did not answer in 2s" % sys.argv[2]), r["message"]
	PY
	"$PRIVATE_ENGINE" resume
	for ((i = 0; i < 300; i++)); do
		guard_of "$name" || break
		sleep 0.1
	done
	[ -z "$(engine ps --all --quiet --filter "name=^/$name\$")" ]
}

@test "docker kill of the container from outside: 137, signaled, not OOM, not a clean exit" {
	start_sbx x -t 60 python sleeper.py
	wait_for_line "$BATS_TEST_TMPDIR/x.out" ready 60
	name=$(running_container_of x)
	engine kill "$name" >/dev/null
	wait_for_sbx x 60
	[ "$status" -eq 137 ]
	[ "$(sbx_lines_of x)" = "sbx: the program was killed by SIGKILL, which sbx did not send; the likely cause is the memory limit (256m, swap included): raise it with --memory" ]
	[ -z "$(engine ps --all --quiet --filter "name=^/$name\$")" ]
}

@test "docker kill of the container from outside with --json: signaled, signal 9, oomKilled false" {
	start_sbx xj -t 60 --json python sleeper.py
	name=$(running_container_of xj)
	engine kill "$name" >/dev/null
	wait_for_sbx xj 60
	[ "$status" -eq 137 ]
	assert_json_result "$(cat "$BATS_TEST_TMPDIR/xj.out")" status='"signaled"' \
	    exitCode=137 signal=9 oomKilled=false success=false timedOut=false
	[ -z "$(engine ps --all --quiet --filter "name=^/$name\$")" ]
}

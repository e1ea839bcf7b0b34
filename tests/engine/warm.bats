#!/usr/bin/env bats
# --warm against the real engine: pre-started single-use containers.
# Every test runs sbx through a thin wrapper of the engine that labels the
# containers it starts with this test's token and shows "ps" only those,
# so counts, --gc and --doctor see this test's pools and nobody else's
# (others use the same engine at the same time). Everything else passes
# through unchanged.

# bats file_tags=engine

load engine_helper

setup() {
	engine_setup
	TOKEN="t$$-$RANDOM-$BATS_TEST_NUMBER"
	mkdir -p "$BATS_TEST_TMPDIR/bin"
	WRAPPER="$BATS_TEST_TMPDIR/bin/$ENGINE"
	cat >"$WRAPPER" <<EOF
#!/bin/bash
real=$(command -v "$ENGINE")
echo "\$1" >>"$BATS_TEST_TMPDIR/engine.log"
case \$1 in
run|create) verb=\$1; shift; exec "\$real" "\$verb" --label=sbx.warmtest=$TOKEN "\$@" ;;
ps) shift; exec "\$real" ps --filter=label=sbx.warmtest=$TOKEN "\$@" ;;
images|image) [[ " \$* " == *" prune "* || " \$* " == *label=sbx.deps* ]] && exit 0 ;;
esac
exec "\$real" "\$@"
EOF
	chmod +x "$WRAPPER"
	export SBX_ENGINE="$WRAPPER" SBX_WARM_TTL=60s
	printf 'import time\nprint("started", flush=True)\ntime.sleep(60)\n' >sleep.py
}

teardown() {
	stop_background_sbx
	assert_no_orphaned_containers
	# This test's pools, idle or not, and a refill still under way.
	sleep 1
	mine | xargs -r "$ENGINE" rm --force >/dev/null 2>&1 || true
}

# This test's containers, all states, one name per line.
mine() {
	engine ps --all --filter "label=sbx.warmtest=$TOKEN" --format '{{.Names}}'
}

idle() {
	engine ps --filter "label=sbx.warmtest=$TOKEN" --filter status=running \
	    --format '{{.Names}}' | grep '^sbx-warm-' || true
}

# Wait (at most SECONDS) until exactly N idle containers of this test run.
wait_for_idle() {
	local n=$1 seconds=${2:-30} i
	for ((i = 0; i < seconds * 10; i++)); do
		[ "$(idle | wc -l)" -eq "$n" ] && return 0
		sleep 0.1
	done
	flunk "after ${seconds}s, $(idle | wc -l) idle containers, not $n: $(mine)"
}

# Fill the pool of the default configuration and wait for it.
fill_pool() {
	run -0 sbx --warm "$1" python - <<<'print(1)'
	wait_for_idle "$1"
}

@test "20 sequential warm runs all print 42; at most 2 idle remain, none after a 5 s TTL" {
	local round
	export SBX_WARM=2 SBX_WARM_TTL=5s
	for ((round = 1; round <= 20; round++)); do
		run -0 --separate-stderr sbx python - <<<'print(6*7)'
		[ "$output" = 42 ] || flunk "round $round printed '$output' ($stderr)"
		[ -z "$stderr" ] || flunk "round $round said: $stderr"
	done
	sleep 2	# the last refill starts its containers
	[ "$(mine | grep -vc '^sbx-warm-')" -eq 0 ] || flunk "left: $(mine)"
	[ "$(mine | wc -l)" -le 2 ] || flunk "more than 2 idle: $(mine)"
	# No sbx runs any more: the TTL alone ends and removes them.
	for ((round = 0; round < 200; round++)); do
		[ -z "$(mine)" ] && break
		sleep 0.1
	done
	[ -z "$(mine)" ] || flunk "still there after the TTL: $(mine)"
}

# The engine CLI's calls since the last clear_calls, one verb a line.
calls() {
	cat "$BATS_TEST_TMPDIR/engine.log" 2>/dev/null || true
}

clear_calls() {
	: >"$BATS_TEST_TMPDIR/engine.log"
}

@test "a clean warm run's engine calls: rename and attach, the refill's create and start (podman: rename, exec, rm, run)" {
	# podman keeps the exec design: rename, exec, the guard's rm, and the refill's run.
	local want="attach create rename start "
	[ "$ENGINE" = podman ] && want="exec rename rm run "
	fill_pool 2
	clear_calls
	run -0 --separate-stderr sbx --warm 2 python - <<<'print(6*7)'
	[ "$output" = 42 ] && [ -z "$stderr" ] || flunk "$output; $stderr"
	wait_for_idle 2
	[ "$(calls | sort | tr '\n' ' ')" = "$want" ] || flunk "calls: $(calls)"
	# The used container is gone (docker: its --rm; podman: the rm of sbx's guard).
	[ "$(mine | grep -vc '^sbx-warm-')" -eq 0 ] || flunk "left: $(mine)"
}

@test "idle containers removed behind sbx's back: the run goes cold, as if there were none" {
	fill_pool 2
	idle | xargs "$ENGINE" rm --force >/dev/null
	clear_calls
	run -0 --separate-stderr sbx --warm 2 python - <<<'print(6*7)'
	[ "$output" = 42 ] && [ -z "$stderr" ] || flunk "$output; $stderr"
	calls | grep -qx run || flunk "not cold: $(calls)"
	[ "$(calls | grep -cx rename)" -eq 2 ] || flunk "calls: $(calls)"
	# Both gone ones were taken off the list: the refill starts two.
	wait_for_idle 2
}

@test "a warm run claims a pre-started container and removes it afterwards" {
	fill_pool 2
	local before
	before=$(idle)
	run -0 --separate-stderr sbx --warm 2 python - <<<'print(6*7)'
	[ "$output" = 42 ]
	# One of the two was claimed: its idle name is gone, and nothing but
	# idle containers remains once the refill has started its own.
	wait_for_idle 2
	local gone=0 name
	for name in $before; do
		idle | grep -qxF "$name" || gone=$((gone + 1))
	done
	[ "$gone" -eq 1 ] || flunk "claimed $gone of: $before; now: $(idle)"
	[ "$(mine | grep -vc '^sbx-warm-')" -eq 0 ] || flunk "left: $(mine)"
}

@test "xargs -P8 with SBX_WARM=4: each run prints its own answer and ran alone in its container" {
	fill_pool 4
	cat >alone.py <<'PY'
import os, sys
n = int(sys.argv[1])
marker = "/tmp/sbx-test-marker"
if os.path.exists(marker):
    print("SHARED with", open(marker).read())
    sys.exit(1)
open(marker, "w").write(str(n))
print(n * n)
PY
	export SBX_WARM=4
	# Each run writes to a file of its own: eight writers on one pipe may
	# interleave whatever chunks the engine's stream delivers, as eight
	# cats would, which says nothing about sbx.
	run --separate-stderr bash -c 'seq 1 24 | xargs -P8 -I{} sh -c "\"\$1\" python alone.py -- {} >answer.{}" sh "$1"' _ "$SBX"
	[ "$status" -eq 0 ] && [ -z "$stderr" ] || flunk "status $status: $stderr; $output"
	local n
	for n in $(seq 1 24); do
		[ "$(cat "answer.$n")" = $((n * n)) ] || flunk "run $n answered: $(cat "answer.$n")"
	done
	sleep 2
	[ "$(mine | grep -vc '^sbx-warm-')" -eq 0 ] || flunk "left: $(mine)"
	[ "$(idle | wc -l)" -le 4 ] || flunk "more than 4 idle: $(idle)"
}

@test "kill -9 of sbx during a warm run: the claimed container is gone within 2 seconds" {
	fill_pool 2
	export SBX_WARM=2
	start_sbx run python sleep.py
	local pid=${sbx_pids[run]} i claimed
	wait_for_line run.out started 30
	claimed=$(engine ps --filter label=sbx.warm --format '{{.Names}}' \
	    --filter "name=-$pid-")
	[ -n "$claimed" ] || flunk "no claimed container of sbx $pid: $(mine)"
	kill -KILL "$pid"
	wait_for_sbx run 10
	for ((i = 0; i < 20; i++)); do
		[ -z "$(engine ps --all --quiet --filter "name=$claimed")" ] && return 0
		sleep 0.1
	done
	flunk "$claimed still there 2s after kill -9 of sbx"
}

@test "the deadline under --warm: 124, the container killed and removed" {
	fill_pool 2
	run -124 --separate-stderr sbx --warm 2 -t 1 python - <<<'import time; time.sleep(30)'
	[ "$stderr" = "sbx: timed out after 1s; the container was killed (raise it with --timeout)" ]
	sleep 1
	[ "$(mine | grep -vc '^sbx-warm-')" -eq 0 ] || flunk "left: $(mine)"
}

@test "out of memory under --warm: 137 and the engine's OOM fact, as cold" {
	fill_pool 2
	run -137 --separate-stderr sbx --warm 2 python - <<<'a = bytearray(400 << 20)'
	[ "$stderr" = "$(oom_message 256m)" ]
	run -137 --separate-stderr sbx --warm 2 --json python - <<<'a = bytearray(400 << 20)'
	assert_json_result "$output" status='"oom"' oomKilled=true exitCode=137
}

@test "exit statuses, stdin, stderr and --json are those of a cold run" {
	fill_pool 2
	local code
	for code in 0 1 3 125 126 127; do
		run "-$code" --separate-stderr sbx --warm 2 python - <<<"import sys; sys.exit($code)"
		[ -z "$stderr" ] || flunk "exit $code: $stderr"
	done
	printf 'import sys\nprint(sys.stdin.read().upper(), end="")\nprint("e", file=sys.stderr)\n' >up.py
	run -0 --separate-stderr sbx --warm 2 python up.py <<<'streamed'
	[ "$output" = STREAMED ]
	[ "$stderr" = e ]
	run -0 sbx --warm 2 --json python up.py <<<'x'
	assert_json_result "$output" status='"ok"' stdout='"X\n"' stderr='"e\n"'
}

@test "files come back with -o under --warm, after a timeout too" {
	mkdir out
	export SBX_WARM=1
	run -0 sbx -o out python - <<<'import os; open(os.environ["SBX_OUT"] + "/a", "w").write("A")'
	wait_for_idle 1
	run -0 sbx -o out python - <<<'import os; open(os.environ["SBX_OUT"] + "/b", "w").write("B")'
	[ "$(cat out/a out/b)" = AB ]
	wait_for_idle 1
	run -124 sbx -t 5 -o out python - <<<'import os, time; open(os.environ["SBX_OUT"] + "/c", "w").write("C"); time.sleep(30)'
	[ "$(cat out/c)" = C ]
}

@test "any option change is another pool" {
	fill_pool 1
	run -0 sbx --warm 1 -m 128m python - <<<'print(1)'
	wait_for_idle 2
	[ "$(idle | cut -d- -f3 | sort -u | wc -l)" -eq 2 ] || flunk "$(idle)"
	run -0 sbx --doctor
	[ "$(grep -c '^ok   warm       pool [0-9a-f]\{12\}: 1 idle$' <<<"$output")" -eq 2 ] ||
	    flunk "$output"
}

@test "--gc removes every idle container at once and keeps the one a live sbx claimed" {
	fill_pool 3
	export SBX_WARM=3
	start_sbx run python sleep.py
	wait_for_line run.out started 30
	sleep 2	# the refill after the claim
	run -0 --separate-stderr sbx --gc
	[ -z "$(idle)" ] || flunk "idle left: $(idle)"
	[ "$(grep -c '^removed sbx-warm-' <<<"$output")" -ge 2 ] || flunk "$output"
	local pid=${sbx_pids[run]}
	[ -n "$(engine ps --quiet --filter label=sbx.warm --filter "name=-$pid-")" ] ||
	    flunk "--gc removed the container of a running sbx"
	kill -TERM "$pid"
	wait_for_sbx run 10
	[ "$status" -eq 143 ]
}

@test "sbx | head -1 returns without waiting for the refill" {
	export SBX_WARM=2
	local t0 t1
	t0=$(date +%s%N)
	run -0 bash -c '"$SBX" python - <<<"print(1); print(2)" | head -1' "$SBX"
	t1=$(date +%s%N)
	[ "$output" = 1 ]
	# The refill starts two containers in the background; bats itself
	# would hang here if the refill held one of its descriptors.
	[ $(((t1 - t0) / 1000000)) -lt 20000 ]
	wait_for_idle 2
}

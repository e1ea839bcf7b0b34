#!/usr/bin/env bats
# Signals and a closed stdout end sbx and its container; --gc cleans up
# after an sbx that was SIGKILLed, and only after that one.

# bats file_tags=engine

load engine_helper

setup() {
	engine_setup
	printf 'import time\nprint("started", flush=True)\ntime.sleep(60)\n' >sleep.py
}

# Send SIGNAL to a running sbx and expect STATUS, the message, and its
# container gone the moment sbx returns.
signal_ends_sbx() {
	local signal=$1 want=$2 pid
	start_sbx run python sleep.py
	pid=${sbx_pids[run]}
	wait_for_line run.out started 20
	[ -n "$(containers_of "$pid")" ] || flunk "no container of sbx $pid while it runs"
	kill -"$signal" "$pid"
	wait_for_sbx run 20
	[ "$status" -eq "$want" ]
	[ "$(cat run.out)" = started ]
	[ "$(cat run.err)" = "sbx: got SIG$signal; the container was killed" ]
	[ -z "$(containers_of "$pid")" ] || flunk "container of sbx $pid left"
}

@test "SIGINT to sbx kills the container and exits 130" {
	signal_ends_sbx INT 130
}

@test "SIGTERM to sbx kills the container and exits 143" {
	signal_ends_sbx TERM 143
}

@test "SIGHUP to sbx kills the container and exits 129" {
	signal_ends_sbx HUP 129
}

# sbx ARG... | head -n 1, then the statuses of both and how long it took.
first_line_only() {
	local start=$(date +%s%3N)
	sbx "$@" | head -n 1
	echo "${PIPESTATUS[*]}"
	echo "took $(($(date +%s%3N) - start))ms" >&2
}

# A hang guard, not a timing claim: "at once" is well within 20s here.
assert_prompt() {
	local ms=${stderr##*took }
	ms=${ms%ms}
	[ "$ms" -lt 20000 ] || flunk "returned after ${ms}ms"
}

@test "a closed stdout ends sbx at once with SIGPIPE and no container left (code from a file)" {
	printf 'while True:\n    print("line")\n' >gen.py
	run -0 --separate-stderr first_line_only python gen.py </dev/null
	[ "$output" = "line
141 0" ]
	[[ "$stderr" =~ ^took\ [0-9]+ms$ ]]
	assert_prompt
}

@test "a closed stdout ends sbx at once with SIGPIPE and no container left (code from stdin)" {
	printf 'while True:\n    print("line")\n' >gen.py
	run -0 --separate-stderr first_line_only python <gen.py
	[ "$output" = "line
141 0" ]
	[[ "$stderr" =~ ^took\ [0-9]+ms$ ]]
	assert_prompt
}

@test "--gc removes the container of a SIGKILLed sbx and keeps those of running ones" {
	local running killed kept gone
	start_sbx running -t 120 python sleep.py
	start_sbx killed python sleep.py
	wait_for_line running.out started 20
	wait_for_line killed.out started 20
	running=${sbx_pids[running]} killed=${sbx_pids[killed]}
	kept=$(containers_of "$running")
	[ -n "$kept" ]
	# sbx, its guard and the engine CLI all SIGKILLed: nobody is left to
	# clean up (attacks.bats shows the guard alone doing it).
	kill_sbx_with_helpers "$killed"
	wait_for_sbx killed 20
	[ "$status" -eq 137 ]
	gone=$(containers_of "$killed" --all --format '{{.Names}}')
	[ -n "$gone" ]

	run -0 --separate-stderr sbx --gc
	[[ $'\n'"$output"$'\n' == *$'\n'"removed $gone"$'\n'* ]] ||
	    flunk "--gc did not say it removed $gone: $output"
	[ -z "$(containers_of "$killed")" ] || flunk "--gc left the container of $killed"
	[ "$(containers_of "$running")" = "$kept" ] || flunk "--gc removed the container of running sbx $running"
	[[ "$stderr" =~ ^"sbx: kept "[1-9][0-9]*" container(s) of running sbx processes" ]]

	# The running sbx never noticed, and still cleans up after itself.
	kill -TERM "$running"
	wait_for_sbx running 20
	[ "$status" -eq 143 ]
	[ "$(cat running.out)" = started ]
}

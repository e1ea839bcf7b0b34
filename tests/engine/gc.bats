#!/usr/bin/env bats
# --gc right after sbx was SIGKILLed: its guard is removing the container
# at that moment, and --gc must count that removal (or a container already
# gone) as done, quietly.

# bats file_tags=engine

load engine_helper

setup() {
	engine_setup
	printf 'import time\nprint("started", flush=True)\ntime.sleep(60)\n' >sleep.py
}

@test "kill -9 of sbx then --gc at once: status 0 and nothing left, 20 times in 20" {
	local i pid
	for ((i = 1; i <= 20; i++)); do
		start_sbx "run$i" python sleep.py
		pid=${sbx_pids[run$i]}
		wait_for_line "run$i.out" started 30
		kill -KILL "$pid"
		wait_for_sbx "run$i" 10
		[ "$status" -eq 137 ]
		run -0 --separate-stderr sbx --gc
		[[ "$stderr" != *"could not remove"* ]] ||
		    flunk "round $i: --gc said: $stderr"
		[[ "$stderr" != *"in progress"* ]] || flunk "round $i: --gc said: $stderr"
		[ -z "$(containers_of "$pid")" ] ||
		    flunk "round $i: --gc left the container of sbx $pid"
	done
}

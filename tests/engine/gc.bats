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

@test "kill -9 of sbx then --gc at once: status 0 and nothing left, 10 times in 10" {
	# Not i: bats' run (bats_all_in) assigns a global i.
	local round pid
	for ((round = 1; round <= 10; round++)); do
		start_sbx "run$round" python sleep.py
		pid=${sbx_pids[run$round]}
		wait_for_line "run$round.out" started 30
		kill -KILL "$pid"
		wait_for_sbx "run$round" 10
		[ "$status" -eq 137 ]
		run -0 --separate-stderr sbx --gc
		[[ "$stderr" != *"could not remove"* ]] ||
		    flunk "round $round: --gc said: $stderr"
		[[ "$stderr" != *"in progress"* ]] || flunk "round $round: --gc said: $stderr"
		[ -z "$(containers_of "$pid")" ] ||
		    flunk "round $round: --gc left the container of sbx $pid"
	done
}

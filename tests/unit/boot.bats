#!/usr/bin/env bats
# The bootstrap itself, run by the host's sh on what sbx sends: the
# header it gets through the fake engine, the script from --dry-run.
# Fake engine only; the program is an sh script in a workspace, so
# nothing is written outside this test's directory.

load ../test_helper

setup() {
	use_fake_docker
	cd "$BATS_TEST_TMPDIR"
	mkdir ws
	printf 'echo claimed\n' >ws/job.sh
	run -0 "$SBX" -C ws sh job.sh </dev/null
	[ -s run.stdin ] || flunk "the fake engine got no input"
	line=$("$SBX" --dry-run -C ws sh job.sh </dev/null)
	eval "set -- $line"
	while [ $# -gt 0 ] && [ "$1" != -c ]; do
		shift
	done
	[ $# -ge 3 ] || flunk "no sh -c in: $line"
	BOOT=$2
}

@test "the bootstrap runs the program as a cold container's main process" {
	run -0 --separate-stderr sh -c "$BOOT" sbx-boot <run.stdin
	[ "$output" = claimed ]
	[ -z "$stderr" ]
}

# A warm container's bootstrap gets its TTL as $1 and may be claimed the
# moment it starts: its input is all there before its first read.
@test "a warm container's bootstrap takes its header at once, 200 times out of 200" {
	local i out
	for ((i = 1; i <= 200; i++)); do
		out=$(timeout 10 sh -c "$BOOT" sbx-boot 600 <run.stdin 2>&1) ||
		    flunk "run $i: status $?, said '$out'"
		[ "$out" = claimed ] || flunk "run $i said '$out'"
	done
}

@test "an unclaimed warm container's bootstrap ends by itself after its TTL" {
	local t0 t1
	t0=$(date +%s%N)
	# Its input stays open and empty for 5 s: only the TTL (1 s) ends it.
	run -125 timeout 10 sh -c "$BOOT" sbx-boot 1 < <(exec 3>&-; sleep 5)
	t1=$(date +%s%N)
	[ $(((t1 - t0) / 1000000)) -lt 4000 ] || flunk "took $(((t1 - t0) / 1000000)) ms"
}

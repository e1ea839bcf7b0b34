#!/usr/bin/env bats
# Limits against the real engine: the deadline and memory (the output limit
# and --pids are in attacks.bats, which also runs under gVisor).

# bats file_tags=engine

load engine_helper

now_ms() {
	date +%s%3N
}

@test "timeout kills the container and exits 124" {
	local start elapsed
	start=$(now_ms)
	run -124 --separate-stderr sbx -t 2 python - <<<'while True:
    pass'
	elapsed=$(($(now_ms) - start))
	[ -z "$output" ]
	[ "$stderr" = "sbx: timed out after 2s; the container was killed (raise it with --timeout)" ]
	# A hang guard, not a timing claim: the deadline plus a generous 10s.
	[ "$elapsed" -lt 12000 ] || flunk "returned after ${elapsed}ms"
}

@test "a node endless loop also times out with 124" {
	run -124 --separate-stderr sbx -t 1.5 node - <<<'for (;;) {}'
	[ -z "$output" ]
	[ "$stderr" = "sbx: timed out after 1.5s; the container was killed (raise it with --timeout)" ]
}

@test "allocating 1 GiB under -m 64m exits 137 naming the limit, 5 times out of 5" {
	local i
	for i in 1 2 3 4 5; do
		echo "run $i"
		run -137 --separate-stderr sbx -m 64m python - <<<'x = b"x" * (1 << 30)
print("allocated")'
		[ -z "$output" ]
		[ "$stderr" = "$(oom_message 64m)" ]
	done
}


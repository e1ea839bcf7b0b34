#!/usr/bin/env bats
# Limits against the real engine: the deadline, memory, output and processes.

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

@test "allocating 1 GiB under -m 64m exits 137 naming the limit, 10 times out of 10" {
	local i
	for i in 1 2 3 4 5 6 7 8 9 10; do
		echo "run $i"
		run -137 --separate-stderr sbx -m 64m python - <<<'x = b"x" * (1 << 30)
print("allocated")'
		[ -z "$output" ]
		[ "$stderr" = "$(oom_message 64m)" ]
	done
}

@test "--output-limit 1m cuts a flood at exactly 1 MiB, kills the program and exits 153" {
	printf 'import sys\nwhile True:\n    sys.stdout.write("y" * 65536)\n' >flood.py
	run -153 sbx_to_files out.txt err.txt --output-limit 1m python flood.py </dev/null
	head -c 1048576 /dev/zero | tr '\0' y >want.txt
	cmp want.txt out.txt
	[ "$(cat err.txt)" = "sbx: stdout passed the output limit of 1m: cut there and the program killed (raise it with --output-limit)" ]
}

@test "--pids stops a fork loop inside the container" {
	cat >forks.py <<'PY'
import errno, os, time
n = 0
try:
    while n < 1000:
        if os.fork() == 0:
            time.sleep(60)
            os._exit(0)
        n += 1
except OSError as e:
    print("fork failed:", errno.errorcode[e.errno])
print("forked fewer than 16:", n < 16)
PY
	run -0 --separate-stderr sbx --pids 16 python forks.py </dev/null
	[ "$output" = "fork failed: EAGAIN
forked fewer than 16: True" ]
	[ -z "$stderr" ]
}

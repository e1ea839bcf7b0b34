#!/usr/bin/env bats
# Streams against the real engine: stdin to the program, binary-exact and
# large output, stdout and stderr kept apart, output streamed as produced.

# bats file_tags=engine

load engine_helper

@test "stdin of more than 64 KiB streams to a program run from a file, byte-exact" {
	printf 'import sys\nsys.stdout.buffer.write(sys.stdin.buffer.read())\n' >cat.py
	head -c 1048576 /dev/urandom >in.bin
	run -0 sbx_to_files out.bin err.txt python cat.py <in.bin
	cmp in.bin out.bin
	[ ! -s err.txt ]
}

@test "stdin of more than 64 KiB reaches a node program, byte-exact" {
	cat >hash.js <<'JS'
const hash = require("crypto").createHash("sha256");
let n = 0;
process.stdin.on("data", (c) => { hash.update(c); n += c.length; });
process.stdin.on("end", () => console.log(n, hash.digest("hex")));
JS
	head -c 300000 /dev/urandom >in.bin
	run -0 --separate-stderr sbx node hash.js <in.bin
	[ "$output" = "300000 $(sha256sum <in.bin | cut -d' ' -f1)" ]
	[ -z "$stderr" ]
}

@test "a program that never reads its 10 MB stdin still ends with its own status" {
	printf 'print("not reading")\nraise SystemExit(3)\n' >noread.py
	head -c 10000000 /dev/urandom >in.bin
	run -3 --separate-stderr sbx python noread.py <in.bin
	[ "$output" = "not reading" ]
	[ -z "$stderr" ]
}

@test "stdin is streamed: a program reading it line by line answers each line before the next is sent" {
	cat >echo.py <<'PY'
import sys
for line in sys.stdin:
    print("got " + line.strip(), flush=True)
print("eof")
PY
	coproc SBX_CO { sbx python echo.py 2>err.txt 3>&-; }
	local pid=$SBX_CO_PID in=${SBX_CO[1]} out=${SBX_CO[0]} word reply rc=0
	for word in one 'two words' three; do
		echo "$word" >&"$in"
		read -r -t 30 reply <&"$out" || flunk "no answer to '$word' within 30s"
		[ "$reply" = "got $word" ]
	done
	exec {in}>&-
	read -r -t 30 reply <&"$out" || flunk "no answer to end of input within 30s"
	[ "$reply" = eof ]
	wait "$pid" || rc=$?
	[ "$rc" -eq 0 ]
	[ ! -s err.txt ]
}

@test "all 256 byte values pass through stdout and stderr exactly" {
	cat >bytes.py <<'PY'
import sys
sys.stdout.buffer.write(bytes(range(256)) * 2)
sys.stderr.buffer.write(bytes(range(255, -1, -1)))
PY
	python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(256)) * 2)' >want.out
	python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(255, -1, -1)))' >want.err
	run -0 sbx_to_files out.bin err.bin python bytes.py </dev/null
	cmp want.out out.bin || { od -An -tx1 out.bin | head; false; }
	cmp want.err err.bin || { od -An -tx1 err.bin | head; false; }
}

@test "20 MiB of output arrive byte-exact" {
	# Each 64 KiB block differs from the others, so a lost, doubled or
	# reordered block changes the hash.
	cat >big.py <<'PY'
import hashlib, sys
h = hashlib.sha256()
for i in range(320):
    block = hashlib.sha256(i.to_bytes(4, "big")).digest() * 2048
    h.update(block)
    sys.stdout.buffer.write(block)
sys.stdout.flush()
print(320 * 65536, h.hexdigest(), file=sys.stderr)
PY
	run -0 sbx_to_files out.bin err.txt --output-limit 0 python big.py </dev/null
	[ "$(cat err.txt)" = "$(wc -c <out.bin) $(sha256sum <out.bin | cut -d' ' -f1)" ]
	[ "$(wc -c <out.bin)" -eq 20971520 ]
}

@test "stdout and stderr stay separate: each stream has only its own bytes, in order" {
	cat >both.py <<'PY'
import sys
for i in range(500):
    sys.stdout.write("out %d\n" % i)
    sys.stdout.flush()
    sys.stderr.write("err %d\n" % i)
    sys.stderr.flush()
PY
	run -0 --separate-stderr sbx python both.py </dev/null
	[ "$output" = "$(seq -f 'out %g' 0 499)" ]
	[ "$stderr" = "$(seq -f 'err %g' 0 499)" ]
}

@test "output appears while the program still runs, and SIGTERM then ends sbx with 143" {
	printf 'import time\nprint("marker", flush=True)\ntime.sleep(30)\nprint("too late")\n' >slow.py
	start_sbx slow python slow.py
	wait_for_line slow.out marker 20
	kill -TERM "${sbx_pids[slow]}"
	wait_for_sbx slow 20
	[ "$status" -eq 143 ]
	[ "$(cat slow.out)" = marker ]
	[ "$(cat slow.err)" = "sbx: got SIGTERM; the container was killed" ]
}

# The plain build, as shipped: the ASan build's own memory is not the claim.
@test "100 MB stream through sbx byte-exact while sbx's own memory stays under 4 MB" {
	printf 'import sys\nwhile True:\n    b = sys.stdin.buffer.read1(65536)\n    if not b:\n        break\n    sys.stdout.buffer.write(b)\n' >cat.py
	head -c 100000000 /dev/urandom >in.bin
	"$ROOT/sbx" --output-limit 0 python cat.py <in.bin >out.bin 2>err.txt &
	pid=$!
	peak=0
	while kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$pid/status" 2>/dev/null) && [ -n "$kb" ]; do
		peak=$kb
		sleep 0.05
	done
	wait "$pid"
	cmp in.bin out.bin
	[ ! -s err.txt ]
	[ "$peak" -gt 0 ] && [ "$peak" -lt 4096 ] || flunk "sbx's peak RSS was ${peak} kB"
}

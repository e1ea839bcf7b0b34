#!/usr/bin/env bats
# --json against the real engine: one object with every field of the
# contract, the right types and values, for each way a run can end.

# bats file_tags=engine

load engine_helper

# The image sbx runs by default for LANGUAGE, as --languages lists it.
default_image() {
	"$SBX" --languages | awk -v lang="$1" '$1 == lang { print $2 }'
}

@test "--json for a successful run: status ok with the program's output" {
	local image
	image=$(default_image python)
	[ -n "$image" ]
	run -0 --separate-stderr sbx --json python - <<<'import sys
print("hi")
print("warn", file=sys.stderr)'
	assert_json_result "$output" success=true status='"ok"' exitCode=0 \
	    signal=null stdout='"hi\n"' stderr='"warn\n"' timedOut=false \
	    oomKilled=false outputTruncated=false stdoutTruncated=false \
	    stderrTruncated=false language='"python"' image="\"$image\""
	[ -z "$stderr" ]
}

@test "--json for a node program exiting 3: status exit_nonzero and sbx exits 3" {
	local image
	image=$(default_image node)
	[ -n "$image" ]
	run -3 --separate-stderr sbx --json node - <<<'console.log("x"); process.exitCode = 3'
	assert_json_result "$output" success=false status='"exit_nonzero"' \
	    exitCode=3 signal=null stdout='"x\n"' stderr='""' timedOut=false \
	    oomKilled=false outputTruncated=false language='"node"' \
	    image="\"$image\""
	[ -z "$stderr" ]
}

@test "--json for a timeout: status timeout, timedOut true, the output so far kept, exit 124" {
	# 6s leaves the container time to start and print before the deadline.
	run -124 --separate-stderr sbx --json -t 6 python - <<<'print("tick", flush=True)
while True:
    pass'
	assert_json_result "$output" success=false status='"timeout"' \
	    exitCode=124 timedOut=true oomKilled=false stdout='"tick\n"' \
	    outputTruncated=false
	[ "$stderr" = "sbx: timed out after 6s; the container was killed (raise it with --timeout)" ]
}

@test "--json for an OOM kill: status oom, oomKilled true, exit 137 (graded where the engine cannot tell)" {
	run -137 --separate-stderr sbx --json -m 64m python - <<<'x = b"x" * (1 << 30)'
	if engine_reports_oom; then
		assert_json_result "$output" success=false status='"oom"' \
		    exitCode=137 signal=9 oomKilled=true timedOut=false stdout='""'
	else
		# a remote podman < 5: no flag, so never a fact, never a clean exit.
		assert_json_result "$output" success=false status='"signaled"' \
		    exitCode=137 signal=9 oomKilled=false timedOut=false stdout='""'
	fi
	[ "$stderr" = "$(oom_message 64m)" ]
}

@test "--json for a program killed by its own SIGTERM: status signaled, signal 15" {
	run -143 --separate-stderr sbx --json python - <<<'import os, signal
print("x", flush=True)
os.kill(os.getpid(), signal.SIGTERM)'
	assert_json_result "$output" success=false status='"signaled"' \
	    exitCode=143 signal=15 oomKilled=false timedOut=false stdout='"x\n"'
	[ -z "$stderr" ]
}

@test "--json for a SIGKILL sbx did not send and no OOM flag: status signaled, the memory limit named" {
	run -137 --separate-stderr sbx --json -m 128m python - <<<'import os, signal
os.kill(os.getpid(), signal.SIGKILL)'
	assert_json_result "$output" success=false status='"signaled"' \
	    exitCode=137 signal=9 oomKilled=false timedOut=false
	[ "$stderr" = "sbx: the program was killed by SIGKILL, which sbx did not send; the likely cause is the memory limit (128m, swap included): raise it with --memory" ]
}

@test "--json for a stdout flood: status output_limit, stdoutTruncated true, 1 MiB kept" {
	run -153 --separate-stderr sbx --json --output-limit 1m python - <<<'import sys
while True:
    sys.stdout.write("y" * 65536)'
	assert_json_result "$output" success=false status='"output_limit"' \
	    exitCode=153 outputTruncated=true stdoutTruncated=true \
	    stderrTruncated=false stderr='""' \
	    'r["stdout"] == "y" * 1048576'
	[ "$stderr" = "sbx: stdout passed the output limit of 1m: cut there and the program killed (raise it with --output-limit)" ]
}

@test "--json for a stderr flood: stderrTruncated true, stdout intact" {
	run -153 --separate-stderr sbx --json --output-limit 1m python - <<<'import sys
print("partial", flush=True)
while True:
    sys.stderr.write("e" * 65536)'
	assert_json_result "$output" success=false status='"output_limit"' \
	    exitCode=153 outputTruncated=true stdoutTruncated=false \
	    stderrTruncated=true stdout='"partial\n"' \
	    'r["stderr"] == "e" * 1048576'
	[ "$stderr" = "sbx: stderr passed the output limit of 1m: cut there and the program killed (raise it with --output-limit)" ]
}

@test "--json for a missing image: status sandbox_error, exit 125" {
	run -125 --separate-stderr sbx --json -i sbx/does-not-exist python - <<<'print(1)'
	assert_json_result "$output" success=false status='"sandbox_error"' \
	    exitCode=125 signal=null stdout='""' timedOut=false oomKilled=false \
	    language='"python"' image='"sbx/does-not-exist"'
	[ "$stderr" = "sbx: image 'sbx/does-not-exist' is not there; sbx never pulls: '$ENGINE pull sbx/does-not-exist' or build it first" ]
}

@test "--json for an unreachable engine: status sandbox_error, exit 125" {
	run -125 --separate-stderr unreachable_engine sbx --json python - <<<'print(1)'
	assert_json_result "$output" success=false status='"sandbox_error"' \
	    exitCode=125 stdout='""'
	[ "$stderr" = "$(unreachable_line unix:///nonexistent)" ]
}

@test "--json stays valid JSON with invalid UTF-8 and control bytes in the output" {
	# Each byte outside valid UTF-8 becomes U+FFFD (documented in sbx(1)):
	# lone bytes, a bad continuation, an overlong form, a surrogate.
	cat >bad.py <<'PY'
import sys
sys.stdout.buffer.write(b'ok \xff\xfe|\xc3(|\xc0\xaf|\xed\xa0\x80|\x00\x1b\t"\\|\xe2\x82\xac end\n')
sys.stderr.buffer.write(b'err \x80\x7f\n')
PY
	run -0 --separate-stderr sbx --json python bad.py </dev/null
	assert_json_result "$output" status='"ok"' \
	    stdout='"ok \ufffd\ufffd|\ufffd(|\ufffd\ufffd|\ufffd\ufffd\ufffd|\u0000\u001b\t\"\\|\u20ac end\n"' \
	    stderr='"err \ufffd\u007f\n"'
	[ -z "$stderr" ]
}

#!/usr/bin/env bats
# sbx against an engine it reaches over TCP only. Runs under
# tests/with-tcp-engine.sh (make test-remote), which sets up the endpoint,
# hides the engine's socket and gives the tests a TMPDIR the daemon cannot
# see; tests/engine then runs the same way.

# bats file_tags=engine,remote

load ../engine/engine_helper

setup_file() {
	[ -n "${SBX_REMOTE_TEST:-}" ] ||
		flunk "run this through tests/with-tcp-engine.sh ('make test-remote')"
	require_engine
	require_images
}

@test "the engine's socket is out of reach; the TCP endpoint is the way in" {
	run ! docker -H "unix://$SBX_REMOTE_SOCKET" version
	run -0 docker info --format '{{.ID}}'
	[ "$output" = "$SBX_REMOTE_DAEMON_ID" ]
}

@test "a bind mount of a caller's file finds nothing on the daemon's side" {
	echo secret >"$BATS_TEST_TMPDIR/file"
	run docker run --rm --pull=never --network=none \
	    --mount "type=bind,source=$BATS_TEST_TMPDIR,target=/x,readonly" \
	    sbx/python:latest cat /x/file
	[ "$output" != secret ]
}

@test "code from a file and streamed input travel to the remote engine" {
	printf 'import sys\nfor line in sys.stdin:\n    print(line.strip().upper())\n' >up.py
	run -0 --separate-stderr sbx python up.py <<<$'abc\ndef'
	[ "$output" = $'ABC\nDEF' ]
	[ -z "$stderr" ]
}

@test "a traceback names the caller's path, not one on the engine's host" {
	mkdir src
	printf 'def f():\n    raise ValueError("x")\nf()\n' >src/app.py
	run -1 --separate-stderr sbx python src/app.py
	[[ "$stderr" == *'File "src/app.py", line 2, in f'* ]]
}

@test "sbx follows DOCKER_CONTEXT to the remote engine" {
	export DOCKER_CONFIG=$BATS_TEST_TMPDIR/docker-config
	docker context create sbx-far --docker "host=$SBX_REMOTE_ENDPOINT" >/dev/null 2>&1
	DOCKER_HOST= DOCKER_CONTEXT=sbx-far run -0 --separate-stderr sbx node - <<<'console.log(6 * 7)'
	[ "$output" = 42 ]
}

@test "--doctor reports the remote endpoint and the context that chose it" {
	context=default
	[ "$SBX_REMOTE_TEST" = context ] && context=sbx-remote
	run -0 --separate-stderr "$SBX" --doctor
	[[ "${lines[0]}" == "ok   engine     'docker' answers at $SBX_REMOTE_ENDPOINT (context $context), server "* ]]
}

@test "a remote engine whose relay is gone fails fast with one sbx line" {
	DOCKER_HOST=tcp://127.0.0.1:1 DOCKER_CONTEXT= run -125 --separate-stderr sbx python - <<<'print(1)'
	[ "$(grep -c '^sbx: ' <<<"$stderr")" -eq 1 ]
	[[ "$stderr" == *"sbx: the engine 'docker' cannot reach its daemon (Cannot connect to the Docker daemon at tcp://127.0.0.1:1."* ]]
}

#!/usr/bin/env bats
# Engine trouble against the real engine: exit 125 and one clear sbx line.

# bats file_tags=engine

load engine_helper

# The lines of $stderr that sbx itself wrote.
sbx_lines() {
	grep '^sbx: ' <<<"$stderr"
}

@test "a missing image exits 125 with one sbx line that says how to get it" {
	run -125 --separate-stderr sbx -i sbx/does-not-exist python - <<<'print(1)'
	[ -z "$output" ]
	[ "$(sbx_lines)" = "sbx: image 'sbx/does-not-exist' is not there; sbx never pulls: '$ENGINE pull sbx/does-not-exist' or build it first" ]
}

@test "an unreachable engine exits 125 with one sbx line" {
	run -125 --separate-stderr unreachable_engine sbx python - <<<'print(1)'
	[ -z "$output" ]
	[ "$(sbx_lines)" = "$(unreachable_line unix:///nonexistent)" ]
}

@test "a closed TCP port as the engine's host fails fast (under 5 s) with one sbx line" {
	start=$(date +%s%N)
	DOCKER_HOST=tcp://127.0.0.1:1 CONTAINER_HOST=tcp://127.0.0.1:1 \
	    run -125 --separate-stderr sbx python - <<<'print(1)'
	ms=$((($(date +%s%N) - start) / 1000000))
	((ms < 5000)) || flunk "took ${ms} ms"
	[ "$(sbx_lines)" = "$(unreachable_line tcp://127.0.0.1:1)" ]
}

@test "a docker context that points nowhere fails with one sbx line" {
	# Docker's own feature: --engine docker whatever the engine under test.
	# DOCKER_HOST (make test-remote sets it) would beat DOCKER_CONTEXT.
	unset DOCKER_HOST
	export DOCKER_CONFIG=$BATS_TEST_TMPDIR/docker-config
	docker context create sbx-nowhere --docker host=tcp://127.0.0.1:1 >/dev/null 2>&1
	DOCKER_CONTEXT=sbx-nowhere run -125 --separate-stderr sbx --engine docker python - <<<'print(1)'
	[[ "$(sbx_lines)" == "sbx: the engine 'docker' cannot reach its daemon (Cannot connect to the Docker daemon at tcp://127.0.0.1:1."* ]]
	DOCKER_CONTEXT=sbx-missing run -125 --separate-stderr sbx --engine docker python - <<<'print(1)'
	[[ "$(sbx_lines)" == "sbx: the engine 'docker' cannot reach its daemon ("*"context \"sbx-missing\": context not found"* ]]
}

@test "a program that is no engine (/bin/true) exits 125, not 0" {
	run -125 --separate-stderr sbx --engine /bin/true python - <<<'print(1)'
	[ "$stderr" = "sbx: '/bin/true' is not a docker-compatible engine ('/bin/true version' said: nothing, status 0); set --engine or SBX_ENGINE to docker or podman" ]
}

@test "an engine program that does not exist exits 125 with one sbx line" {
	run -125 --separate-stderr sbx --engine /nonexistent/docker python - <<<'print(1)'
	[ -z "$output" ]
	[ "$stderr" = "sbx: cannot run the engine '/nonexistent/docker': No such file or directory; install it ('make setup') or pick another with --engine" ]
}

@test "--doctor passes every check against the set-up engine" {
	run -0 --separate-stderr "$SBX" --doctor
	if [ "$ENGINE" = podman ]; then
		[[ "${lines[0]}" == "ok   engine     'podman' answers, server "* ]]
	else
		[[ "${lines[0]}" == "ok   engine     'docker' answers at "*" (context "*"), server "* ]]
	fi
	[[ "$output" == *"ok   image      sbx/python:latest present"* ]]
	[[ "$output" == *"ok   image      sbx/node:latest present"* ]]
	! grep -q '^FAIL' <<<"$output"
}

@test "--doctor names the endpoint that DOCKER_HOST or the context chose" {
	read -r context host < <(docker context inspect --format '{{.Name}} {{.Endpoints.docker.Host}}')
	# Docker's own feature: --engine docker whatever the engine under test.
	run -0 --separate-stderr "$SBX" --engine docker --doctor
	[[ "${lines[0]}" == "ok   engine     'docker' answers at $host (context $context), server "* ]]
}

@test "--doctor says what to fix when the engine does not answer" {
	run -125 --separate-stderr unreachable_engine "$SBX" --doctor
	want=$(unreachable_line unix:///nonexistent)
	[ "${lines[0]}" = "FAIL engine     ${want#sbx: }" ]
}

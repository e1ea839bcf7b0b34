#!/usr/bin/env bats
# Telling a working engine from a missing one, one whose daemon is down and
# a program that is no engine at all: each is status 125, fast, with one
# sbx line that names the engine, what failed and what to do.

load ../test_helper

setup() {
	use_fake_docker
	cd "$BATS_TEST_TMPDIR"
	mkdir bin
	# These fakes speak docker's dialect and name themselves docker;
	# podman's own case says --engine podman.
	export SBX_ENGINE=docker
}

# An engine program in $BATS_TEST_TMPDIR/bin: NAME, then its bash body.
fake_engine() {
	printf '#!/usr/bin/env bash\n%s\n' "$2" >"bin/$1"
	chmod +x "bin/$1"
}

# Run sbx and fail the test if it took 3 s or more: "fail fast".
sbx_fast() {
	local start=$SECONDS
	run --separate-stderr timeout 20 "$SBX" "$@" <<<'print(1)'
	((SECONDS - start < 3)) || flunk "took $((SECONDS - start))s"
}

# The lines of $stderr that sbx wrote.
sbx_lines() {
	grep '^sbx: ' <<<"$stderr"
}

@test "an engine that exits 0 for everything (/bin/true) is refused, not a success" {
	sbx_fast --engine /bin/true python -
	[ "$status" -eq 125 ]
	[ "$stderr" = "sbx: '/bin/true' is not a docker-compatible engine ('/bin/true version' said: nothing, status 0); set --engine or SBX_ENGINE to docker or podman" ]
}

@test "a program that rejects docker's options (ls) is refused as no engine" {
	sbx_fast --engine ls python -
	[ "$status" -eq 125 ]
	[ "$(sbx_lines | wc -l)" -eq 1 ]
	[[ "$(sbx_lines)" == "sbx: 'ls' is not a docker-compatible engine ('ls version' said: ls: "*"); set --engine or SBX_ENGINE to docker or podman" ]]
}

@test "a program that prints garbage and exits 0 is refused as no engine" {
	fake_engine garbage 'cat >/dev/null; echo "garbage out"'
	sbx_fast --engine "$PWD/bin/garbage" python -
	[ "$status" -eq 125 ]
	[ "$output" = "garbage out" ]
	[ "$stderr" = "sbx: '$PWD/bin/garbage' is not a docker-compatible engine ('$PWD/bin/garbage version' said: garbage out); set --engine or SBX_ENGINE to docker or podman" ]
}

@test "a program that prints garbage and exits 125 is refused as no engine" {
	fake_engine garbage 'echo "what is $1?" >&2; exit 125'
	SBX_ENGINE=garbage PATH="$PWD/bin:$PATH" sbx_fast python -
	[ "$status" -eq 125 ]
	[ "$(sbx_lines)" = "sbx: 'garbage' is not a docker-compatible engine ('garbage version' said: what is version?); set --engine or SBX_ENGINE to docker or podman" ]
}

@test "an engine whose daemon is down: 125, and no image check or removal warning" {
	FAKE_RUN_EXIT=125 FAKE_RUN_STDERR='docker: Cannot connect to the Docker daemon at tcp://h:1. Is the docker daemon running?\n' \
	    FAKE_INSPECT_EXIT=1 FAKE_RM_EXIT=1 FAKE_VERSION_EXIT=1 FAKE_VERSION_STDOUT= \
	    FAKE_VERSION_STDERR='Cannot connect to the Docker daemon at tcp://h:1. Is the docker daemon running?\n' \
	    sbx_fast python -
	[ "$status" -eq 125 ]
	[ "$(sbx_lines)" = "sbx: the engine 'docker' cannot reach its daemon (Cannot connect to the Docker daemon at tcp://h:1. Is the docker daemon running?): start the daemon, or point DOCKER_HOST or the docker context at a running one" ]
	[ "$(fake_verbs | tr '\n' ' ')" = "run inspect version rm " ]
}

@test "a missing docker context is reported as the daemon being out of reach" {
	FAKE_RUN_EXIT=125 FAKE_INSPECT_EXIT=1 FAKE_RM_EXIT=1 FAKE_VERSION_EXIT=1 FAKE_VERSION_STDOUT= \
	    FAKE_VERSION_STDERR='Failed to initialize: unable to resolve docker endpoint: context "far": context not found\n' \
	    sbx_fast python -
	[ "$status" -eq 125 ]
	[[ "$(sbx_lines)" == "sbx: the engine 'docker' cannot reach its daemon (Failed to initialize: unable to resolve docker endpoint: context \"far\": context not found): "* ]]
}

@test "an engine that answers nothing within 5 s is given up on" {
	fake_engine docker 'echo "--- $1" >>"$FAKE_DOCKER_LOG"
	case $1 in run) exit 125 ;; version) exec sleep 60 ;; esac; exit 1'
	start=$SECONDS
	PATH="$PWD/bin:$PATH" run --separate-stderr timeout 20 "$SBX" python - <<<'x'
	[ "$status" -eq 125 ]
	((SECONDS - start < 8)) || flunk "took $((SECONDS - start))s"
	[ "$stderr" = "sbx: the engine 'docker' did not answer 'docker version' within 5s: its daemon is unreachable or stuck; check DOCKER_HOST or the docker context, or restart the daemon" ]
}

@test "the program's own exit 125 on a working engine stays the program's" {
	FAKE_RUN_EXIT=125 FAKE_INSPECT='false 125 ' sbx_fast python -
	[ "$status" -eq 125 ]
	[ -z "$stderr" ]
	[ "$(fake_verbs | tr '\n' ' ')" = "run inspect rm " ]
}

@test "a silent rm of a working engine counts as removed (podman: never created)" {
	fake_engine docker 'echo "--- $1" >>"$FAKE_DOCKER_LOG"
	case $1 in run) cat >/dev/null ;; version) echo 4.3.1 ;; esac; exit 0'
	PATH="$PWD/bin:$PATH" sbx_fast python -
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ "$(fake_verbs | tr '\n' ' ')" = "run rm version " ]
}

@test "a normal run asks the engine nothing beyond run and rm" {
	sbx_fast python -
	[ "$status" -eq 0 ]
	[ "$(fake_verbs | tr '\n' ' ')" = "run rm " ]
}

@test "--json reports a program that is no engine as sandbox_error with the message" {
	sbx_fast --json --engine /bin/true python -
	[ "$status" -eq 125 ]
	python3 -c 'import json,sys; r=json.loads(sys.argv[1]); assert r["status"]=="sandbox_error" and r["exitCode"]==125 and r["message"].startswith("'"'"'/bin/true'"'"' is not a docker-compatible engine"), r' "$output"
}

@test "--gc refuses a program that is no engine instead of finding nothing" {
	sbx_fast --engine /bin/true --gc
	[ "$status" -eq 125 ]
	[[ "$stderr" == "sbx: '/bin/true' is not a docker-compatible engine"* ]]
}

@test "--doctor names what is wrong with the engine" {
	sbx_fast --engine /bin/true --doctor
	[ "$status" -eq 125 ]
	[[ "${lines[0]}" == "FAIL engine     '/bin/true' is not a docker-compatible engine"* ]]
	sbx_fast --engine /nonexistent/docker --doctor
	[ "$status" -eq 125 ]
	[ "${lines[0]}" = "FAIL engine     cannot run the engine '/nonexistent/docker': No such file or directory; install it ('make setup') or pick another with --engine" ]
}

@test "DOCKER_HOST and DOCKER_CONTEXT reach every engine call" {
	fake_engine docker 'echo "$1 ${DOCKER_HOST-unset} ${DOCKER_CONTEXT-unset}" >>"$FAKE_DOCKER_LOG"
	case $1 in run) cat >/dev/null; echo ran ;; rm) echo "${@: -1}" ;; esac'
	DOCKER_HOST=ssh://me@far DOCKER_CONTEXT=far PATH="$PWD/bin:$PATH" sbx_fast python -
	[ "$status" -eq 0 ]
	[ "$output" = ran ]
	[ "$(cat "$FAKE_DOCKER_LOG")" = "run ssh://me@far far
rm ssh://me@far far" ]
}

@test "podman whose service is out of reach is pointed at CONTAINER_HOST" {
	fake_engine podman 'case $1 in
	version) echo "Cannot connect to Podman. Please verify your connection" >&2; exit 125 ;;
	run) cat >/dev/null; exit 125 ;;
	esac; exit 125'
	PATH="$PWD/bin:$PATH" sbx_fast --engine podman python -
	[ "$status" -eq 125 ]
	[ "$(sbx_lines)" = "sbx: the engine 'podman' cannot reach its daemon (Cannot connect to Podman. Please verify your connection): start the daemon, or point CONTAINER_HOST or the podman connection at a running one" ]
}

#!/usr/bin/env bash
# Run a command against the local Docker engine as if it were remote: over
# TCP, with the engine's socket out of the command's reach.
#
#   tests/with-tcp-engine.sh host COMMAND...     with DOCKER_HOST=tcp://127.0.0.1:2375
#   tests/with-tcp-engine.sh context COMMAND...  after 'docker context use' of a
#                                                context with that host (in a
#                                                throw-away DOCKER_CONFIG)
#
# Why this way. dockerd cannot get a "-H tcp://" listener without a restart
# (which would break everyone else's runs), and a lasting unauthenticated
# TCP socket is root for whoever reaches it. So the listener is socat,
# relaying 127.0.0.1:2375 to the daemon's own socket, in a network namespace
# of its own: its loopback is shared by the command alone, and lives only as
# long as the command. The daemon behind it is the real one (same ID).
# The command itself runs in a mount namespace where the daemon's socket is
# covered, so every engine call it makes (sbx's, the test helpers') has to
# take the TCP way, and where TMPDIR is a tmpfs that the daemon cannot see:
# a bind mount of a test's file would come up empty, so a suite that passes
# here gets its code and input into the container through stdin only.
# Needs root (or unprivileged user namespaces), socat, unshare and ip.
set -euo pipefail

PORT=2375
say() { printf 'with-tcp-engine: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 125; }

# Stage 3, in the private mount namespace: hide the socket, then run.
if [[ ${1:-} == --in-mountns ]]; then
	sock=$2 private=$3
	shift 3
	mount --bind /dev/null "$(realpath "$sock")"
	mount -t tmpfs -o mode=1777,size=4g sbx-remote "$private"
	docker -H "unix://$sock" version >/dev/null 2>&1 &&
		die "the engine's socket $sock is still reachable"
	export TMPDIR=$private
	exec "$@"
fi

# Stage 2, in the private network namespace: the relay, then stage 3.
if [[ ${1:-} == --in-netns ]]; then
	mode=$2 sock=$3 tmp=$4 daemon_id=$5
	shift 5
	ip link set lo up
	# -t: after one direction's EOF (the client's stdin) keep relaying the
	# other for up to a day; socat's default, 0.5 s, cuts the output short.
	# setsid: the relay and the children it forks share one process group.
	# Its errors (a client killed mid-stream: "Broken pipe") go to a log.
	setsid socat -t 86400 -lf "$tmp/relay.log" \
	    "TCP-LISTEN:$PORT,bind=127.0.0.1,fork,reuseaddr" "UNIX-CONNECT:$sock" &
	relay=$!
	trap 'kill -TERM -- -"$relay" 2>/dev/null; wait "$relay" 2>/dev/null || true' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	trap 'exit 129' HUP
	endpoint=tcp://127.0.0.1:$PORT
	for ((i = 0; ; i++)); do
		id=$(docker -H "$endpoint" info --format '{{.ID}}' 2>/dev/null) && break
		((i < 100)) || die "the relay on $endpoint does not answer"
		sleep 0.1
	done
	[[ $id == "$daemon_id" ]] || die "$endpoint leads to daemon $id, not $daemon_id"
	unset DOCKER_HOST DOCKER_CONTEXT
	if [[ $mode == host ]]; then
		export DOCKER_HOST=$endpoint
	else
		export DOCKER_CONFIG=$tmp/docker-config
		mkdir -p "$DOCKER_CONFIG"
		docker context create sbx-remote --docker "host=$endpoint" >/dev/null 2>&1
		docker context use sbx-remote >/dev/null 2>&1
		[[ $(docker context show) == sbx-remote ]] || die "'docker context use' did not take"
	fi
	export SBX_REMOTE_TEST=$mode SBX_REMOTE_ENDPOINT=$endpoint \
	    SBX_REMOTE_DAEMON_ID=$daemon_id SBX_REMOTE_SOCKET=$sock
	say "$mode mode: the engine at $endpoint (daemon $daemon_id); running $*"
	status=0
	unshare --mount --propagation private -- "$0" --in-mountns "$sock" \
	    "$tmp/private" "$@" || status=$?
	exit "$status"
fi

# Stage 1: check, find the daemon's socket, enter the network namespace.
mode=${1:-}
[[ $mode == host || $mode == context ]] && (($# >= 2)) ||
	die "usage: $0 host|context COMMAND..."
shift
for tool in socat unshare ip docker; do
	command -v "$tool" >/dev/null ||
		die "$tool is missing: 'make setup' installs what the tests need"
done
host=$(docker context inspect --format '{{.Endpoints.docker.Host}}' 2>/dev/null) ||
	die "docker cannot name its engine's endpoint: run 'make setup' first"
[[ $host == unix://* ]] || die "the engine is at $host; this needs a local one (unix://)"
sock=${host#unix://}
daemon_id=$(docker info --format '{{.ID}}' 2>/dev/null) ||
	die "the engine at $host does not answer: run 'make setup' first"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sbx-remote.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/private"
unshare_opts=(--net)
((EUID == 0)) || unshare_opts=(--map-root-user --net)
status=0
unshare "${unshare_opts[@]}" -- "$0" --in-netns "$mode" "$sock" "$tmp" \
    "$daemon_id" "$@" || status=$?
exit "$status"

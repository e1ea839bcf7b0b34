#!/usr/bin/env bash
# A private Docker engine for the fault tests (tests/faults/faults.bats):
# a dockerd of its own that the tests kill, pause and restart, so that the
# shared engine, and everyone's runs on it, is never touched.
#
#   private-engine.sh start    start it (again, after a kill) and load the
#                              images sbx/python and sbx/node into it from
#                              the shared engine when it lacks them
#   private-engine.sh stop     remove its containers, end it and its
#                              containerd; the data root (images) stays
#   private-engine.sh kill     SIGKILL dockerd (its containerd and the
#                              containers' shims go on, as after a crash)
#   private-engine.sh pause | resume    SIGSTOP | SIGCONT dockerd
#   private-engine.sh pid      dockerd's pid, if it runs
#
# What is its own: --data-root, --exec-root, --pidfile, the socket (-H),
# a bridge of its own (sbxfaults0, made here, on 198.18.213.1/24, from the
# range set aside for benchmarks; sbx's containers use no network), no
# iptables rules, no sysctl (ip_forward), cgroups under /sbx-faults, and an
# empty configuration file instead of /etc/docker/daemon.json. Not
# --bridge=none: a dockerd told that deletes the host's docker0, which is
# the shared engine's. containerd: dockerd starts one of its own under
# its --exec-root unless a system containerd answers at
# /run/containerd/containerd.sock, which it would then share; the
# namespaces below keep its containers and plugins apart in that case.
# The shared engine is only read from (docker save of the images).
# Needs root. Prints what it does on stderr; exits non-zero on failure.
set -euo pipefail

RUN_DIR=/run/sbx-faults
DATA_ROOT=${SBX_FAULTS_DATA_ROOT:-/var/lib/sbx-faults}
SOCK=$RUN_DIR/docker.sock
PIDFILE=$RUN_DIR/dockerd.pid
EXEC_ROOT=$RUN_DIR/exec
LOG=$RUN_DIR/dockerd.log
BRIDGE=sbxfaults0
BRIDGE_ADDR=198.18.213.1/24
IMAGES=(sbx/python:latest sbx/node:latest)
export PRIVATE_HOST=unix://$SOCK

say() { printf 'private-engine: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
# The private engine's CLI, and the shared one's (whatever the caller's
# environment pointed at).
private() { DOCKER_HOST=$PRIVATE_HOST DOCKER_CONTEXT='' command docker "$@"; }
shared() { command docker "$@"; }

# Running, and not a zombie that nobody reaped yet (a killed dockerd whose
# parent is an init that does not reap).
alive() {
	local state
	[ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null || return 1
	state=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)
	[ -n "$state" ] && [ "$state" != Z ]
}

dockerd_pid() {
	local pid
	[ -s "$PIDFILE" ] || return 1
	pid=$(cat "$PIDFILE")
	alive "$pid" && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = dockerd ] || return 1
	echo "$pid"
}

# dockerd's own containerd (when it started one), from its pid file.
containerd_pid() {
	local f=$EXEC_ROOT/containerd/containerd.pid pid
	[ -s "$f" ] || return 1
	pid=$(cat "$f")
	alive "$pid" && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = containerd ] || return 1
	echo "$pid"
}

answers() { private version --format '{{.Server.Version}}' >/dev/null 2>&1; }

start_daemon() {
	local pid i
	mkdir -p "$RUN_DIR" "$DATA_ROOT"
	echo '{}' >"$RUN_DIR/daemon.json"
	# A killed dockerd, and the containerd that dies with it, may stay
	# zombies (an init that does not reap them), which a new dockerd takes
	# for a running daemon, and a containerd it should use.
	rm -f "$PIDFILE"
	[ "$(stat -c %s "$LOG" 2>/dev/null || echo 0)" -lt $((20 << 20)) ] || : >"$LOG"
	containerd_pid >/dev/null || rm -f "$EXEC_ROOT/containerd/containerd.pid"
	if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
		if ! { ip link add name "$BRIDGE" type bridge &&
		    ip addr add "$BRIDGE_ADDR" dev "$BRIDGE" &&
		    ip link set "$BRIDGE" up; }; then
			die "could not make the bridge $BRIDGE"
		fi
	fi
	say "starting dockerd (data root $DATA_ROOT, socket $SOCK, log $LOG)"
	# setsid: its own session, so that a ^C to the tests does not reach it.
	setsid dockerd \
	    --config-file "$RUN_DIR/daemon.json" \
	    --data-root "$DATA_ROOT" \
	    --exec-root "$EXEC_ROOT" \
	    --pidfile "$PIDFILE" \
	    -H "$PRIVATE_HOST" \
	    --bridge="$BRIDGE" --iptables=false --ip6tables=false --ip-masq=false \
	    --ip-forward=false \
	    --cgroup-parent=/sbx-faults \
	    --containerd-namespace=sbx-faults \
	    --containerd-plugins-namespace=sbx-faults-plugins \
	    >>"$LOG" 2>&1 </dev/null &
	pid=$!
	for ((i = 0; i < 600; i++)); do
		answers && return 0
		alive "$pid" || { tail -n 20 "$LOG" >&2; die "dockerd exited (log: $LOG)"; }
		sleep 0.1
	done
	tail -n 20 "$LOG" >&2
	die "dockerd did not answer within 60 s (log: $LOG)"
}

load_images() {
	local image want have
	for image in "${IMAGES[@]}"; do
		want=$(shared image inspect --format '{{.Id}}' "$image" 2>/dev/null) ||
			die "the shared engine has no $image: run 'make setup' first"
		have=$(private image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)
		[ "$have" = "$want" ] && continue
		say "loading $image into the private engine"
		shared save "$image" | private load >/dev/null ||
			die "could not load $image into the private engine"
	done
}

cmd_start() {
	local pid
	if pid=$(dockerd_pid); then
		kill -CONT "$pid"
		answers || die "a private dockerd (pid $pid) runs but does not answer"
	else
		start_daemon
	fi
	[ "$(private info --format '{{.DockerRootDir}}')" = "$DATA_ROOT" ] ||
		die "$SOCK leads to an engine whose data root is not $DATA_ROOT"
	load_images
}

cmd_stop() {
	local pid ids i
	if ! pid=$(dockerd_pid) && ! containerd_pid >/dev/null; then
		ip link del "$BRIDGE" 2>/dev/null || true
		return 0
	fi
	# Its containers go first, through the engine (after a kill, a
	# dockerd started again finds what the old one left).
	cmd_start_bare
	pid=$(dockerd_pid)
	mapfile -t ids < <(private ps --all --quiet)
	((${#ids[@]} == 0)) || private rm --force "${ids[@]}" >/dev/null 2>&1 || true
	say "stopping dockerd (pid $pid)"
	kill -TERM "$pid"
	for ((i = 0; i < 300; i++)); do
		alive "$pid" || break
		sleep 0.1
	done
	alive "$pid" && kill -KILL "$pid"
	if pid=$(containerd_pid); then
		kill -TERM "$pid"
		for ((i = 0; i < 100; i++)); do alive "$pid" || break; sleep 0.1; done
		alive "$pid" && kill -KILL "$pid"
	fi
	rm -f "$SOCK" "$PIDFILE"
	ip link del "$BRIDGE" 2>/dev/null || true
}

# Running and answering, images or not.
cmd_start_bare() {
	local pid
	if pid=$(dockerd_pid); then
		kill -CONT "$pid"
	else
		start_daemon
	fi
}

case ${1:-} in
start) cmd_start ;;
stop) cmd_stop ;;
kill) pid=$(dockerd_pid) || die "no private dockerd runs"; kill -KILL "$pid" ;;
pause) pid=$(dockerd_pid) || die "no private dockerd runs"; kill -STOP "$pid" ;;
resume) pid=$(dockerd_pid) || die "no private dockerd runs"; kill -CONT "$pid" ;;
pid) dockerd_pid ;;
host) echo "$PRIVATE_HOST" ;;
*) die "usage: $0 start|stop|kill|pause|resume|pid|host" ;;
esac

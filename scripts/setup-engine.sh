#!/usr/bin/env bash
# Make sure a Docker engine answers, for sbx.  Meant for a fresh Debian 12
# machine, run as root:
#   - `docker info` works already: do nothing (this check is all it costs);
#   - dockerd missing: apt-get install docker.io (and debootstrap, which
#     docker/build-images.sh needs to build images without a registry);
#   - dockerd not running: start it (systemctl when systemd runs, else
#     `nohup dockerd` logging to $SBX_DOCKERD_LOG) and wait up to
#     $SBX_SETUP_TIMEOUT seconds (60) for `docker info`.
set -euo pipefail

LOG=${SBX_DOCKERD_LOG:-/var/log/sbx-dockerd.log}
WAIT=${SBX_SETUP_TIMEOUT:-60}

say() { printf 'sbx setup: %s\n' "$*" >&2; }
die() { printf 'sbx setup: error: %s\n' "$*" >&2; exit 1; }

engine_answers() { command -v docker >/dev/null && docker info >/dev/null 2>&1; }

engine_answers && exit 0

((EUID == 0)) || die "the Docker engine does not answer and setting it up needs root; run: sudo $0"

systemd=0
[[ -d /run/systemd/system ]] && command -v systemctl >/dev/null && systemd=1

# Install what is missing.
pkgs=()
command -v dockerd >/dev/null && command -v docker >/dev/null || pkgs+=(docker.io)
command -v debootstrap >/dev/null || pkgs+=(debootstrap)
if ((${#pkgs[@]})); then
    command -v apt-get >/dev/null \
        || die "no apt-get: install a Docker engine (dockerd) and debootstrap by hand"
    say "installing ${pkgs[*]} (apt-get)"
    apt-get -q update >/dev/null || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get -q install -y "${pkgs[@]}" >/dev/null \
        || die "apt-get install ${pkgs[*]} failed"
    command -v dockerd >/dev/null || die "dockerd is still missing after installing docker.io"
    # the package's own scripts may have started the daemon
    engine_answers && { say "engine is up"; exit 0; }
fi

# Start the daemon unless one is already running (then it may be starting up).
started=0
if ((systemd)); then
    say "starting docker (systemctl)"
    systemctl start docker || say "systemctl start docker failed; waiting anyway"
elif pgrep -x dockerd >/dev/null 2>&1; then
    say "dockerd is running but does not answer yet; waiting"
else
    say "starting dockerd in the background (log: $LOG)"
    mkdir -p -- "$(dirname -- "$LOG")"
    # its own session: survives this shell and its terminal
    nohup setsid dockerd >"$LOG" 2>&1 </dev/null &
    started=1
fi

# Wait for it to answer.
SECONDS=0
deadline=$WAIT
until engine_answers; do
    if ((started)) && ((SECONDS >= 2)) && ! pgrep -x dockerd >/dev/null 2>&1; then
        say "dockerd exited; last lines of $LOG:"
        tail -n 20 "$LOG" >&2 || true
        die "dockerd did not start"
    fi
    if ((SECONDS >= deadline)); then
        if ((systemd)); then
            say "last lines of the docker service log:"
            journalctl -u docker --no-pager -n 20 >&2 2>/dev/null || true
        elif [[ -r $LOG ]]; then
            say "last lines of $LOG:"
            tail -n 20 "$LOG" >&2 || true
        fi
        die "the Docker engine did not answer within ${WAIT}s ('docker info' fails)"
    fi
    sleep 0.5
done
say "engine is up"

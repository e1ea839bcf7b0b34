#!/usr/bin/env bash
# Register gVisor's runsc with the Docker engine, so that
# `sbx --runtime runsc` works. Does nothing when runsc is not installed
# (apt-get install runsc) or is registered and starts containers already.
#
# Registration is a "runtimes" entry in the daemon's configuration
# ($SBX_DOCKER_DAEMON_JSON, /etc/docker/daemon.json) and a reload
# (SIGHUP: running containers are not touched). Some kernels need
# "runtimeArgs": ["--network=none"]: there runsc refuses every container
# ("cannot run with network enabled in root network namespace"), even one
# started with --network=none. The script tries without it first and adds
# it only when that is the failure; then gVisor gives containers no
# network at all, which is what sbx's default --network none asks anyway.
set -euo pipefail

CONF=${SBX_DOCKER_DAEMON_JSON:-/etc/docker/daemon.json}
PROBE_IMAGE=${SBX_PROBE_IMAGE:-sbx/python:latest}

say() { printf 'sbx setup: %s\n' "$*" >&2; }
die() { printf 'sbx setup: error: %s\n' "$*" >&2; exit 1; }

command -v runsc >/dev/null || exit 0
RUNSC=$(command -v runsc)

registered() { docker info --format '{{json .Runtimes}}' 2>/dev/null | grep -q '"runsc"'; }

# Prints the engine's error when runsc cannot start a container.
probe() {
    docker run --rm --runtime=runsc --network=none --pull=never \
        "$PROBE_IMAGE" true 2>&1 >/dev/null
}

if registered && probe >/dev/null; then
    exit 0
fi
((EUID == 0)) || die "registering runsc with the engine needs root; run: sudo $0"
command -v python3 >/dev/null ||
    die "python3 is needed to edit $CONF; add {\"runtimes\": {\"runsc\": {\"path\": \"$RUNSC\"}}} to it by hand and reload dockerd"

# Set (or replace) the runsc entry, keeping every other setting.
write_conf() {
    mkdir -p -- "$(dirname -- "$CONF")"
    python3 - "$CONF" "$RUNSC" "$@" <<'EOF'
import json, os, sys
conf, path, args = sys.argv[1], sys.argv[2], sys.argv[3:]
try:
    with open(conf) as f:
        settings = json.load(f)
except FileNotFoundError:
    settings = {}
entry = {"path": path}
if args:
    entry["runtimeArgs"] = args
settings.setdefault("runtimes", {})["runsc"] = entry
tmp = conf + ".sbx-tmp"
with open(tmp, "w") as f:
    json.dump(settings, f, indent=4)
    f.write("\n")
os.replace(tmp, conf)
EOF
}

reload_engine() {
    if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null; then
        systemctl reload docker
    else
        pkill -HUP -x dockerd || die "no dockerd to reload; start it with scripts/setup-engine.sh"
    fi
    local i
    for ((i = 0; i < 50; i++)); do
        registered && return 0
        sleep 0.2
    done
    die "dockerd did not pick up runsc from $CONF; check its log"
}

say "registering runsc ($RUNSC) with the engine in $CONF"
write_conf
reload_engine
if ! err=$(probe); then
    case $err in
    *"network enabled in root network namespace"*)
        say "this kernel needs runsc --network=none; registering it with that"
        write_conf --network=none
        reload_engine
        err=$(probe) || die "runsc still cannot start a container: $err"
        ;;
    *)
        die "runsc is registered but cannot start a container: $err"
        ;;
    esac
fi
say "runsc is registered: sbx --runtime runsc works"

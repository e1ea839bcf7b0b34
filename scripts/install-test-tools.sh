#!/usr/bin/env bash
# What the test suite runs besides sbx: bats-core, python3 (JSON checks),
# valgrind, and for make test-remote socat and ip (the TCP relay).
set -euo pipefail
pkgs=()
command -v bats >/dev/null || pkgs+=(bats)
command -v python3 >/dev/null || pkgs+=(python3)
command -v valgrind >/dev/null || pkgs+=(valgrind)
command -v socat >/dev/null || pkgs+=(socat)
command -v ip >/dev/null || pkgs+=(iproute2)
((${#pkgs[@]})) || exit 0
((EUID == 0)) || { echo "sbx setup: install ${pkgs[*]} (needs root)" >&2; exit 1; }
echo "sbx setup: installing ${pkgs[*]} (apt-get)" >&2
apt-get -q update >/dev/null
DEBIAN_FRONTEND=noninteractive apt-get -q install -y "${pkgs[@]}" >/dev/null

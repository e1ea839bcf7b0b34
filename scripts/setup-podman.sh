#!/usr/bin/env bash
# Make sure rootful podman works for sbx.  Meant for a fresh Debian 12
# machine, run as root:
#   - `podman info` works and podman's init (catatonit, for --init) is there:
#     do nothing (this check is all it costs);
#   - otherwise apt-get install what is missing: podman; catatonit, which
#     Debian's podman only recommends (tini satisfies the recommendation,
#     but podman's --init looks for /usr/libexec/podman/catatonit); and
#     debootstrap, which docker/build-images.sh needs to build images
#     without a registry when docker has none to copy.
# Podman has no daemon: nothing to start.
set -euo pipefail

say() { printf 'sbx setup: %s\n' "$*" >&2; }
die() { printf 'sbx setup: error: %s\n' "$*" >&2; exit 1; }

CATATONIT=/usr/libexec/podman/catatonit

podman_works() { command -v podman >/dev/null && podman info >/dev/null 2>&1; }

pkgs=()
podman_works || pkgs+=(podman)
[[ -x $CATATONIT ]] || pkgs+=(catatonit)
command -v debootstrap >/dev/null || pkgs+=(debootstrap)
((${#pkgs[@]})) || exit 0

((EUID == 0)) || die "podman needs ${pkgs[*]} and installing them needs root; run: sudo $0"
command -v apt-get >/dev/null \
    || die "no apt-get: install ${pkgs[*]} by hand"
say "installing ${pkgs[*]} (apt-get)"
apt-get -q update >/dev/null || die "apt-get update failed"
DEBIAN_FRONTEND=noninteractive apt-get -q install -y "${pkgs[@]}" >/dev/null \
    || die "apt-get install ${pkgs[*]} failed"
podman_works || die "'podman info' still fails after installing podman"
[[ -x $CATATONIT ]] || die "$CATATONIT is still missing: 'podman run --init' will fail"
say "podman is ready"

#!/usr/bin/env bash
# Build the sbx sandbox images sbx/python:latest and sbx/node:latest.
#
# usage: docker/build-images.sh [--force] [--refresh-base] [--offline] [python] [node]
#
# Per image: if the official slim base (python:3.12-slim / node:20-slim) is
# present or can be pulled, build FROM it.  Otherwise (no registry) build an
# offline base from Debian packages once -- debootstrap --variant=minbase of
# bookworm plus python3 (or nodejs), patched from bookworm-security, imported
# as sbx-base/<lang>:bookworm -- and build FROM that.  Needs root and
# debootstrap for the offline path only.
#
# With ENGINE=podman (or any engine other than docker), an image that docker
# already has is copied instead (docker save | podman load): no registry,
# no debootstrap, a few seconds, and both engines run the very same image.
# Set SBX_COPY_FROM= (empty) to build with the engine itself instead.
#
# environment:
#   ENGINE              container CLI (docker, podman)            [docker]
#   SBX_COPY_FROM       engine to copy existing images from       [docker]
#   SBX_OFFLINE=1       do not try the registry; same as --offline
#   SBX_PULL_TIMEOUT    seconds allowed for pulling a base        [20]
#   SBX_PYTHON_BASE     registry base for python     [docker.io/library/python:3.12-slim]
#   SBX_NODE_BASE       registry base for node       [docker.io/library/node:20-slim]
#   SBX_DEBIAN_MIRROR   Debian mirror for debootstrap [from /etc/apt, else deb.debian.org]
#   SBX_DEBIAN_SECURITY Debian security mirror        [from /etc/apt, else deb.debian.org]
set -euo pipefail

ENGINE=${ENGINE:-docker}
COPY_FROM=${SBX_COPY_FROM-docker}
SUITE=bookworm
SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
PULL_TIMEOUT=${SBX_PULL_TIMEOUT:-20}

force=0
refresh_base=0
offline=0
[[ ${SBX_OFFLINE:-0} == 1 ]] && offline=1
registry_down=0   # set after the first failed pull: do not wait again
rootfs=""         # debootstrap target being built; removed on exit

say() { printf 'sbx images: %s\n' "$*" >&2; }
die() { printf 'sbx images: error: %s\n' "$*" >&2; exit 1; }

usage() {
    sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"
}

cleanup() {
    if [[ -n $rootfs && -d $rootfs ]]; then
        # debootstrap/chroot may leave proc or sys mounted inside the target
        local m
        for m in proc sys dev/pts dev; do
            if mountpoint -q "$rootfs/$m" 2>/dev/null; then
                umount -l "$rootfs/$m" || true
            fi
        done
        rm -rf --one-file-system "$rootfs"
    fi
    [[ -n $rootfs ]] && rm -f "$rootfs.log"
    return 0
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

image_exists() { "$ENGINE" image inspect "$1" >/dev/null 2>&1; }
image_id() { "$ENGINE" image inspect -f '{{.Id}}' "$1" 2>/dev/null || true; }

# The first URI in the apt sources (one-line or deb822 format) whose path
# matches $1 (a regex), e.g. '/debian/?$'.
apt_mirror() {
    local re=$1 f line uri
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
             /etc/apt/sources.list.d/*.sources; do
        [[ -r $f ]] || continue
        while IFS= read -r line; do
            line=${line%%#*}
            uri=""
            if [[ $line =~ ^[[:space:]]*deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+) ]]; then
                uri=${BASH_REMATCH[2]}
            elif [[ $line =~ ^[[:space:]]*URIs:[[:space:]]*([^[:space:]]+) ]]; then
                uri=${BASH_REMATCH[1]}
            fi
            if [[ -n $uri && $uri =~ $re ]]; then
                printf '%s\n' "${uri%/}"
                return 0
            fi
        done <"$f"
    done
    return 1
}

# Is the registry base usable? Present locally, or pulled within the timeout.
registry_base_ok() {
    local lang=$1 base=$2
    image_exists "$base" && return 0
    if ((offline)); then
        return 1
    fi
    if ((registry_down)); then
        say "$lang: registry unreachable (see above), not trying again"
        return 1
    fi
    say "$lang: pulling $base (at most ${PULL_TIMEOUT}s)"
    if timeout "$PULL_TIMEOUT" "$ENGINE" pull -q "$base" >/dev/null 2>&1 \
        && image_exists "$base"; then
        return 0
    fi
    registry_down=1
    return 1
}

# Build sbx-base/<lang>:bookworm from Debian packages.
build_offline_base() {
    local lang=$1 tag=$2 pkgs=$3 mirror security
    command -v debootstrap >/dev/null \
        || die "debootstrap is not installed (apt-get install debootstrap, or run scripts/setup-engine.sh)"
    ((EUID == 0)) || die "building the offline base needs root (debootstrap)"

    mirror=${SBX_DEBIAN_MIRROR:-$(apt_mirror '/debian/?$' || echo http://deb.debian.org/debian)}
    security=${SBX_DEBIAN_SECURITY:-$(apt_mirror '/debian-security/?$' || echo http://deb.debian.org/debian-security)}

    # not /tmp: it may be a nodev/noexec tmpfs
    rootfs=$(mktemp -d "${SBX_BUILD_DIR:-/var/tmp}/sbx-rootfs.XXXXXX")
    chmod 755 "$rootfs"
    say "$lang: debootstrap $SUITE --variant=minbase --include=$pkgs from $mirror"
    debootstrap --variant=minbase --include="$pkgs" "$SUITE" "$rootfs" "$mirror" \
        >"$rootfs.log" 2>&1 || {
        tail -n 20 "$rootfs.log" >&2
        rm -f "$rootfs.log"
        die "$lang: debootstrap failed"
    }
    rm -f "$rootfs.log"

    # Sources for security fixes; apply them now.
    cat >"$rootfs/etc/apt/sources.list" <<EOF
deb $mirror $SUITE main
deb $mirror $SUITE-updates main
deb $security $SUITE-security main
EOF
    cp /etc/resolv.conf "$rootfs/etc/resolv.conf" 2>/dev/null || true
    say "$lang: applying $SUITE-updates and $SUITE-security"
    if ! chroot "$rootfs" /bin/sh -c '
            export DEBIAN_FRONTEND=noninteractive LC_ALL=C
            apt-get -q update && apt-get -q -y --no-install-recommends upgrade
            apt-get clean' >"$rootfs.log" 2>&1; then
        tail -n 20 "$rootfs.log" >&2
        say "$lang: warning: could not apply updates; the base has the $SUITE point release"
    fi
    rm -f "$rootfs.log"

    # Slim down: package lists and caches, docs (copyright files stay), man
    # and info pages, translations, logs.
    rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/* \
           "$rootfs"/var/cache/debconf/*-old "$rootfs"/var/lib/dpkg/*-old \
           "$rootfs"/usr/share/man "$rootfs"/usr/share/info \
           "$rootfs"/usr/share/lintian "$rootfs"/usr/share/linda \
           "$rootfs"/var/log/* "$rootfs"/tmp/* "$rootfs"/var/tmp/* \
           "$rootfs"/root/.cache
    find "$rootfs/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete
    find "$rootfs/usr/share/doc" -mindepth 1 -type d -empty -delete
    find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias \
        -exec rm -rf {} +
    : >"$rootfs/etc/resolv.conf"
    rm -f "$rootfs/etc/hostname"
    # apt must not try to install docs/man pages if it is ever used in there
    cat >"$rootfs/etc/dpkg/dpkg.cfg.d/01-sbx-nodoc" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
EOF

    say "$lang: importing the rootfs as $tag"
    tar --numeric-owner -C "$rootfs" \
        --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -c . \
        | "$ENGINE" import \
            --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
            --change 'ENV LANG=C.UTF-8' \
            --change 'CMD ["/bin/sh"]' \
            --message "sbx offline base: debootstrap $SUITE minbase + $pkgs" \
            - "$tag" >/dev/null \
        || die "$lang: $ENGINE import failed"
    rm -rf --one-file-system "$rootfs"
    rootfs=""
}

# Quick check of a built image, run the way sbx runs it.
smoke_test() {
    local lang=$1 tag=$2 out
    local -a cmd
    case $lang in
        python) cmd=(python3 -c 'import os, json, sqlite3, ssl; print(os.getuid())') ;;
        node) cmd=(node -e 'console.log(process.getuid())') ;;
    esac
    # Explicit ulimits, as sbx gives them: rootful podman's defaults
    # (1048576) exceed the host's hard limits where CAP_SYS_RESOURCE is
    # missing, and then no container starts.
    out=$("$ENGINE" run --rm --network none --read-only --cap-drop ALL \
            --security-opt no-new-privileges --user sandbox \
            --ulimit nofile=256:256 --ulimit nproc=8192:8192 \
            "$tag" "${cmd[@]}" 2>&1) \
        || die "$lang: smoke test of $tag failed: $out"
    [[ $out == 10001 ]] || die "$lang: smoke test of $tag: expected uid 10001, got: $out"
}

# Copy TAG from $COPY_FROM when that engine has it; false when it cannot.
copy_from_other_engine() {
    local lang=$1 tag=$2
    [[ -n $COPY_FROM && $COPY_FROM != "$ENGINE" ]] || return 1
    command -v "$COPY_FROM" >/dev/null || return 1
    "$COPY_FROM" image inspect "$tag" >/dev/null 2>&1 || return 1
    say "$lang: copying $tag from $COPY_FROM ($COPY_FROM save | $ENGINE load)"
    # podman stores it as localhost/sbx/<lang>:latest; the short name finds it
    "$COPY_FROM" save "$tag" | "$ENGINE" load -q >/dev/null \
        || die "$lang: copying $tag from $COPY_FROM to $ENGINE failed"
    smoke_test "$lang" "$tag"
    say "$lang: $tag ready in $ENGINE (copied from $COPY_FROM)"
}

build_one() {
    local lang=$1 tag dir registry_base offline_base pkgs base old_base_id=""
    case $lang in
        python)
            registry_base=${SBX_PYTHON_BASE:-docker.io/library/python:3.12-slim}
            pkgs=python3,passwd ;;
        node)
            registry_base=${SBX_NODE_BASE:-docker.io/library/node:20-slim}
            pkgs=nodejs,passwd ;;
        *) die "unknown image '$lang' (python, node)" ;;
    esac
    tag=sbx/$lang:latest
    offline_base=sbx-base/$lang:$SUITE
    dir=$SCRIPT_DIR/$lang-sandbox

    if ((!force)) && image_exists "$tag"; then
        say "$lang: $tag exists, skipping (--force rebuilds)"
        return 0
    fi

    if copy_from_other_engine "$lang" "$tag"; then
        return 0
    fi

    if registry_base_ok "$lang" "$registry_base"; then
        base=$registry_base
    else
        if ((offline)); then
            say "$lang: offline, using a base built from Debian packages (debootstrap)"
        else
            say "$lang: registry unreachable, building offline base from Debian packages (debootstrap)"
        fi
        if ((refresh_base)) || ! image_exists "$offline_base"; then
            old_base_id=$(image_id "$offline_base")
            build_offline_base "$lang" "$offline_base" "$pkgs"
        else
            say "$lang: using cached offline base $offline_base (--refresh-base rebuilds)"
        fi
        base=$offline_base
    fi

    say "$lang: building $tag FROM $base"
    local log old_id new_id
    old_id=$(image_id "$tag")
    log=$(mktemp "${TMPDIR:-/tmp}/sbx-build.XXXXXX")
    if ! "$ENGINE" build --build-arg "BASE=$base" -t "$tag" "$dir" >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        rm -f "$log"
        die "$lang: $ENGINE build failed (base $base)"
    fi
    rm -f "$log"
    smoke_test "$lang" "$tag"
    new_id=$(image_id "$tag")
    # drop the images these replace (fails harmlessly while one is in use)
    if [[ -n $old_id && $old_id != "$new_id" ]]; then
        "$ENGINE" rmi "$old_id" >/dev/null 2>&1 || true
    fi
    if [[ -n $old_base_id && $old_base_id != "$(image_id "$offline_base")" ]]; then
        "$ENGINE" rmi "$old_base_id" >/dev/null 2>&1 || true
    fi
    say "$lang: $tag ready ($("$ENGINE" image inspect -f '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}'))"
}

langs=()
while (($#)); do
    case $1 in
        -f | --force) force=1 ;;
        --refresh-base) refresh_base=1 force=1 ;;
        --offline) offline=1 ;;
        -h | --help) usage; exit 0 ;;
        python | node) langs+=("$1") ;;
        *) printf 'sbx images: unknown argument: %s\n' "$1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done
((${#langs[@]})) || langs=(python node)

"$ENGINE" info >/dev/null 2>&1 \
    || die "the container engine does not answer ('$ENGINE info' failed); run scripts/setup-engine.sh"

for lang in "${langs[@]}"; do
    build_one "$lang"
done

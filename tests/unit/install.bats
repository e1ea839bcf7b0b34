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

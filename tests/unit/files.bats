#!/usr/bin/env bats
# The file transfer modules without an engine: the workspace tar, the
# hostile-safe extractor and the stdout scanner (build/files-driver).

load ../test_helper

setup() {
	D="$ROOT/build/files-driver"
	[ -x "$D" ] || flunk "build/files-driver is missing: run make"
	cd "$BATS_TEST_TMPDIR"
	mkdir -p outside
}

# A tar built by python's tarfile from a list of hostile entries.
hostile_tar() {
	python3 - "$@" <<'PY'
import io, sys, tarfile
t = tarfile.open(fileobj=sys.stdout.buffer, mode="w|", format=tarfile.GNU_FORMAT)
def add(name, type=tarfile.REGTYPE, data=b"", link=""):
    i = tarfile.TarInfo(name); i.type = type; i.size = len(data) if type == tarfile.REGTYPE else 0
    i.linkname = link; i.mode = 0o644
    t.addfile(i, io.BytesIO(data) if type == tarfile.REGTYPE else None)
kind = sys.argv[1]
if kind == "links":
    add("etc", tarfile.SYMTYPE, link="/etc")
    add("etc/passwd", data=b"pwned")
    add("up", tarfile.SYMTYPE, link="..")
    add("up/escaped", data=b"pwned")
    add("hard", tarfile.LNKTYPE, link="/etc/passwd")
    add("fifo", tarfile.FIFOTYPE)
    add("dev", tarfile.CHRTYPE)
    add("ok", data=b"fine")
elif kind == "names":
    add("../escaped", data=b"pwned")
    add("a/../../escaped", data=b"pwned")
    add("/abs-escaped", data=b"pwned")
    add("new\nline", data=b"nl")
    add("bad\xff\xfeutf8".encode("utf-8", "surrogateescape").decode("utf-8", "surrogateescape"), data=b"u")
elif kind == "many":
    for i in range(int(sys.argv[2])):
        add("f%06d" % i, data=b"x")
elif kind == "big":
    add("small", data=b"s" * 10)
    add("big", data=b"b" * int(sys.argv[2]))
    add("after", data=b"a")
elif kind == "existing":
    add("victim/x", data=b"pwned")
    add("victim", data=b"pwned")
    add("plain", data=b"new")
t.close()
PY
}

@test "the workspace tar holds files, directories, exec bits and inner symlinks, not VCS folders" {
	mkdir -p proj/pkg proj/.git proj/skipme
	echo 'x = 1' >proj/pkg/mod.py
	printf '#!/bin/sh\n' >proj/run.sh && chmod 755 proj/run.sh
	echo g >proj/.git/HEAD
	echo s >proj/skipme/s
	ln -s pkg/mod.py proj/alias
	run --separate-stderr "$D" pack proj 1000000 skipme
	[ "$status" -eq 0 ]
	"$D" pack proj 1000000 skipme 2>/dev/null >w.tar
	run tar -tvf w.tar
	[[ "$output" == *"-rwxr-xr-x"*"run.sh"* ]]
	[[ "$output" == *"alias -> pkg/mod.py"* ]]
	[[ "$output" == *"pkg/mod.py"* ]]
	[[ "$output" != *".git"* ]]
	[[ "$output" != *"skipme"* ]]
	[ "$(stat -c %s w.tar)" -eq "$(sed -n 's/^size //p' <<<"$stderr")" ]
}

@test "a workspace with a symlink out of it, a FIFO or too many bytes is refused, naming the file" {
	mkdir proj && echo hi >proj/a
	ln -s /etc/passwd proj/out
	run -125 "$D" pack proj 1000000
	[[ "$output" == *"'out' -> '/etc/passwd' leads out of the workspace"* ]]
	rm proj/out && mkfifo proj/pipe
	run -125 "$D" pack proj 1000000
	[[ "$output" == *"'pipe' is a FIFO"* ]]
	rm proj/pipe && head -c 5000 /dev/zero >proj/big
	run -125 "$D" pack proj 4096
	[[ "$output" == *"'big' passes the workspace size limit"* ]]
}

@test "symlinks, hard links, devices and FIFOs in the archive are skipped; nothing lands outside DIR" {
	hostile_tar links >h.tar
	run "$D" unpack out 1000000 100 <h.tar
	[ "$status" -eq 0 ]
	[[ "$output" == *"skip etc 2 symlink"* ]]
	[[ "$output" == *"skip hard 1 hard link"* ]]
	[[ "$output" == *"skip fifo 6 FIFO"* ]]
	[[ "$output" == *"file ok 4"* ]]
	[ "$(find out -type l -o -type p -o -type c | wc -l)" -eq 0 ]
	! grep -q pwned /etc/passwd
	[ ! -e escaped ] && [ ! -e out/../escaped ]
}

@test "absolute names and .. are refused; newlines and invalid UTF-8 keep their bytes" {
	hostile_tar names >h.tar
	run "$D" unpack out/sub 1000000 100 <h.tar
	[ "$status" -eq 125 ]	# out/ does not exist: only DIR itself is made
	mkdir out
	run "$D" unpack out/sub 1000000 100 <h.tar
	[ "$status" -eq 0 ]
	[[ "$output" == *"skip ../escaped 0 absolute, or has a '..'"* ]]
	[[ "$output" == *"skip /abs-escaped"* ]]
	[ ! -e out/escaped ] && [ ! -e escaped ] && [ ! -e /abs-escaped ]
	[ "$(cat "out/sub/new
line")" = nl ]
	[ "$(ls out/sub | wc -l)" -eq 3 ]
}

@test "past --out-max-files the rest is dropped and the result says truncated" {
	hostile_tar many 200 >h.tar
	run "$D" unpack out 1000000 50 <h.tar
	[[ "$output" == *"truncated more than --out-max-files"* ]]
	[ "$(ls out | wc -l)" -eq 50 ]
}

@test "a file bigger than --out-max-size is not written at all, nor anything after it" {
	hostile_tar big 100000 >h.tar
	run "$D" unpack out 50000 100 <h.tar
	[[ "$output" == *"truncated 'big' would pass --out-max-size"* ]]
	[ "$(ls -A out)" = small ]
}

@test "a symlink already in DIR is never followed; a regular file is replaced whole" {
	mkdir out && ln -s ../outside out/victim && echo old >out/plain
	hostile_tar existing >h.tar
	run "$D" unpack out 1000000 100 <h.tar
	[ -z "$(ls -A outside)" ]
	[ -L out/victim ]
	[ "$(cat out/plain)" = new ]
	[[ "$output" == *"skip victim/x"* ]]
}

@test "a cut or corrupt archive leaves no partial file" {
	hostile_tar big 100000 >h.tar
	head -c 50000 h.tar >cut.tar
	run "$D" unpack out 1000000 100 <cut.tar
	[[ "$output" == *"damaged the archive ended inside 'big'"* ]]
	[ "$(ls -A out)" = small ]
	head -c 1024 /dev/urandom >junk.tar
	run "$D" unpack out2 1000000 100 <junk.tar
	[[ "$output" == *"damaged"* ]]
	[ -z "$(ls -A out2)" ]
}

NONCE=0123456789abcdef0123456789abcdef
marker() { printf '\001SBX%sTRAILER\001' "$NONCE"; }

@test "the scanner passes output through and takes the trailer's facts and files off the end" {
	mkdir src && printf 'all bytes' >src/f && mkdir src/d && head -c 3000 /dev/urandom >src/d/r
	{ printf 'hello\n'; marker; printf 'cpu=1500000 mem=104857600 status=3\n'; tar -cf - -C src . | base64 -w 76; } >stream
	run --separate-stderr "$D" scan "$NONCE" out 100000000 <stream
	[ "$output" = hello ]
	[[ "$stderr" == *"found=1 cpu=1:1500000 mem=1:104857600 status=1:3"* ]]
	cmp src/d/r out/d/r
}

@test "fake markers the program prints are output; only the last one is the trailer" {
	{ printf 'a'; marker; printf 'fake'; marker; printf 'b\001SBXnope'; marker; printf 'cpu=- mem=- status=0\n'; } >stream
	run --separate-stderr "$D" scan "$NONCE" - 100000000 <stream
	[ "$output" = "a$(marker)fake$(marker)b"$'\001'"SBXnope" ]
	[[ "$stderr" == *"found=1 cpu=0:0 mem=0:0 status=1:0"* ]]
}

@test "output that ends in a marker without its last byte does not hide the real trailer (found by make fuzz)" {
	# The program's "\001SBX<nonce>TRAILER" and BOOT's marker share a \001.
	{ printf 'out\001SBX%sTRAILER' "$NONCE"; marker; printf 'cpu=7 mem=8 status=5\n'; } >stream
	run --separate-stderr "$D" scan "$NONCE" - 100000000 <stream
	[ "$output" = "out"$'\001'"SBX${NONCE}TRAILER" ]
	[[ "$stderr" == *"found=1 cpu=1:7 mem=1:8 status=1:5"* ]]
	{ marker; printf 'x'; marker; marker; printf 'cpu=1 mem=2 status=0\n'; } >stream
	run --separate-stderr "$D" scan "$NONCE" - 100000000 <stream
	[ "$output" = "$(marker)x$(marker)" ]
	[[ "$stderr" == *"found=1 cpu=1:1 mem=1:2 status=1:0"* ]]
}

@test "without a trailer everything is output; bad base64 and overlong facts are a clear result" {
	printf 'plain \001SBX partial' >stream
	run --separate-stderr "$D" scan "$NONCE" - 100 <stream
	[ "$output" = $'plain \001SBX partial' ]
	[[ "$stderr" == *"found=0"* ]]
	{ marker; head -c 100000 /dev/zero | tr '\0' x; } >stream
	run --separate-stderr "$D" scan "$NONCE" out 1000 <stream
	[ -z "$output" ]
	[[ "$stderr" == *"found=0"* ]]
	{ marker; printf 'cpu=1 mem=2 status=0\n!!!!not base64'; } >stream
	run --separate-stderr "$D" scan "$NONCE" out2 1000 <stream
	[[ "$stderr" == *"bad64=1"* ]]
	[[ "$stderr" == *"damaged"* ]]
}

@test "spooled output longer than the spool cap is cut and said so, never kept whole in memory" {
	{ marker; head -c 300000 /dev/zero | tr '\0' y; marker; printf 'cpu=- mem=- status=0\n'; } >stream
	run --separate-stderr "$D" scan "$NONCE" - 1000 <stream
	[[ "$stderr" == *"found=1"* ]]
	[[ "$stderr" == *"lost=1"* ]]
}

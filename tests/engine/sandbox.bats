#!/usr/bin/env bats
# The sandbox flags hold for real: no network, read-only root, a non-root
# user without capabilities, and only the environment given with -e.

# bats file_tags=engine

load engine_helper

@test "the network is none: no interface but lo, and a connect fails" {
	cat >net.py <<'PY'
import errno, os, socket
print("interfaces:", " ".join(sorted(os.listdir("/sys/class/net"))))
s = socket.socket()
s.settimeout(10)
try:
    s.connect(("1.1.1.1", 53))
    print("connected")
except OSError as e:
    print("connect failed:", errno.errorcode.get(e.errno, e))
PY
	run -0 --separate-stderr sbx python net.py </dev/null
	[ "$output" = "interfaces: lo
connect failed: ENETUNREACH" ]
	[ -z "$stderr" ]
}

write_probe() {
	cat >probe.py <<'PY'
import errno, os
print("root read-only:", bool(os.statvfs("/").f_flag & os.ST_RDONLY))
for path in ["/usr/sbx-probe", "/sbx-probe", "/var/tmp/sbx-probe", "/tmp/sbx-probe"]:
    try:
        with open(path, "w") as f:
            f.write("x")
        print(path, "written")
    except OSError as e:
        print(path, errno.errorcode[e.errno])
PY
}

@test "the root filesystem is read-only and /tmp is writable" {
	write_probe
	run -0 --separate-stderr sbx python probe.py </dev/null
	[ "$output" = "root read-only: True
/usr/sbx-probe EROFS
/sbx-probe EROFS
/var/tmp/sbx-probe EROFS
/tmp/sbx-probe written" ]
	[ -z "$stderr" ]
}

@test "--writable makes the root filesystem writable (where the user may write)" {
	write_probe
	run -0 --separate-stderr sbx --writable python probe.py </dev/null
	[ "$output" = "root read-only: False
/usr/sbx-probe EACCES
/sbx-probe EACCES
/var/tmp/sbx-probe written
/tmp/sbx-probe written" ]
	[ -z "$stderr" ]
}

@test "the program runs as user sandbox, not uid 0, without capabilities or new privileges" {
	cat >who.py <<'PY'
import os, pwd
print("uid is 0:", os.getuid() == 0 or os.geteuid() == 0)
print("user:", pwd.getpwuid(os.getuid()).pw_name)
with open("/proc/self/status") as f:
    for line in f:
        if line.split(":")[0] in ("CapEff", "CapBnd", "NoNewPrivs"):
            print(line.rstrip())
PY
	run -0 --separate-stderr sbx python who.py </dev/null
	# Docker: the bounding set holds only SETUID and SETGID (bits 6 and 7).
	# Podman would make added capabilities ambient, so it gets none.
	local bounding=00000000000000c0
	[ "$ENGINE" != podman ] || bounding=0000000000000000
	[ "$output" = "uid is 0: False
user: sandbox
CapEff:	0000000000000000
CapBnd:	$bounding
NoNewPrivs:	1" ]
	[ -z "$stderr" ]
}

@test "the program cannot make itself uid 0" {
	run -0 --separate-stderr sbx python - <<<'import os
try:
    os.setuid(0)
    print("setuid(0) worked")
except OSError as e:
    print("setuid(0):", e.strerror)'
	[ "$output" = "setuid(0): Operation not permitted" ]
	[ -z "$stderr" ]
}

@test "only -e variables reach the program, never the caller's environment" {
	export SBX_TEST_HOST_SECRET=leaked
	printf 'import json, os\nprint(" ".join(sorted(os.environ)))\nprint(json.dumps({k: os.environ[k] for k in ("GREETING", "EMPTY", "EQ")}))\n' >env.py
	run -0 --separate-stderr sbx -e 'GREETING=hello  world' -e EMPTY= -e EQ=a=b \
	    python env.py </dev/null
	# What the image sets, what the engine adds, the bootstrap shell's PWD
	# (the working directory), and the three given.
	local names
	names=$( {
		engine image inspect --format '{{range .Config.Env}}{{println .}}{{end}}' sbx/python |
		    sed -n 's/=.*//p'
		printf '%s\n' HOME HOSTNAME PWD GREETING EMPTY EQ
		# podman also sets container=podman and TERM=xterm.
		[ "$ENGINE" != podman ] || printf '%s\n' container TERM
	} | LC_ALL=C sort -u | tr '\n' ' ')
	[ "${lines[0]}" = "${names% }" ]
	[ "${lines[1]}" = '{"GREETING": "hello  world", "EMPTY": "", "EQ": "a=b"}' ]
	[ -z "$stderr" ]
}

@test "-e with a bare NAME is refused, so no host value can be passed on by name" {
	export SBX_TEST_HOST_SECRET=leaked
	run -125 --separate-stderr sbx -e SBX_TEST_HOST_SECRET python - <<<'import os; print(os.environ.get("SBX_TEST_HOST_SECRET"))'
	[ -z "$output" ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ "$stderr" == "sbx: invalid --env 'SBX_TEST_HOST_SECRET'"* ]]
}

@test "-e NAME=VALUE reaches a node program" {
	export SBX_TEST_HOST_SECRET=leaked
	run -0 --separate-stderr sbx -e 'GREETING=hi there' node - <<<'console.log(process.env.GREETING, process.env.SBX_TEST_HOST_SECRET)'
	[ "$output" = "hi there undefined" ]
	[ -z "$stderr" ]
}

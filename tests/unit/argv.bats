#!/usr/bin/env bats
# The engine argv: every sandbox flag, exactly once, and nothing the user
# can turn into another flag. Fake engine only.

load ../test_helper

setup() {
	use_fake_docker
	printf 'print(1)\n' >"$BATS_TEST_TMPDIR/app.py"
	cd "$BATS_TEST_TMPDIR"
}

# Run sbx against the fake and keep the argv of its "run" call.
run_argv() {
	: >"$FAKE_DOCKER_LOG"
	run -0 "$SBX" "$@" </dev/null
	fake_run_argv >"$BATS_TEST_TMPDIR/argv"
}

has_once() {
	local n
	n=$(grep -cxF -- "$1" "$BATS_TEST_TMPDIR/argv")
	[ "$n" -eq 1 ] || flunk "'$1' appears $n times in: $(cat "$BATS_TEST_TMPDIR/argv")"
}

@test "every sandbox flag of the contract is on by default, once" {
	run_argv python app.py
	for flag in --interactive --network=none --read-only \
	    --tmpfs=/tmp:rw,nosuid,nodev,size=64m --memory=256m --memory-swap=256m \
	    --cpus=0.5 --pids-limit=64 --cap-drop=ALL \
	    --security-opt=no-new-privileges --user=sandbox \
	    --init --log-driver=none --ulimit=core=0 --ulimit=nofile=256:256 \
	    --ulimit=nproc=8192:8192 --ulimit=fsize=67108864 --label=sbx \
	    --pull=never; do
		has_once "$flag"
	done
	if [ "$ENGINE" = podman ]; then
		# See "the podman argv differs from docker's" below.
		has_once --read-only-tmpfs=false
		! grep -q -- '--cap-add' "$BATS_TEST_TMPDIR/argv"
	else
		has_once --cap-add=SETUID
		has_once --cap-add=SETGID
	fi
	grep -qx -- '--name=sbx-[0-9a-f]\{16\}' "$BATS_TEST_TMPDIR/argv"
	grep -qx -- "--label=sbx.owner=$(hostname):[0-9]*" "$BATS_TEST_TMPDIR/argv"
	! grep -q -- '--rm' "$BATS_TEST_TMPDIR/argv"
	! grep -q -- '--privileged\|--volume\|--mount\|docker.sock' "$BATS_TEST_TMPDIR/argv"
}

@test "the options change their flags" {
	run_argv -m 1g -c 1.25 -n bridge --pids 10 --tmp-size 8m --writable \
	    --runtime kata -i my/img:1 -e A=1 -e 'B=two words' python app.py
	for flag in --memory=1g --memory-swap=1g --cpus=1.25 --network=bridge \
	    --pids-limit=10 --tmpfs=/tmp:rw,nosuid,nodev,size=8m \
	    --ulimit=fsize=8388608 --runtime=kata my/img:1 --env=A=1 \
	    '--env=B=two words'; do
		has_once "$flag"
	done
	! grep -qx -- --read-only "$BATS_TEST_TMPDIR/argv"
}

@test "under gVisor --pids becomes RLIMIT_NPROC and the host limit leaves gVisor room" {
	run_argv --pids 10 --runtime runsc python app.py
	has_once --ulimit=nproc=10:10
	has_once --pids-limit=144
	run_argv --pids 10 --runtime my-gvisor python app.py
	has_once --ulimit=nproc=10:10
	run_argv --pids 10 python app.py
	has_once --pids-limit=10
	has_once --ulimit=nproc=8192:8192
}

@test "the program runs under an in-container deadline 1s after sbx's, rounded up" {
	run_argv -t 2.5 python app.py
	split_boot_input
	# Line 2 of the header: flags, hard deadline, workspace and code sizes, kind.
	[ "$(sed -n 2p "$BATS_TEST_TMPDIR/header")" = "- 4 0 9 stream" ]
	run_argv -t 0 python app.py
	split_boot_input
	[ "$(sed -n 2p "$BATS_TEST_TMPDIR/header")" = "- 0 0 9 stream" ]
}

@test "SBX_ variables set defaults and flags beat them" {
	SBX_MEMORY=128m SBX_CPUS=2 SBX_NETWORK=host run_argv python app.py
	has_once --memory=128m
	has_once --cpus=2
	has_once --network=host
	SBX_MEMORY=128m run_argv -m 64m python app.py
	has_once --memory=64m
}

@test "the image is followed by the bootstrap; the rest comes in its header" {
	run_argv python app.py -- 'a b' --flag -- '' 'back\slash' $'new\nline'
	# The last argv words: the image, sh -c BOOT, BOOT's $0.
	[ "$(grep -n -xF sbx/python:latest "$BATS_TEST_TMPDIR/argv" | cut -d: -f1)" -eq \
	    "$(grep -n -x -- '--ulimit=fsize=[0-9]*' "$BATS_TEST_TMPDIR/argv" | cut -d: -f1 | awk '{ print $1 + 1 }')" ]
	grep -A2 -xF sbx/python:latest "$BATS_TEST_TMPDIR/argv" | head -3 >"$BATS_TEST_TMPDIR/entry"
	diff -u - "$BATS_TEST_TMPDIR/entry" <<-'END'
	sbx/python:latest
	sh
	-c
	END
	[ "$(tail -n 1 "$BATS_TEST_TMPDIR/argv")" = sbx-boot ]
	split_boot_input
	# Magic and nonce; workdir; file; then the command (python3 -c BOOTSTRAP).
	grep -qx 'sbx-boot 1 [0-9a-f]\{32\}' "$BATS_TEST_TMPDIR/header"
	[ "$(sed -n 3,6p "$BATS_TEST_TMPDIR/header")" = "$(printf '/tmp\napp.py\n3\npython3')" ]
	# The arguments, last: backslash and newline escaped as octal.
	tail -n 7 "$BATS_TEST_TMPDIR/header" >"$BATS_TEST_TMPDIR/args"
	diff -u - "$BATS_TEST_TMPDIR/args" <<-'END'
	6
	a b
	--flag
	--
	
	back\0134slash
	new\012line
	END
	printf 'print(1)\n' | cmp - "$BATS_TEST_TMPDIR/payload"
}

@test "code from stdin is called main.py and main.js" {
	printf 'print(2)\n' | "$SBX" python
	split_boot_input
	[ "$(sed -n 4p "$BATS_TEST_TMPDIR/header")" = main.py ]
	: >"$FAKE_DOCKER_LOG"
	printf 'x\n' | "$SBX" node -
	split_boot_input
	[ "$(sed -n 4p "$BATS_TEST_TMPDIR/header")" = main.js ]
	fake_run_argv | grep -qx sbx/node:latest
}

@test "the header, the code and then the program's stdin travel over the engine's stdin" {
	printf 'line one\nline two\n' | "$SBX" python app.py
	split_boot_input
	printf 'print(1)\nline one\nline two\n' | cmp - "$BATS_TEST_TMPDIR/payload"
}

@test "with code on stdin the program's stdin is empty" {
	printf 'print(3)\n' | "$SBX" python
	split_boot_input
	printf 'print(3)\n' | cmp - "$BATS_TEST_TMPDIR/payload"
}

@test "--dry-run prints one shell-quoted line and runs nothing" {
	run -0 "$SBX" --dry-run python app.py -- "it's" </dev/null
	[ "${#lines[@]}" -eq 1 ]
	[[ "${lines[0]}" == "$ENGINE run --interactive "* ]]
	[[ "${lines[0]}" == *" sbx/python:latest sh -c \$'"*"' sbx-boot" ]]
	[ ! -s "$FAKE_DOCKER_LOG" ]
}

@test "the dry-run line, run by a shell, gives back the exact argv" {
	run_argv python app.py
	grep -v -e '^--name=' -e '^--label=sbx.owner=' "$BATS_TEST_TMPDIR/argv" >"$BATS_TEST_TMPDIR/real"
	run -0 "$SBX" --dry-run python app.py </dev/null
	: >"$FAKE_DOCKER_LOG"
	bash -c "$output" </dev/null
	fake_run_argv | grep -v -e '^--name=' -e '^--label=sbx.owner=' >"$BATS_TEST_TMPDIR/printed"
	[ "$(wc -l <"$BATS_TEST_TMPDIR/real")" -gt 25 ]
	diff -u "$BATS_TEST_TMPDIR/real" "$BATS_TEST_TMPDIR/printed"
}

@test "--dry-run writes control bytes in octal, so a hex digit after one stays itself (found by make fuzz)" {
	run -0 "$SBX" --dry-run -e "$(printf 'A=x\fc\177d')" sh - </dev/null
	[[ "$output" == *" \$'--env=A=x\\014c\\177d' "* ]]
	word=$(grep -o "\$'--env=[^ ]*" <<<"$output")
	eval "set -- $word"
	[ "$1" = "$(printf -- '--env=A=x\fc\177d')" ]
}

@test "--dry-run quotes an engine a shell would read as an assignment or a keyword (found by make fuzz)" {
	run -0 "$SBX" --dry-run --engine A=b python - </dev/null
	[[ "$output" == "'A=b' run "* ]]
	run -0 "$SBX" --dry-run --engine time python - </dev/null
	[[ "$output" == "'time' run "* ]]
	run -0 "$SBX" --dry-run --engine docker python - -- A=b </dev/null
	[[ "$output" == "docker run "* ]]
}

@test "every ulimit is explicit, so no engine default (podman's 1048576) applies" {
	run_argv python app.py
	[ "$(grep -c -- '^--ulimit=' "$BATS_TEST_TMPDIR/argv")" -eq 4 ]
	for limit in core nofile nproc fsize; do
		grep -q -- "^--ulimit=$limit=" "$BATS_TEST_TMPDIR/argv" ||
		    flunk "no --ulimit=$limit in: $(cat "$BATS_TEST_TMPDIR/argv")"
	done
}

@test "the podman argv differs from docker's only where podman reads a flag differently" {
	run -0 "$SBX" --dry-run --engine docker python app.py </dev/null
	tr ' ' '\n' <<<"${output#docker }" | sed '/^--name=/d; /^--label=sbx.owner=/d' >docker.words
	run -0 "$SBX" --dry-run --engine /usr/bin/podman python app.py </dev/null
	[[ "$output" == "/usr/bin/podman run "* ]]
	tr ' ' '\n' <<<"${output#/usr/bin/podman }" | sed '/^--name=/d; /^--label=sbx.owner=/d' >podman.words
	# Podman would mount writable tmpfs beside the read-only root, and make
	# added capabilities ambient for the non-root user: none are added.
	diff docker.words podman.words | grep '^[<>]' >diff.txt || true
	diff -u - diff.txt <<-'END'
	> --read-only-tmpfs=false
	< --cap-add=SETUID
	< --cap-add=SETGID
	END
}

@test "with --writable podman gets no --read-only-tmpfs flag" {
	run -0 "$SBX" --dry-run --engine podman --writable python app.py </dev/null
	[[ "$output" != *--read-only* ]]
}

@test "--engine picks the container CLI" {
	ln -s "$TESTS_DIR/fake/docker" "$BATS_TEST_TMPDIR/altengine"
	run -0 "$SBX" --dry-run --engine "$BATS_TEST_TMPDIR/altengine" python app.py </dev/null
	[[ "$output" == "$BATS_TEST_TMPDIR/altengine run "* ]]
}

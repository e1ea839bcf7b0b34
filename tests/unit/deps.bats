#!/usr/bin/env bats
# --deps without an engine: the fake answers every image query with
# FAKE_IMAGE_STDOUT, so every image "exists" and nothing is built; what
# is checked is the name sbx derives and where it puts it.

load ../test_helper

setup() {
	use_fake_docker
	cd "$BATS_TEST_TMPDIR"
	export XDG_CACHE_HOME="$BATS_TEST_TMPDIR/cache"
	export FAKE_IMAGE_STDOUT="sha256:1111111111111111111111111111111111111111111111111111111111111111\n"
	echo '{ "dependencies": { "ms": "^2.1.3" } }' >package.json
}

# The image word of the printed run command.
dry_run_image() {
	grep -oE 'sbx-deps/[a-z]+:[0-9a-f]{16}' <<<"$1" | head -n 1
}

@test "--deps runs the derived image, named by content, and records its use" {
	run -0 --separate-stderr "$SBX" --dry-run --deps package.json node - <<<'1'
	name=$(dry_run_image "$output")
	[[ $name == sbx-deps/node:* ]]
	[ "$stderr" = "sbx: deps: reused $name (package.json on sbx/node:latest, no build)" ]
	[ -f "$XDG_CACHE_HOME/sbx/deps/node-${name##*:}" ]
	# The run is the usual sandbox on the derived image.
	[[ $output == *" --network=none "* ]]
	[[ $output != *"sbx/node:latest"* ]]
}

@test "the name changes with the file, its lockfile, the base image and the flags, and with nothing else" {
	run -0 "$SBX" --dry-run -q --deps package.json node - <<<'1'
	first=$(dry_run_image "$output")
	run -0 "$SBX" --dry-run -q --deps ./package.json -t 5 node - <<<'2'
	[ "$(dry_run_image "$output")" = "$first" ]

	echo '{ "dependencies": { "ms": "^2.1.2" } }' >package.json
	run -0 "$SBX" --dry-run -q --deps package.json node - <<<'1'
	edited=$(dry_run_image "$output")
	[ "$edited" != "$first" ]
	echo '{}' >package-lock.json
	run -0 "$SBX" --dry-run -q --deps package.json node - <<<'1'
	locked=$(dry_run_image "$output")
	[ "$locked" != "$edited" ]
	run -0 "$SBX" --dry-run -q --deps package.json --deps-scripts node - <<<'1'
	[ "$(dry_run_image "$output")" != "$locked" ]
	run -0 "$SBX" --dry-run -q --deps package.json --deps-index https://npm.example/ node - <<<'1'
	[ "$(dry_run_image "$output")" != "$locked" ]
	FAKE_IMAGE_STDOUT="sha256:2222222222222222222222222222222222222222222222222222222222222222\n" \
	    run -0 "$SBX" --dry-run -q --deps package.json node - <<<'1'
	[ "$(dry_run_image "$output")" != "$locked" ]
}

@test "the base image is the language's, or -i's, asked by its ID" {
	run -0 "$SBX" --dry-run -q --deps package.json -i my/node:1 node - <<<'1'
	[ "$(sed -n '/^--- image$/,/^--- /p' "$FAKE_DOCKER_LOG" | sed -n 2,4p | tr '\n' ' ')" = "inspect --format={{.Id}} my/node:1 " ]
}

@test "--deps with a missing base image says so and exits 125" {
	FAKE_IMAGE_EXIT=1 FAKE_IMAGE_STDERR="Error: No such image: sbx/node:latest\n" \
	    run -125 --separate-stderr "$SBX" --deps package.json node - <<<'1'
	[ "$stderr" = "sbx: deps: cannot find the base image 'sbx/node:latest': Error: No such image: sbx/node:latest; build it first ('sbx --doctor' checks the set-up)" ]
	[ "$(fake_verbs | tr '\n' ' ')" = "image " ]
}

@test "--deps refuses an unreadable file before asking the engine" {
	run -125 --separate-stderr "$SBX" --deps nope.json node - <<<'1'
	[ "$stderr" = "sbx: deps: cannot read 'nope.json': No such file or directory" ]
	[ ! -s "$FAKE_DOCKER_LOG" ]
}

@test "--deps-index takes http and https URLs only" {
	run -125 --separate-stderr "$SBX" --deps package.json --deps-index "ftp://x/" node - <<<'1'
	[ "$stderr" = "sbx: invalid --deps-index 'ftp://x/': give an http:// or https:// URL without spaces or quotes" ]
	run -125 --separate-stderr "$SBX" --deps package.json --deps-index "https://x/'y" node - <<<'1'
	[[ $stderr == "sbx: invalid --deps-index"* ]]
}

@test "--deps-keep takes days or a duration" {
	run -125 --separate-stderr "$SBX" --gc --deps-keep 3w
	[[ $stderr == "sbx: invalid --deps-keep '3w'"* ]]
	run -0 "$SBX" --gc --deps-keep 7d
	run -0 "$SBX" --gc --deps-keep 12h
}

# A build: the base exists, the derived image does not.
build_env() {
	export FAKE_IMAGE_MISSING="sbx-deps/"
	printf 'FAKE CA\n' >"$BATS_TEST_TMPDIR/ca.crt"
	export SBX_DEPS_CA="$BATS_TEST_TMPDIR/ca.crt" DOCKER_BUILDKIT=0
}

# The argv of the fake's first call of VERB, one word per line.
fake_argv_of() {
	awk -v v="--- $1" '/^--- / { if (on) exit; on = ($0 == v); next } on' "$FAKE_DOCKER_LOG"
}

@test "a docker build gets a tar context on stdin, FROM a tag of the base's ID, labelled" {
	build_env
	FAKE_BUILD_OUTPUT='Step 1/9 : FROM x\n#8 0.1 @@sbx-deps step: npm install --ignore-scripts\n' \
	    run -0 --separate-stderr "$SBX" --engine docker --deps package.json --deps-network host node - <<<'1'
	name=$(grep -oE 'sbx-deps/node:[0-9a-f]{16}' <<<"$stderr" | head -n 1)
	hash=${name##*:}
	[[ ${stderr} == *"sbx: deps: building $name from package.json (npm, classic builder, build network host, CA $BATS_TEST_TMPDIR/ca.crt)"* ]]
	[[ ${stderr} == *"sbx: deps: npm install --ignore-scripts"* ]]
	[[ ${stderr} == *"sbx: deps: built $name in "* ]]
	[[ "$(fake_verbs | tr '\n' ' ')" == "image image tag build rmi image run "* ]]
	[ "$(fake_argv_of tag | tr '\n' ' ')" = "sha256:1111111111111111111111111111111111111111111111111111111111111111 sbx-deps-base/node:$hash " ]
	fake_argv_of build >argv
	grep -qxF -- "--tag=$name" argv
	grep -qxF -- "--label=sbx.deps=node" argv
	grep -qxF -- "--network=host" argv
	grep -qxF -- "--force-rm" argv
	[ "$(tail -n 1 argv)" = - ]
	# Untag the base, prune this build's install stage.
	[ "$(fake_argv_of rmi)" = "sbx-deps-base/node:$hash" ]
	[ "$(tar -tf "$BATS_TEST_TMPDIR/build.tar" | sort | tr '\n' ' ')" = "Dockerfile ca.crt fetch-npm.js install.sh package.json " ]
	tar -xOf "$BATS_TEST_TMPDIR/build.tar" Dockerfile >Dockerfile
	# The CA is in the install stage's context; the final stage copies
	# the packages only.
	[ "$(grep -c '^FROM sbx-deps-base/node:' Dockerfile)" -eq 2 ]
	[ "$(sed -n '/^FROM .*[^l]$/,$p' Dockerfile | sed 1d)" = "COPY --from=install /opt/sbx-deps /opt/sbx-deps
ENV NODE_PATH=/opt/sbx-deps/node_modules\${NODE_PATH:+:\${NODE_PATH}}" ]
	tar -xOf "$BATS_TEST_TMPDIR/build.tar" install.sh | grep -qF -- "--ignore-scripts"
	# The run is on the new image, without network.
	fake_run_argv | grep -qxF -- "$name"
	fake_run_argv | grep -qxF -- "--network=none"
}

@test "a podman build gets a private directory, removed after the build" {
	build_env
	run -0 --separate-stderr "$SBX" --engine podman --deps package.json node - <<<'1'
	fake_argv_of build >argv
	dir=$(tail -n 1 argv)
	[[ $dir == */sbx-deps.* ]]
	grep -qxF -- "--file=$dir/Dockerfile" argv
	[ ! -e "$dir" ]
	[ "$(ls "$BATS_TEST_TMPDIR/build.ctx" | sort | tr '\n' ' ')" = "Dockerfile ca.crt fetch-npm.js install.sh package.json " ]
	! grep -q -- "--force-rm" argv
}

@test "with BuildKit the CA bundle is a build secret, not a context file" {
	build_env
	DOCKER_BUILDKIT=1 run -0 --separate-stderr "$SBX" --engine docker --deps package.json node - <<<'1'
	fake_argv_of build >argv
	grep -qxF -- "--secret=id=sbx-ca,src=$BATS_TEST_TMPDIR/ca.crt" argv
	grep -qxF -- "--progress=plain" argv
	! tar -tf "$BATS_TEST_TMPDIR/build.tar" | grep -qx ca.crt
	tar -xOf "$BATS_TEST_TMPDIR/build.tar" Dockerfile | grep -qxF "RUN --mount=type=secret,id=sbx-ca sh /sbx-deps-in/install.sh"
	# No install stage image to prune under BuildKit.
	[[ "$(fake_verbs | tr '\n' ' ')" == "image image tag build rmi run "* ]]
}

@test "a failed install shows the manager's last lines, sanitized, and exits 125 before any run" {
	build_env
	FAKE_BUILD_EXIT=1 FAKE_BUILD_OUTPUT='#9 1.0 @@sbx-deps log: npm error code E404\n#9 1.0 @@sbx-deps log: npm error 404  \x27nope@1\x27 is not in this registry.\x1b[31m\n#9 1.1 @@sbx-deps fail: npm install failed\n' \
	    run -125 --separate-stderr "$SBX" --deps package.json node - <<<'1'
	[ "$stderr" = "sbx: deps: building $(grep -oE 'sbx-deps/node:[0-9a-f]{16}' <<<"$stderr" | head -n1) from package.json (npm, classic builder, build network the engine's default, CA $BATS_TEST_TMPDIR/ca.crt)
  npm error code E404
  npm error 404  'nope@1' is not in this registry.?[31m
sbx: deps: npm install failed for package.json: 404 'nope@1' is not in this registry.?[31m; nothing ran (fix package.json or --deps-index, then run again)" ]
	! fake_verbs | grep -qx run
}

@test "a build the engine refuses shows its last lines and exits 125" {
	build_env
	FAKE_BUILD_EXIT=1 FAKE_BUILD_OUTPUT='Step 1/9 : FROM sbx-deps-base/node:x\nError response from daemon: no space left on device\n' \
	    run -125 --separate-stderr "$SBX" --engine docker -q --deps package.json node - <<<'1'
	[[ $stderr == *"  Error response from daemon: no space left on device"* ]]
	[[ $stderr == *"sbx: deps: 'docker build' of sbx-deps/node:"*" failed (status 1); nothing ran (the engine's last lines are above; 'sbx --doctor' checks the set-up)" ]]
	! fake_verbs | grep -qx run
}

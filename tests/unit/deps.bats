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

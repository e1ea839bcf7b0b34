#!/usr/bin/env bats
# The language table as data: the files that add to it or change it, their
# errors, and what each kind of language asks of the engine and the
# bootstrap. Fake engine only; tests/engine/languages.bats runs them.

load ../test_helper

setup() {
	use_fake_docker
	cd "$BATS_TEST_TMPDIR"
	mkdir -p xdg/sbx
	export XDG_CONFIG_HOME=$BATS_TEST_TMPDIR/xdg
}

# The header line of `sbx` run against the fake with these arguments.
header_of() {
	: >"$FAKE_DOCKER_LOG"
	run -0 "$SBX" "$@" </dev/null
	split_boot_input
}

@test "three lines in ~/.config/sbx/languages add a language, shown with its origin" {
	cat >xdg/sbx/languages <<-'EOF2'
	# Lua, from an image that has it
	[lua]
	image = my/lua:5.4
	file = main.lua
	run = lua5.4 {file}
	EOF2
	run -0 "$SBX" --languages
	grep -q "^lua  *my/lua:5.4  *script  *-  *$BATS_TEST_TMPDIR/xdg/sbx/languages:2\$" <<<"$output" ||
	    flunk "no lua line in: $output"
	printf 'print(1)\n' >hello.lua
	header_of lua hello.lua
	fake_run_argv | grep -qx my/lua:5.4
	# Kind, workdir, file, then the run command with {file} filled in.
	[[ "$(sed -n 2p header)" == *" script" ]]
	[ "$(sed -n 3,7p header)" = "$(printf '/tmp\nhello.lua\n2\nlua5.4\nhello.lua')" ]
	printf 'print(1)\n' | cmp - payload
}

@test "without XDG_CONFIG_HOME the file is ~/.config/sbx/languages" {
	mkdir -p home/.config/sbx
	printf '[lua]\nimage = a/b\nfile = m.lua\nrun = lua {file}\n' >home/.config/sbx/languages
	HOME=$BATS_TEST_TMPDIR/home XDG_CONFIG_HOME= run -0 "$SBX" --languages
	[[ "$output" == *"home/.config/sbx/languages:1"* ]]
}

@test "SBX_LANGUAGES comes last: it overrides the user's file and built-in entries by name" {
	printf '[lua]\nimage = first/lua\nfile = m.lua\nrun = lua {file}\n' >xdg/sbx/languages
	cat >mine <<-'EOF2'
	[lua]
	image = second/lua
	[python]
	image = registry.example/python:3.13
	EOF2
	SBX_LANGUAGES=$PWD/mine run -0 "$SBX" --languages
	grep -q "^lua  *second/lua .*mine:1\$" <<<"$output" || flunk "$output"
	grep -q "^python  *registry.example/python:3.13  *stream  *python3,py  *.*mine:3\$" <<<"$output" ||
	    flunk "$output"
	# The changed entry keeps what it did not change: still the stream bootstrap.
	printf 'print(1)\n' >app.py
	SBX_LANGUAGES=$PWD/mine header_of python app.py
	fake_run_argv | grep -qx registry.example/python:3.13
	[[ "$(sed -n 2p header)" == *" stream" ]]
	[ "$(sed -n 6,7p header)" = "$(printf 'python3\n-c')" ]
}

@test "an alias in a file takes the alias over from a built-in entry" {
	printf '[python2]\nimage = old/py\nfile = m.py\nrun = python2 {file}\naliases = py\n' >xdg/sbx/languages
	printf 'print 1\n' >a.py
	header_of py a.py
	fake_run_argv | grep -qx old/py
}

@test "quoted words stay whole in a command" {
	printf "[q]\nimage = a/b\nfile = m.q\nrun = sh -c 'exec q \"\$0\"' {file}\n" >xdg/sbx/languages
	printf 'x\n' >m.q
	header_of q m.q
	[ "$(sed -n 5,9p header)" = "$(printf '4\nsh\n-c\nexec q "$0"\nm.q')" ]
}

@test "a compiled language gets an exec scratch at /sbx/bin and its compile command" {
	printf 'int main(void) { return 0; }\n' >hello.c
	header_of c hello.c
	fake_run_argv >argv
	grep -qx -- '--tmpfs=/sbx/bin:rw,nosuid,nodev,exec,size=64m,mode=1777' argv
	grep -qx -- '--tmpfs=/tmp:rw,nosuid,nodev,size=64m' argv
	grep -qx sbx/gcc:latest argv
	[[ "$(sed -n 2p header)" == *" compile" ]]
	# run: {bin}; compile: gcc ... -o /sbx/bin/main hello.c -lm
	[ "$(sed -n 5,6p header)" = "$(printf '1\n/sbx/bin/main')" ]
	sed -n '7,$p' header | head -9 >compile
	diff -u - compile <<-'EOF2'
	8
	gcc
	-std=gnu17
	-O2
	-pipe
	-o
	/sbx/bin/main
	hello.c
	-lm
	EOF2
}

@test "interpreted languages get no exec mount" {
	local lang
	for lang in python node sh bash ruby perl typescript; do
		header_of "$lang" -
		! fake_run_argv | grep -q -- '/sbx/bin' || flunk "$lang has an exec mount"
	done
}

@test "each built-in language names code from stdin after its own extension" {
	local pair
	for pair in sh:main.sh bash:main.sh ruby:main.rb perl:main.pl c:main.c \
	    cpp:main.cpp ts:main.ts node:main.js python:main.py; do
		: >"$FAKE_DOCKER_LOG"
		printf 'x\n' | "$SBX" "${pair%%:*}"
		split_boot_input
		[ "$(sed -n 4p header)" = "${pair#*:}" ] || flunk "$pair: $(sed -n 4p header)"
	done
}

# Each malformed file: status 125, one sbx line naming FILE:LINE, no engine call.
refused() {
	local line=$1 want=$2
	SBX_LANGUAGES=$PWD/bad run -125 --separate-stderr "$SBX" python - <<<'print(1)'
	[ "${#stderr_lines[@]}" -eq 1 ] || flunk "$stderr"
	[[ "$stderr" == "sbx: $PWD/bad:$line: $want"*"see sbx-languages(5)"* ]] ||
	    flunk "want 'bad:$line: $want', got: $stderr"
	[ ! -s "$FAKE_DOCKER_LOG" ]
	[ -z "$output" ]
}

@test "malformed files are refused with FILE:LINE and nothing runs" {
	printf '[lua]\nimage = a\nimgae = b\n' >bad
	refused 3 "unknown key 'imgae'"
	printf '\n# c\nimage = a\n' >bad
	refused 3 "'key = value' before any [name]"
	printf '[lua]\nimage = a\nfile = m.lua\n' >bad
	refused 1 "[lua] has no 'run'"
	printf '[lua\n' >bad
	refused 1 "a section is [name]"
	printf '[../x]\n' >bad
	refused 1 "'../x' is no name"
	printf '[l]\nimage = a\nfile = m\nrun = x {file}\nrun = y\n' >bad
	refused 5 "'run' is given twice in [l]"
	printf "[l]\nimage = a\nfile = m\nrun = sh -c 'oops\n" >bad
	refused 4 "a quote (') is not closed"
	printf '[l]\nimage = a\nfile = ../m\nrun = x\n' >bad
	refused 3 "'file' is a plain file name"
	printf '[l]\nimage = a b\n' >bad
	refused 2 "'image' takes one word, not 2"
	printf '[l]\nkind = stream\n' >bad
	refused 2 "kind is 'script' or 'compile', not 'stream'"
	printf '[l]\nimage = a\nfile = m\nrun = x\ncompile = cc {file}\n' >bad
	refused 1 "[l] has a compile command but is not of kind compile"
	printf '[l]\nimage = a\nfile = m\nkind = compile\nrun = {bin}\n' >bad
	refused 1 "[l] has no 'compile'"
	printf 'junk\n' >bad
	refused 1 "expected '[name]' or 'key = value'"
	printf '[l]\nimage = a\x01\n' >bad
	refused 2 "a control character"
}

@test "a language file that cannot be read is refused; a missing user file is not" {
	rm -rf xdg/sbx
	run -0 "$SBX" --languages
	SBX_LANGUAGES=$PWD/missing run -125 --separate-stderr "$SBX" --languages
	[[ "$stderr" == "sbx: cannot read the language file $PWD/missing: No such file or directory"* ]]
	head -c 1100000 /dev/zero | tr '\0' '#' >big
	SBX_LANGUAGES=$PWD/big run -125 --separate-stderr "$SBX" --languages
	[[ "$stderr" == *"it is over 1 MiB"* ]]
}

@test "a missing image of a file's language says to pull or build it, not make images" {
	printf '[lua]\nimage = my/lua\nfile = m.lua\nrun = lua {file}\n' >xdg/sbx/languages
	FAKE_RUN_EXIT=125 FAKE_INSPECT_EXIT=1 FAKE_IMAGE_EXIT=1 \
	    FAKE_IMAGE_STDERR='Error: No such image: my/lua\n' \
	    run -125 --separate-stderr "$SBX" lua - <<<'print(1)'
	[[ "$stderr" == *"sbx: image 'my/lua' is not there; sbx never pulls: '$ENGINE pull my/lua' or build it first"* ]] ||
	    flunk "$stderr"
	FAKE_RUN_EXIT=125 FAKE_INSPECT_EXIT=1 FAKE_IMAGE_EXIT=1 \
	    FAKE_IMAGE_STDERR='Error: No such image: sbx/ruby:latest\n' \
	    run -125 --separate-stderr "$SBX" ruby - <<<'puts 1'
	[[ "$stderr" == *"sbx: image 'sbx/ruby:latest' is not there; build it with 'make images LANGS=ruby"* ]] ||
	    flunk "$stderr"
}

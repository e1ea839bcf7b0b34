#!/usr/bin/env bats
# Options and their values: refused before anything runs. Fake engine only.

load ../test_helper

setup() {
	use_fake_docker
}

# A refused command: status 125, one "sbx: " line, and no engine call.
refuses() {
	run -125 --separate-stderr "$SBX" "$@" </dev/null
	[ "${#stderr_lines[@]}" -eq 1 ] || flunk "want one line, got: $stderr"
	[[ "${stderr_lines[0]}" == "sbx: "* ]] || flunk "no 'sbx: ' prefix: $stderr"
	[ ! -s "$FAKE_DOCKER_LOG" ] || flunk "the engine was called: $(cat "$FAKE_DOCKER_LOG")"
}

@test "--help prints the usage on stdout and exits 0" {
	run -0 --separate-stderr "$SBX" --help
	[[ "${lines[0]}" == "usage: sbx [options] language [file | -] [[--] arg ...]" ]]
	[ -z "$stderr" ]
	# One screen of a tall terminal; the man page has the rest.
	[ "${#lines[@]}" -le 60 ]
}

@test "--version prints the version" {
	run -0 "$SBX" --version
	[[ "$output" =~ ^sbx\ [0-9]+\.[0-9]+\.[0-9]+$ ]]
}

@test "--languages lists every built-in language with its image, kind and origin" {
	XDG_CONFIG_HOME=$BATS_TEST_TMPDIR run -0 "$SBX" --languages
	[ "${lines[0]}" = "LANGUAGE     IMAGE                    KIND     ALIASES              FROM" ]
	local l
	for l in "python       sbx/python:latest        stream   python3,py" \
	    "node         sbx/node:latest          stream   nodejs,js,javascript" \
	    "typescript   sbx/node:latest          stream   ts" \
	    "sh           sbx/shell:latest         script   -" \
	    "bash         sbx/shell:latest         script   -" \
	    "ruby         sbx/ruby:latest          script   rb" \
	    "perl         sbx/perl:latest          script   pl" \
	    "c            sbx/gcc:latest           compile  gcc" \
	    "cpp          sbx/gcc:latest           compile  c++,g++,cxx" \
	    "python-data  sbx/python-data:latest   stream   pydata"; do
		grep -q -- "^$l  *built-in\$" <<<"$output" || flunk "no line '$l ... built-in' in: $output"
	done
	[ "${#lines[@]}" -eq 11 ]
}

@test "an unknown language is refused" {
	refuses cobol x.cob
	[[ "$stderr" == *"unknown language 'cobol'"* ]]
}

@test "no language is refused" {
	refuses
}

@test "an unknown option is refused" {
	refuses --frobnicate python
	[[ "$stderr" == *"'--frobnicate'"* ]]
}

@test "an option without its value is refused" {
	refuses python --timeout
	refuses --timeout
}

@test "bad memory sizes are refused" {
	refuses --memory lots python
	refuses --memory 12q python
	refuses --memory -1 python
	refuses --memory 1m python
	[[ "$stderr" == *"at least 6m"* ]]
	refuses --memory 2gb0 python
}

@test "bad timeouts are refused" {
	refuses --timeout -1 python
	refuses --timeout 1x python
	refuses --timeout 1.2.3 python
	refuses --timeout '' python
	refuses -t 10000000h python
}

@test "bad cpus, pids and sizes are refused" {
	refuses --cpus 0 python
	refuses --cpus abc python
	refuses --pids 0 python
	refuses --pids 1.5 python
	refuses --tmp-size 0 python
	refuses --output-limit big python
}

@test "engine words that could become options are refused" {
	refuses --image -v python
	refuses --network '--privileged' python
	refuses --runtime 'run c' python
	refuses --image 'sbx/python;rm' python
}

@test "an environment assignment needs NAME=VALUE" {
	refuses -e HOME python
	refuses -e =x python
	refuses -e 1A=x python
	refuses -e 'A B=x' python
}

@test "options after the language are refused with a hint" {
	refuses python --timeout 2 x.py
	[[ "$stderr" == *"options go before the language"* ]]
}

@test "words after FILE are the program's; one that looks like an option needs --" {
	printf 'print(1)\n' >"$BATS_TEST_TMPDIR/x.py"
	run -0 sbx --dry-run python "$BATS_TEST_TMPDIR/x.py" data.csv --verbose
	refuses python "$BATS_TEST_TMPDIR/x.py" --verbose
	[[ "$stderr" == *"after '--' if it is the program's"* ]]
	run -0 sbx --dry-run python "$BATS_TEST_TMPDIR/x.py" -- --verbose
	refuses --check python "$BATS_TEST_TMPDIR/x.py" extra
	[[ "$stderr" == *"takes no program arguments"* ]]
}

@test "a missing code file is refused" {
	refuses python /nonexistent/x.py
	[[ "$stderr" == *"cannot open '/nonexistent/x.py'"* ]]
}

@test "two actions at once are refused" {
	refuses --gc --doctor
}

@test "bad SBX_ variables are refused like bad flags" {
	SBX_MEMORY=lots refuses python
	[[ "$stderr" == *"SBX_MEMORY 'lots'"* ]]
	SBX_TIMEOUT=-3 refuses python
	SBX_WRITABLE=maybe refuses python
	SBX_PIDS=x refuses python
}

@test "durations accept the documented forms" {
	for d in 1.5 1500ms 2s 1m 1h 0; do
		run -0 "$SBX" --dry-run -t "$d" python - </dev/null
	done
}

@test "sizes accept docker's forms" {
	for s in 256m 1g 1.5g 512MiB 64MB 268435456 10240k; do
		run -0 "$SBX" --dry-run -m "$s" python - </dev/null
	done
}

@test "a refusal that echoes a value with newlines or escapes is still one line" {
	refuses --timeout $'1\n2' python
	[ "$stderr" = "sbx: invalid --timeout '1\\n2': ${stderr#*\': }" ]
	refuses $'py\nthon' x.py
	[[ "$stderr" == *"unknown language 'py\\nthon'"* ]]
	refuses --image $'evil\x1b[2J\r' python
	[[ "$stderr" == *"'evil\\x1b[2J\\r'"* ]]
	SBX_MEMORY=$'1\n\x7f' refuses python
	[[ "$stderr" == *"invalid SBX_MEMORY '1\\n\\x7f'"* ]]
	refuses -e $'A=1\nB' -e $'\tX=1' python
	[[ "$stderr" == *"invalid --env '\\tX=1'"* ]]
	refuses python $'a\nb.py' $'--\n'
	[[ "$stderr" == *"'--\\n'"* ]]
}

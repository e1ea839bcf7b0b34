#!/usr/bin/env bats
# Engine trouble against the real engine: exit 125 and one clear sbx line.

# bats file_tags=engine

load engine_helper

# The lines of $stderr that sbx itself wrote.
sbx_lines() {
	grep '^sbx: ' <<<"$stderr"
}

@test "a missing image exits 125 with one sbx line that says how to get it" {
	run -125 --separate-stderr sbx -i sbx/does-not-exist python - <<<'print(1)'
	[ -z "$output" ]
	[ "$(sbx_lines)" = "sbx: image 'sbx/does-not-exist' is not there; sbx never pulls: '$ENGINE pull sbx/does-not-exist' or build it first" ]
}

@test "an unreachable engine exits 125 with one sbx line" {
	run -125 --separate-stderr unreachable_engine sbx python - <<<'print(1)'
	[ -z "$output" ]
	[ "$(sbx_lines)" = "sbx: the engine '$ENGINE' does not answer; is its daemon running? ('$ENGINE info' tells, 'sbx --doctor' checks the set-up)" ]
}

@test "an engine program that does not exist exits 125 with one sbx line" {
	run -125 --separate-stderr sbx --engine /nonexistent/docker python - <<<'print(1)'
	[ -z "$output" ]
	[ "$stderr" = "sbx: cannot run the engine '/nonexistent/docker': No such file or directory; install it ('make setup') or pick another with --engine" ]
}

@test "--doctor passes every check against the set-up engine" {
	run -0 --separate-stderr "$SBX" --doctor
	[[ "${lines[0]}" == "ok   engine     '$ENGINE' answers, server "* ]]
	[[ "$output" == *"ok   image      sbx/python:latest present"* ]]
	[[ "$output" == *"ok   image      sbx/node:latest present"* ]]
	! grep -q '^FAIL' <<<"$output"
}

@test "--doctor says what to fix when the engine does not answer" {
	run -125 --separate-stderr unreachable_engine "$SBX" --doctor
	[[ "${lines[0]}" == "FAIL engine     '$ENGINE' does not reach its daemon"*"start it ('make setup' does)" ]]
}

#!/usr/bin/env bats
# The basics against the real engine: hello world, exit statuses, arguments,
# where the code comes from, and tracebacks that name the caller's files.

# bats file_tags=engine

load engine_helper

setup() {
	engine_setup
	mkdir src
}

@test "python hello world from stdin prints 42 and exits 0" {
	run -0 --separate-stderr sbx python <<<'print(6*7)'
	[ "$output" = 42 ]
	[ -z "$stderr" ]
}

@test "node hello world from stdin prints 42 and exits 0" {
	run -0 --separate-stderr sbx node <<<'console.log(6*7)'
	[ "$output" = 42 ]
	[ -z "$stderr" ]
}

@test "a python program's own exit statuses 0, 1, 3 and 42 pass through" {
	for code in 0 1 3 42; do
		echo "exit status $code"
		run -"$code" --separate-stderr sbx python - <<<"import sys
print('bye')
sys.exit($code)"
		[ "$output" = bye ]
		[ -z "$stderr" ]
	done
}

@test "a node program's own exit status 42 passes through" {
	run -42 --separate-stderr sbx node - <<<'console.log("bye"); process.exit(42)'
	[ "$output" = bye ]
	[ -z "$stderr" ]
}

@test "arguments after -- reach a python program as sys.argv, spaces, quotes and dashes intact" {
	printf 'import json, sys\nprint(json.dumps(sys.argv))\n' >src/args.py
	run -0 --separate-stderr sbx python src/args.py -- \
	    -x --flag 'two words' '"quoted"' "it's" '' '$HOME' '*' -- </dev/null
	[ "$output" = '["src/args.py", "-x", "--flag", "two words", "\"quoted\"", "it'"'"'s", "", "$HOME", "*", "--"]' ]
	[ -z "$stderr" ]
}

@test "arguments after -- reach a node program as process.argv, spaces, quotes and dashes intact" {
	printf 'console.log(JSON.stringify(process.argv.slice(2)))\n' >src/args.js
	run -0 --separate-stderr sbx node src/args.js -- \
	    -x --flag 'two words' '"quoted"' "it's" '' '$HOME' '*' -- </dev/null
	[ "$output" = '["-x","--flag","two words","\"quoted\"","it'"'"'s","","$HOME","*","--"]' ]
	[ -z "$stderr" ]
}

@test "words after FILE reach the program without --, as with python main.py data.csv" {
	printf 'import sys\nprint(sys.argv[1:])\n' >src/args.py
	run -0 --separate-stderr sbx python src/args.py data.csv --verbose </dev/null
	[ "$output" = "['data.csv', '--verbose']" ]
	[ -z "$stderr" ]
}

@test "code from stdin with arguments runs as main.py and gets them" {
	run -0 --separate-stderr sbx python - -- a 'b c' <<<'import sys; print(sys.argv)'
	[ "$output" = "['main.py', 'a', 'b c']" ]
	[ -z "$stderr" ]
}

@test "python code from stdin (no FILE) gives the program an empty stdin" {
	run -0 --separate-stderr sbx python <<<'import sys; print(repr(sys.stdin.read()))'
	[ "$output" = "''" ]
	[ -z "$stderr" ]
}

@test "python code from stdin (FILE '-') gives the program an empty stdin" {
	run -0 --separate-stderr sbx python - <<<'import sys; print(repr(sys.stdin.read()))'
	[ "$output" = "''" ]
	[ -z "$stderr" ]
}

@test "node code from stdin gives the program an empty stdin" {
	run -0 --separate-stderr sbx node - <<<'let d = "";
process.stdin.on("data", (c) => { d += c; }).on("end", () => console.log(JSON.stringify(d)));'
	[ "$output" = '""' ]
	[ -z "$stderr" ]
}

# Caret lines (~~^~~) change between Python versions; the rest must be exact.
without_carets() {
	grep -v '^ *[~^]*$' <<<"$1"
}

@test "a python traceback names src/app.py as the caller gave it, with the source lines" {
	cat >src/app.py <<'PY'
def divide(a, b):
    return a / b

print("before")
divide(1, 0)
PY
	run -1 --separate-stderr sbx python src/app.py </dev/null
	[ "$output" = before ]
	[ "$(without_carets "$stderr")" = 'Traceback (most recent call last):
  File "src/app.py", line 5, in <module>
    divide(1, 0)
  File "src/app.py", line 2, in divide
    return a / b
ZeroDivisionError: division by zero' ]
}

@test "a python traceback for code from stdin names main.py, never a container path" {
	run -1 --separate-stderr sbx python <<<'import json
json.loads("{")'
	[ -z "$output" ]
	[ "${#stderr_lines[@]}" -gt 4 ]
	[ "${stderr_lines[0]}" = 'Traceback (most recent call last):' ]
	[ "${stderr_lines[1]}" = '  File "main.py", line 2, in <module>' ]
	[ "${stderr_lines[2]}" = '    json.loads("{")' ]
	[[ "${stderr_lines[-1]}" == 'json.decoder.JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)' ]]
	# The frames inside the json module are the image's own files; no frame
	# may name sbx's runner or a made-up path for the caller's code.
	[[ "$stderr" != *'<string>'* ]]
	[[ "$stderr" != *'/tmp/'* ]]
}

@test "a node stack trace names src/app.js as the caller gave it, with the source line" {
	printf 'const x = null;\nconsole.log(x.foo);\n' >src/app.js
	run -1 --separate-stderr sbx node src/app.js </dev/null
	[ -z "$output" ]
	[ "${stderr_lines[0]}" = 'src/app.js:2' ]
	[ "${stderr_lines[1]}" = 'console.log(x.foo);' ]
	[ "${stderr_lines[3]}" = "TypeError: Cannot read properties of null (reading 'foo')" ]
	[[ "${stderr_lines[4]}" == *'(src/app.js:2:15)' ]]
	# Every mention of the file is the caller's path.
	[ "$(grep -o '[^ (]*app\.js' <<<"$stderr" | sort -u)" = src/app.js ]
}

@test "a node stack trace for code from stdin names main.js" {
	run -1 --separate-stderr sbx node <<<'null.x'
	[ -z "$output" ]
	[ "${stderr_lines[0]}" = 'main.js:1' ]
	[ "${stderr_lines[1]}" = 'null.x' ]
	[ "${stderr_lines[3]}" = "TypeError: Cannot read properties of null (reading 'x')" ]
	[[ "${stderr_lines[4]}" == *'(main.js:1:6)' ]]
	[ "$(grep -o '[^ (]*main\.js' <<<"$stderr" | sort -u)" = main.js ]
}

@test "a background child of the program does not keep sbx waiting" {
	run -0 --separate-stderr sbx python - <<<'import subprocess
subprocess.Popen(["sleep", "600"])
print("main done")'
	[ "$output" = "main done" ]
	[ -z "$stderr" ]
}

@test "--validate runs clean code as usual" {
	run -0 --separate-stderr sbx --validate python - <<<'print("rm -rf / is a bad idea")'
	[ "$output" = "rm -rf / is a bad idea" ]
	[ -z "$stderr" ]
}

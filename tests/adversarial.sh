#!/bin/sh
# Hostile input for the validator: SIZE bytes (default 2 MB) of distinct
# names, each holding a value a rule cares about, then one dangerous use of
# the FIRST name, so a scan that forgets old names or skips part of the
# input misses it; or (the last five shapes) deep nesting followed by one
# dangerous line. Usage:
#   tests/adversarial.sh SHAPE [SIZE]   (code on stdout)
#   tests/adversarial.sh -n SHAPE [COUNT]   COUNT names instead of SIZE bytes
#   tests/adversarial.sh -e SHAPE       the language, then the finding expected
# Shapes: py-str py-argv py-b64 py-urlopen py-alias py-fstring
#         js-str js-argv js-atob js-fetch js-template
#         py-forkbomb py-closers js-closers js-loops js-templates
set -eu

mode=size
case ${1:-} in
-n) mode=count; shift ;;
-e) mode=expect; shift ;;
esac
shape=${1:?usage: tests/adversarial.sh [-n|-e] SHAPE [SIZE|COUNT]}
limit=${2:-2097152}

# head: before the names; line: one name (%d is its number); tail: the use
# of name 0; expect: the language and "RULE LINE" of the finding, where
# LINE "last" is the tail's line.
case $shape in
py-str) lang=python head='import os' line="v%d = 'sudo id'"
	tail='os.system(v0)' expect='sudo 2' ;;
py-argv) lang=python head='import subprocess' line='v%d = ["sudo", "id"]'
	tail='subprocess.run(v0)' expect='sudo 2' ;;
py-b64) lang=python head='import base64' line='v%d = base64.b64decode(blob)'
	tail='exec(v0)' expect='decode-exec last' ;;
py-urlopen) lang=python head='from urllib.request import urlopen'
	line='v%d = urlopen(url).read()' tail='exec(v0)'
	expect='download-exec last' ;;
py-alias) lang=python head='import os' line='import subprocess as s%d'
	tail='s0.call("sudo id", shell=True)' expect='sudo last' ;;
py-fstring) lang=python head='import os' line='v%d = f"sudo {cmd}"'
	tail='os.system(v0)' expect='sudo 2' ;;
js-str) lang=node head='const cp = require("child_process");'
	line="const v%d = 'sudo id';" tail='cp.execSync(v0);' expect='sudo 2' ;;
js-argv) lang=node head='const cp = require("child_process");'
	line='const v%d = ["sudo", "id"];' tail='cp.spawn(v0);'
	expect='sudo 2' ;;
js-atob) lang=node head='"use strict";' line='const v%d = atob(blob);'
	tail='eval(v0);' expect='decode-exec last' ;;
js-fetch) lang=node head='"use strict";' line='const v%d = fetch(url);'
	tail='eval(v0);' expect='download-exec last' ;;
js-template) lang=node head='const cp = require("child_process");'
	line='const v%d = `sudo ${cmd}`;' tail='cp.execSync(v0);'
	expect='sudo 2' ;;
# REPEAT is printed until SIZE, between HEAD and TAIL on one line.
py-forkbomb) lang=python nest=1 head='import os
os.system("""' line='x(){ ' tail=':(){ :|:& };:""")' expect='fork-bomb last' ;;
py-closers) lang=python nest=1 head="x = $(printf '%0999d' 0 | tr 0 '(')" \
	line=']' tail="$(printf '%0999d' 0 | tr 0 ')')
import os
os.system('sudo id')" expect='sudo last' ;;
js-closers) lang=node nest=1 head="x = $(printf '%0999d' 0 | tr 0 '(')" \
	line='}' tail="$(printf '%0999d' 0 | tr 0 ')');
require('child_process').execSync('sudo id');" expect='sudo last' ;;
js-loops) lang=node nest=1 head='const cp = require("child_process");
' line='while (true) ' tail=$(awk 'BEGIN {
	for (i = 0; i < 40000; i++)
		printf "cp.fork(\"w.js\"), "
	print ";" }') expect='fork-bomb last' ;;
js-templates) lang=node nest=1 head='const x = `' line='${`' close='`}' tail='`;
require("child_process").execSync("sudo id");' expect='sudo last' ;;
*) echo "adversarial.sh: unknown shape '$shape'" >&2; exit 2 ;;
esac

if [ "$mode" = expect ]; then
	echo "$lang $expect"
	exit 0
fi
if [ -n "${nest:-}" ]; then
	# HEAD, then LINE repeated (and as many CLOSE) up to SIZE, then TAIL.
	awk -v head="$head" -v line="$line" -v closer="${close:-}" \
	    -v limit="$limit" 'BEGIN {
		printf "%s", head
		for (n = length(head); n < limit; n += length(line) + length(closer))
			k++
		for (i = 0; i < k; i++)
			printf "%s", line
		for (i = 0; i < k; i++)
			printf "%s", closer
	}'
	printf '\n%s\n' "$tail"
	exit 0
fi
awk -v head="$head" -v line="$line" -v tail="$tail" -v mode="$mode" \
    -v limit="$limit" 'BEGIN {
	print head
	n = length(head) + 1
	for (i = 0; mode == "count" ? i < limit : n < limit; i++) {
		s = sprintf(line, i)
		print s
		n += length(s) + 1
	}
	print tail
}'

#!/usr/bin/env bats
# sbx --check and --validate: every rule fires on its own snippets, at the
# line and column it promises, and code that only talks about dangerous
# things (comments, help texts, prints, tests) stays clean. No engine needed.
#
# A snippet's first line is a comment naming its findings, e.g.
#   # expect: sudo 4:12 rm-root 5:1
# and the scan must report exactly those.

bats_require_minimum_version 1.5.0

RULES="sudo rm-root priv-change sys-write fork-bomb download-exec
reverse-shell cred-read sandbox-escape crypto-miner decode-exec"

setup() {
	SBX="${SBX:-$BATS_TEST_DIRNAME/../sbx}"
	CORPUS="$BATS_TEST_DIRNAME/corpus"
}

is_rule() {
	local r

	for r in $RULES; do
		[ "$r" = "$1" ] && return 0
	done
	return 1
}

lang_of() {
	case "$1" in
	*.py) echo python ;;
	*.js) echo node ;;
	esac
}

# "RULE LINE:COL" per line, sorted: what the snippet's first line promises.
expected() {
	head -n 1 "$1" | awk '{ for (i = 3; i < NF; i += 2) print $i, $(i + 1) }' |
	    sort
}

# The same from sbx's text output.
reported() {
	printf '%s\n' "$1" |
	    sed -E 's/^.*:([0-9]+):([0-9]+): ([a-z-]+): .*$/\3 \1:\2/' | sort
}

# Code given as lines, written to a file of the language's suffix.
snippet() {
	local lang=$1

	shift
	f="$BATS_TEST_TMPDIR/snippet.$([ "$lang" = python ] && echo py || echo js)"
	printf '%s\n' "$@" >"$f"
}

# The snippet checks clean: status 0 and no output.
assert_clean() {
	local lang=$1

	snippet "$@"
	run -0 "$SBX" --check "$lang" "$f"
	[ -z "$output" ] || {
		printf 'want clean, got:\n%s\n' "$output"
		return 1
	}
}

# The snippet has exactly the findings WANT ("RULE LINE:COL ...") and
# status 1.
assert_finds() {
	local lang=$1 want got

	want=$(printf '%s\n' $2 | paste -d ' ' - - | sort)
	shift 2
	snippet "$lang" "$@"
	run -1 "$SBX" --check "$lang" "$f"
	got=$(reported "$output")
	[ "$got" = "$want" ] || {
		printf 'want:\n%s\ngot:\n%s\n' "$want" "$output"
		return 1
	}
}

check_rule() {
	local rule=$1 f want got n=0

	for f in "$CORPUS"/bad/"$rule".*; do
		n=$((n + 1))
		want=$(expected "$f")
		if ! grep -q "^$rule " <<<"$want"; then
			echo "$f does not expect its own rule"
			return 1
		fi
		run -1 "$SBX" --check "$(lang_of "$f")" "$f"
		got=$(reported "$output")
		if [ "$got" != "$want" ]; then
			printf '%s\nwant:\n%s\ngot:\n%s\n' "$f" "$want" "$got"
			return 1
		fi
		[[ "${lines[0]}" == "$f:"* ]]
	done
	# Every rule applies to both languages, and each has snippets in both.
	ls "$CORPUS"/bad/"$rule".*.py "$CORPUS"/bad/"$rule".*.js >/dev/null
	[ "$n" -ge 10 ] || {
		echo "$rule: $n snippets, want at least 10"
		return 1
	}
}

@test "sudo fires on sudo, doas and pkexec run as commands" {
	check_rule sudo
}

@test "rm-root fires on recursive deletion of /, ~ and top-level directories" {
	check_rule rm-root
}

@test "priv-change fires on chmod/chown of system paths, setuid bits and uid 0" {
	check_rule priv-change
}

@test "sys-write fires on writes to /etc, /usr, /proc/sys and disks" {
	check_rule sys-write
}

@test "fork-bomb fires on :(){ :|:& };: and unbounded fork loops" {
	check_rule fork-bomb
}

@test "download-exec fires on curl | sh and exec of a download" {
	check_rule download-exec
}

@test "reverse-shell fires on /dev/tcp, nc -e and socket+dup2+shell" {
	check_rule reverse-shell
}

@test "cred-read fires on /etc/shadow, ~/.ssh and cloud credentials" {
	check_rule cred-read
}

@test "sandbox-escape fires on mount, nsenter, unshare and the engine socket" {
	check_rule sandbox-escape
}

@test "crypto-miner fires on stratum URLs and miner names" {
	check_rule crypto-miner
}

@test "decode-exec fires on exec and eval of decoded blobs" {
	check_rule decode-exec
}

@test "every rule has snippets, and every snippet belongs to a rule" {
	local f rule

	for f in "$CORPUS"/bad/*; do
		rule=$(basename "$f")
		rule=${rule%%.*}
		is_rule "$rule" || {
			echo "$f: unknown rule $rule"
			return 1
		}
	done
	for rule in $RULES; do
		ls "$CORPUS"/bad/"$rule".* >/dev/null
	done
}

# Recall: the share of dangerous snippets on which the scan reports the
# snippet's own rule at the place it names (the file name says the rule).
@test "recall on the dangerous corpus is at least 95%, and the corpus is large" {
	local f rule want got total=0 found=0

	for f in "$CORPUS"/bad/*; do
		rule=$(basename "$f")
		rule=${rule%%.*}
		total=$((total + 1))
		want=$(expected "$f" | grep "^$rule ")
		run "$SBX" --check "$(lang_of "$f")" "$f"
		got=$(reported "$output")
		if [ -n "$want" ] && [ "$status" -eq 1 ] &&
		    [ "$(comm -23 <(printf '%s\n' "$want") \
		    <(printf '%s\n' "$got"))" = "" ]; then
			found=$((found + 1))
		else
			echo "missed: $f"
		fi
	done
	echo "recall: $found of $total"
	[ "$total" -ge 150 ]
	[ $((found * 100)) -ge $((total * 95)) ]
}

@test "the benign corpus is large: at least 80 files in both languages" {
	local py js

	py=$(find "$CORPUS/good" -name '*.py' | wc -l)
	js=$(find "$CORPUS/good" -name '*.js' | wc -l)
	[ $((py + js)) -ge 80 ] && [ "$py" -ge 30 ] && [ "$js" -ge 30 ] || {
		echo "good corpus: $py Python and $js JavaScript files"
		return 1
	}
}

@test "the man page documents every rule id" {
	local rule part="$BATS_TEST_DIRNAME/../man/sbx.1"

	for rule in $RULES; do
		grep -q "^\.It Sy $rule\$" "$part" || {
			echo "$rule missing from $part"
			return 1
		}
	done
}

@test "the good corpus is clean: comments, help texts, prints and temp dirs" {
	local f

	for f in "$CORPUS"/good/*; do
		run -0 "$SBX" --check "$(lang_of "$f")" "$f"
		[ -z "$output" ] || {
			echo "$output"
			return 1
		}
	done
}

@test "--json prints one array of objects with every field" {
	local f="$CORPUS/bad/sandbox-escape.5.py"

	run -1 "$SBX" --check --json python "$f"
	python3 - "$f" "$output" <<'EOF'
import json, sys
name, text = sys.argv[1], sys.argv[2]
v = json.loads(text)
assert isinstance(v, list) and len(v) == 2, v
assert [(o["rule"], o["line"], o["column"]) for o in v] == [
    ("sys-write", 4, 26), ("sandbox-escape", 4, 46)], v
for o in v:
    assert set(o) == {"file", "line", "column", "rule", "name", "severity",
                      "message"}, o
    assert o["file"] == name and o["severity"] in ("high", "medium"), o
EOF
}

@test "--json prints [] for clean code" {
	run -0 "$SBX" --check --json node "$CORPUS/good/comments.js"
	[ "$output" = "[]" ]
}

@test "code on stdin is reported as main.py or main.js" {
	run -1 "$SBX" --check python - <"$CORPUS/bad/sudo.1.py"
	[ "$output" = "main.py:4:12: sudo: runs a command through sudo, doas or pkexec" ]
	run -1 "$SBX" --check node <"$CORPUS/bad/sudo.1.js"
	[[ "$output" == "main.js:4:11: sudo: "* ]]
}

@test "--check exits 125 for an unknown language or a missing file" {
	run -125 "$SBX" --check cobol "$CORPUS/good/comments.py"
	run -125 "$SBX" --check python "$BATS_TEST_TMPDIR/no-such-file.py"
}

# shellcheck disable=SC2154 # bats sets $stderr
@test "--validate refuses flagged code with 126 and the findings on stderr" {
	local f="$CORPUS/bad/rm-root.1.py"

	run -126 --separate-stderr "$SBX" --validate \
	    --engine "$BATS_TEST_TMPDIR/no-such-engine" python "$f"
	[ -z "$output" ]
	[[ "$stderr" == *"$f:4:12: rm-root: "* ]]
	SBX_VALIDATE=1 run -126 --separate-stderr "$SBX" \
	    --engine "$BATS_TEST_TMPDIR/no-such-engine" python "$f"
	[[ "$stderr" == *"$f:4:12: rm-root: "* ]]
}

@test "findings come in line order, one per rule and line" {
	printf '%s\n' 'import os' 'os.system("sudo a; sudo b")' \
	    'os.system("rm -rf /")' 'os.system("sudo c")' >"$BATS_TEST_TMPDIR/x.py"
	run -1 "$SBX" --check python "$BATS_TEST_TMPDIR/x.py"
	[ "${#lines[@]}" -eq 3 ]
	[[ "${lines[0]}" == *":2:12: sudo: "* ]]
	[[ "${lines[1]}" == *":3:12: rm-root: "* ]]
	[[ "${lines[2]}" == *":4:12: sudo: "* ]]
}

@test "columns count characters: a multibyte character is one column" {
	printf 'x = "\303\251"; os.system("sudo id")\n' >"$BATS_TEST_TMPDIR/u.py"
	run -1 "$SBX" --check python "$BATS_TEST_TMPDIR/u.py"
	[[ "$output" == *":1:21: sudo: "* ]]
}

@test "no trailing newline, NUL bytes and invalid UTF-8 are scanned, not choked on" {
	printf 'import os\nos.system("sudo id")' >"$BATS_TEST_TMPDIR/a.py"
	run -1 "$SBX" --check python "$BATS_TEST_TMPDIR/a.py"
	[[ "$output" == *":2:12: sudo: "* ]]

	printf 'x = "\000\377\376"\x00\nos.system("sudo id")\n' >"$BATS_TEST_TMPDIR/b.py"
	run -1 "$SBX" --check python "$BATS_TEST_TMPDIR/b.py"
	[[ "$output" == *":2:12: sudo: "* ]]

	printf '"\377\377"; require("child_process").execSync("sudo id")' \
	    >"$BATS_TEST_TMPDIR/c.js"
	run -1 "$SBX" --check --json node "$BATS_TEST_TMPDIR/c.js"
	python3 -c 'import json, sys; v = json.loads(sys.argv[1]); assert v[0]["column"] == 42, v' "$output"
}

# shellcheck disable=SC1003,SC2016 # the sources are literal on purpose
@test "unterminated strings, comments and templates end the scan cleanly" {
	local src

	for src in 'os.system("sudo id' "x = '''never closed" 'f"{x' '# only a comment' \
	    '\' '('; do
		printf '%s' "$src" >"$BATS_TEST_TMPDIR/t.py"
		run "$SBX" --check python "$BATS_TEST_TMPDIR/t.py"
		[ "$status" -le 1 ] || {
			echo "python <$src>: status $status"
			return 1
		}
	done
	for src in 'exec("sudo id' '/* never closed' '`${`${' 'x = /[/' '}}}' '${'; do
		printf '%s' "$src" >"$BATS_TEST_TMPDIR/t.js"
		run "$SBX" --check node "$BATS_TEST_TMPDIR/t.js"
		[ "$status" -le 1 ] || {
			echo "node <$src>: status $status"
			return 1
		}
	done
}

@test "comments are not code: # in Python, // and /* */ in JavaScript" {
	printf '# os.system("sudo id")\nx = 1  # rm -rf /\n' >"$BATS_TEST_TMPDIR/c.py"
	run -0 "$SBX" --check python "$BATS_TEST_TMPDIR/c.py"
	printf '// execSync("sudo id")\n/* execSync("rm -rf /") */\n' >"$BATS_TEST_TMPDIR/c.js"
	run -0 "$SBX" --check node "$BATS_TEST_TMPDIR/c.js"
	printf 'x = "#"; os.system("sudo id")\n' >"$BATS_TEST_TMPDIR/h.py"
	run -1 "$SBX" --check python "$BATS_TEST_TMPDIR/h.py"
	printf 'const u = "http://x//y"; execSync("sudo id");\n' >"$BATS_TEST_TMPDIR/h.js"
	run -1 "$SBX" --check node "$BATS_TEST_TMPDIR/h.js"
}

@test "--validate --json refuses with one result object, status refused" {
	local f="$CORPUS/bad/rm-root.1.py"

	run -126 --separate-stderr "$SBX" --validate --json \
	    --engine "$BATS_TEST_TMPDIR/no-such-engine" python "$f"
	python3 - "$output" "$f" <<-'PY'
	import json, sys
	r = json.loads(sys.argv[1])
	assert r["status"] == "refused" and r["exitCode"] == 126, r
	assert r["success"] is False and r["stdout"] == "", r
	assert (sys.argv[2] + ":4:12: rm-root: ") in r["stderr"], r
	assert r["message"].startswith("--validate refused the code"), r
	PY
	[[ "$stderr" == "sbx: --validate refused the code (1 finding); nothing ran" ]]
}

# Hostile inputs (tests/adversarial.sh): 2 MB of names holding rule words,
# or of deep nesting, then one dangerous line. Each must check in linear
# time (the hang guard is generous: a quadratic scan takes minutes) and
# must still find the dangerous use at the end, so that the speed does not
# come from forgetting names or skipping input.
check_adversarial() {
	local shape=$1 lang rule line src="$BATS_TEST_TMPDIR/$1.src"

	read -r lang rule line < <("$BATS_TEST_DIRNAME/adversarial.sh" -e "$shape")
	"$BATS_TEST_DIRNAME/adversarial.sh" "$shape" >"$src"
	[ "$(wc -c <"$src")" -ge 2000000 ]
	[ "$line" != last ] || line=$(wc -l <"$src")
	run -1 timeout 10 "$SBX" --check "$lang" "$src"
	[ "${#lines[@]}" -eq 1 ] || {
		printf '%s\n' "$output" | head -n 5
		return 1
	}
	[[ "$output" == "$src:$line:"*": $rule: "* ]] || {
		echo "$shape: want $rule on line $line, got: $output"
		return 1
	}
}

# The same with 100,000 names (adversarial.sh -n), whatever their size:
# the hang guard is generous, a linear scan takes a fraction of a second.
check_names() {
	local shape=$1 lang rule line src="$BATS_TEST_TMPDIR/$1.n.src"

	read -r lang rule line < <("$BATS_TEST_DIRNAME/adversarial.sh" -e "$shape")
	"$BATS_TEST_DIRNAME/adversarial.sh" -n "$shape" 100000 >"$src"
	[ "$(wc -l <"$src")" -ge 100000 ]
	[ "$line" != last ] || line=$(wc -l <"$src")
	run -1 timeout 10 "$SBX" --check "$lang" "$src"
	[ "${#lines[@]}" -eq 1 ] && [[ "$output" == "$src:$line:"*": $rule: "* ]] || {
		echo "$shape: want $rule on line $line, got: $(printf '%s\n' "$output" | head -n 3)"
		return 1
	}
}

@test "100,000 names holding rule words check in under 10 s, and the use is found" {
	local shape

	for shape in py-str py-argv py-alias py-b64 js-str js-argv js-atob js-fetch; do
		check_names "$shape"
	done
}

@test "2 MB of Python names holding 'sudo id' check in linear time" {
	check_adversarial py-str
}

@test "2 MB of Python names holding argv lists check in linear time" {
	check_adversarial py-argv
}

@test "2 MB of Python names holding base64.b64decode(...) check in linear time" {
	check_adversarial py-b64
}

@test "2 MB of Python names holding urlopen(...).read() check in linear time" {
	check_adversarial py-urlopen
}

@test "2 MB of 'import subprocess as sN' aliases check in linear time" {
	check_adversarial py-alias
}

@test "2 MB of Python names holding f-strings check in linear time" {
	check_adversarial py-fstring
}

@test "2 MB of JavaScript names holding 'sudo id' check in linear time" {
	check_adversarial js-str
}

@test "2 MB of JavaScript names holding argv arrays check in linear time" {
	check_adversarial js-argv
}

@test "2 MB of JavaScript names holding atob(...) check in linear time" {
	check_adversarial js-atob
}

@test "2 MB of JavaScript names holding fetch(...) check in linear time" {
	check_adversarial js-fetch
}

@test "2 MB of JavaScript names holding template strings check in linear time" {
	check_adversarial js-template
}

@test "a 2 MB shell line of nested functions checks in linear time" {
	check_adversarial py-forkbomb
}

@test "2 MB of stray closers under 999 open brackets check in linear time" {
	check_adversarial py-closers
	check_adversarial js-closers
}

@test "40,000 forks under 2 MB of nested while (true) loops check in linear time" {
	check_adversarial js-loops
}

@test "2 MB of nested templates check in linear time and bounded memory" {
	local src="$BATS_TEST_TMPDIR/t.js"

	check_adversarial js-templates
	# 180 MB before frames past DEPTH_MAX were counted instead of kept;
	# an ASan build's own shadow memory would blur the measure.
	[[ "$SBX" != *asan* ]] || return 0
	"$BATS_TEST_DIRNAME/adversarial.sh" js-templates >"$src"
	run -1 /usr/bin/time -f 'rss %M' "$SBX" --check node "$src"
	[[ "${lines[-1]}" == "rss "* ]]
	[ "${lines[-1]#rss }" -lt 100000 ]
}

@test "a method call mount() with keyword arguments is not the mount syscall" {
	assert_clean python 'from fastapi.staticfiles import StaticFiles' \
	    'app.mount("/static", StaticFiles(directory="static"), name="static")'
	assert_finds python "sandbox-escape 3:6 sandbox-escape 4:6" \
	    'import ctypes' 'libc = ctypes.CDLL("libc.so.6", use_errno=True)' \
	    'libc.mount(b"none", b"/mnt", b"tmpfs", 0, None)' \
	    'libc.umount2(b"/mnt", 2)'
	assert_finds python "sandbox-escape 2:12 sandbox-escape 3:18" \
	    'import os, subprocess' 'os.system("mount -t proc proc /mnt")' \
	    'subprocess.run(["mount", "--bind", "/", "/mnt"])'
	assert_finds python "sandbox-escape 2:12 sandbox-escape 3:12 sandbox-escape 4:22" \
	    'import os' 'os.system("nsenter -t 1 -m sh")' \
	    'os.system("unshare -r sh")' 'os.listdir("/var/run/docker.sock")'
}

@test "rm-root fires on / itself, not on a / inside the argument" {
	assert_clean python 'import shutil' 'shutil.rmtree(x.rstrip("/"))' \
	    'shutil.rmtree("/".join(parts))' \
	    'shutil.rmtree(os.path.join(Path.home(), name))'
	assert_finds python "rm-root 2:8 rm-root 3:8 rm-root 5:8 rm-root 6:8" \
	    'import shutil' 'shutil.rmtree("/")' \
	    'shutil.rmtree(os.path.expanduser("~"))' 'top = "/"' \
	    'shutil.rmtree(top)' 'shutil.rmtree(os.environ["HOME"])'
	assert_finds python "rm-root 2:12 rm-root 3:12" 'import os' \
	    'os.system("rm -rf /")' 'os.system("rm -rf /*")'
	assert_clean node 'const top = "/";' 'fs.rmSync(dir.split("/")[0], { recursive: true });'
	assert_finds node "rm-root 2:4" 'const top = "/";' \
	    'fs.rmSync(top, { recursive: true });'
}

@test "priv-change fires on setting setuid/setgid bits, not on clearing them" {
	assert_clean python 'import os, stat' \
	    'os.chmod(p, os.stat(p).st_mode & ~stat.S_ISGID)' \
	    'os.chmod(p, os.stat(p).st_mode & ~(stat.S_ISUID | stat.S_ISGID))'
	assert_finds python "priv-change 2:4 priv-change 3:4 priv-change 4:4 priv-change 5:12" \
	    'import os, stat' 'os.chmod(p, os.stat(p).st_mode | stat.S_ISUID)' \
	    'os.chmod(p, 0o4755)' 'os.chmod(p, ~~stat.S_ISGID)' \
	    'os.system("chmod u+s /tmp/helper")'
}

@test "cred-read fires on private keys and cloud credentials, not on known_hosts, config or *.pub" {
	assert_clean python 'import os' 'open(os.path.expanduser("~/.ssh/known_hosts"))' \
	    'open(os.path.expanduser("~/.ssh/config"))' \
	    'open(os.path.expanduser("~/.ssh/id_rsa.pub"))' \
	    'open(os.path.join(home, ".ssh", "known_hosts"))' \
	    'open(Path.home() / ".ssh" / "id_ed25519.pub")' \
	    'os.system("ssh-keygen -R host -f ~/.ssh/known_hosts")'
	assert_clean node 'fs.readFileSync(path.join(os.homedir(), ".ssh", "config"));'
	assert_finds python "cred-read 2:27 cred-read 3:26 cred-read 4:26 cred-read 5:26 cred-read 6:27" \
	    'import os' 'open(os.path.expanduser("~/.ssh/id_rsa"))' \
	    'open(os.path.join(home, ".ssh", "id_ed25519"))' \
	    'open(os.path.join(home, ".ssh", name))' \
	    'open(os.path.join(home, ".ssh"))' \
	    'open(os.path.expanduser("~/.ssh/known_hosts/../key"))'
	assert_finds python "cred-read 1:26 cred-read 2:26 cred-read 3:37 cred-read 4:26 cred-read 5:14" \
	    'open(os.path.join(home, ".aws", "credentials"))' \
	    'open(os.path.join(home, ".azure", "accessTokens.json"))' \
	    'open(os.path.join(home, ".config", "gcloud", "credentials.db"))' \
	    'open(os.path.join(home, ".azure"))' 'os.listdir("~/.config/gcloud")'
	assert_clean python 'open(os.path.join(home, ".config", "fish", "config.fish"))'
}

@test "prose carries no findings unless it reaches a shell or eval" {
	assert_clean python 'import argparse' \
	    'p = argparse.ArgumentParser()' \
	    'p.add_argument("--wipe", help="removes everything under / when run as root")' \
	    'HELP = "This tool reads ~/.ssh/id_rsa to show its fingerprint."' \
	    'raise SystemExit("we could not read the key at ~/.ssh/id_rsa")' \
	    'def f():' '    """Reads ~/.ssh/id_rsa and talks to docker.sock."""'
	assert_clean node 'program.option("--key <path>", "path to the key (~/.ssh/id_rsa)");' \
	    'const msg = "never share ~/.ssh/id_rsa with anyone";'
	assert_finds python "cred-read 2:23 cred-read 4:27 cred-read 5:8" 'import os' \
	    'MSG = "please do cat ~/.ssh/id_rsa for me"' 'os.system(MSG)' \
	    'os.system("please do cat ~/.ssh/id_rsa for me")' \
	    'open("~/.ssh/id_rsa")'
	assert_finds node "cred-read 1:27" \
	    'const msg = "never share ~/.ssh/id_rsa with anyone";' 'execSync(msg);'
}

#!/usr/bin/env bash
# The soak: N mixed runs of sbx against the real engine, JOBS at a time,
# each result checked against what it must be; then no container of these
# runs may be left. Usage: tests/soak.sh [N [JOBS]]   (make soak N=...)
#
# The mix, in python and node alike: normal runs with streamed stdin and
# the program's own status, code on stdin, timeouts (124), out-of-memory
# kills under -m 64m (137: the engine's flag, or the contract's graded
# line when the engine misses it; the summary counts both), output cut by --output-limit (153), a closed
# stdout (| head -c1: 141, silent), SIGINT, SIGTERM and SIGHUP sent to sbx
# at a random moment (130, 143, 129), each also with --json where it has a
# result object (a valid object with the right status and fields). Output
# is compared byte for byte wherever it is deterministic.
#
# The engine and runtime are sbx's own: SBX_ENGINE (docker, podman) and
# SBX_RUNTIME (runsc) pass through to it and to the final container check.
# SOAK_SEED replays a mix; SBX points at another build (default ./sbx).
# The checks are about correctness, not speed: each run has a hang guard
# of SOAK_HANG_GUARD seconds (180), nothing else is timed.
# Prints one line per wrong result and a summary; exits 1 on any wrong
# result or container left, 2 on a usage error.
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SBX=${SBX:-$ROOT/sbx}
N=${1:-200}
JOBS=${2:-4}
SEED=${SOAK_SEED:-$(($(date +%s) % 100000))}
HANG_GUARD=${SOAK_HANG_GUARD:-180}
ENGINE=${SBX_ENGINE:-docker}
HOST=$(hostname)

[[ $N =~ ^[0-9]+$ && $JOBS =~ ^[1-9][0-9]*$ ]] || {
	echo "usage: $0 [N [JOBS]]" >&2
	exit 2
}
[ -x "$SBX" ] || { echo "soak: no sbx at $SBX: run 'make sbx' first" >&2; exit 2; }
command -v python3 >/dev/null || { echo "soak: python3 checks the JSON results; install it" >&2; exit 2; }
"$ENGINE" info >/dev/null 2>&1 || { echo "soak: the engine '$ENGINE' does not answer: run 'make setup' first" >&2; exit 2; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/sbx-soak.XXXXXX")
# Another user's language file must not change what runs.
export XDG_CONFIG_HOME=$WORK/xdg
unset SBX_LANGUAGES SBX_TIMEOUT SBX_MEMORY SBX_OUTPUT_LIMIT SBX_VALIDATE SBX_IMAGE
mkdir -p "$XDG_CONFIG_HOME"

under_gvisor() {
	[[ ${SBX_RUNTIME:-} == *runsc* || ${SBX_RUNTIME:-} == *gvisor* ]]
}

# ---- The programs (each in python and node) ----

# Normal: upper-case stdin line by line, then a count, a line on stderr,
# and exit with the status given as the first argument.
cat >"$WORK/filter.py" <<'EOF'
import sys
n = 0
for line in sys.stdin:
    sys.stdout.write(line.upper())
    n += 1
print("lines", n)
sys.stderr.write("warn %d\n" % n)
sys.exit(int(sys.argv[1]))
EOF
cat >"$WORK/filter.js" <<'EOF'
const chunks = [];
process.stdin.on("data", (c) => chunks.push(c));
process.stdin.on("end", () => {
  const text = Buffer.concat(chunks).toString();
  const lines = text === "" ? [] : text.replace(/\n$/, "").split("\n");
  let out = "";
  for (const l of lines) out += l.toUpperCase() + "\n";
  out += "lines " + lines.length + "\n";
  process.stdout.write(out, () => {
    process.stderr.write("warn " + lines.length + "\n", () => {
      process.exit(Number(process.argv[2]));
    });
  });
});
EOF
# Streamed: the sum of the numbers on stdin.
cat >"$WORK/sum.py" <<'EOF'
import sys
print(sum(int(l) for l in sys.stdin))
EOF
cat >"$WORK/sum.js" <<'EOF'
let sum = 0n, rest = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (c) => {
  const parts = (rest + c).split("\n");
  rest = parts.pop();
  for (const p of parts) if (p !== "") sum += BigInt(p);
});
process.stdin.on("end", () => {
  if (rest !== "") sum += BigInt(rest);
  console.log(sum.toString());
});
EOF
# Sleeps past any deadline, having said so.
printf 'import time\nprint("started", flush=True)\ntime.sleep(60)\n' >"$WORK/sleep.py"
printf 'console.log("started");\nsetTimeout(() => {}, 60000);\n' >"$WORK/sleep.js"
# Allocates far past -m 64m.
printf 'x = b"x" * (1 << 30)\nprint("allocated")\n' >"$WORK/oom.py"
printf 'const a = [];\nfor (;;) a.push(Buffer.alloc(1 << 20, 1));\n' >"$WORK/oom.js"
# Writes 1 MB of x, past --output-limit 1k.
printf 'import sys\nfor _ in range(1024):\n    sys.stdout.write("x" * 1024)\nsys.stdout.flush()\n' >"$WORK/flood.py"
printf 'process.stdout.write("x".repeat(1 << 20));\n' >"$WORK/flood.js"
# Writes lines for ever.
printf 'while True:\n    print("y" * 100)\n' >"$WORK/yes.py"
printf 'const l = "y".repeat(100) + "\\n";\nfunction w() { while (process.stdout.write(l)) {} process.stdout.once("drain", w); }\nw();\n' >"$WORK/yes.js"

# ---- Checking one result ----

# The JSON checker: one object with every field of the contract, each of
# its type and consistent with the others, then NAME=JSON[|JSON...]
# (one of these values) and NAME@FILE (the string in FILE).
cat >"$WORK/check_json.py" <<'EOF'
import json, re, sys
path, checks = sys.argv[1], sys.argv[2:]
text = open(path, encoding="utf-8", errors="surrogateescape").read()
try:
    r = json.loads(text)
except ValueError as e:
    sys.exit("not one JSON value: %s: %r" % (e, text[:300]))
if not isinstance(r, dict):
    sys.exit("not a JSON object: %r" % text[:300])
def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)
types = {
    "success": lambda v: isinstance(v, bool),
    "status": lambda v: v in ("ok", "exit_nonzero", "signaled", "timeout",
                              "oom", "output_limit", "refused", "sandbox_error"),
    "exitCode": is_int, "signal": lambda v: v is None or is_int(v),
    "stdout": lambda v: isinstance(v, str), "stderr": lambda v: isinstance(v, str),
    "durationMs": lambda v: is_int(v) and v >= 0,
    "timedOut": lambda v: isinstance(v, bool), "oomKilled": lambda v: isinstance(v, bool),
    "outputTruncated": lambda v: isinstance(v, bool),
    "stdoutTruncated": lambda v: isinstance(v, bool),
    "stderrTruncated": lambda v: isinstance(v, bool),
    "language": lambda v: isinstance(v, str) and v != "",
    "image": lambda v: isinstance(v, str) and v != "",
    "cpuMs": lambda v: v is None or is_int(v),
    "memoryPeakBytes": lambda v: v is None or is_int(v),
}
bad = [("no field %s" % k) if k not in r else "%s is %r" % (k, r[k])
       for k, ok in types.items() if k not in r or not ok(r[k])]
if not bad:
    if r["success"] != (r["status"] == "ok"):
        bad.append("success %r with status %r" % (r["success"], r["status"]))
    if r["timedOut"] != (r["status"] == "timeout"):
        bad.append("timedOut %r with status %r" % (r["timedOut"], r["status"]))
    if r["oomKilled"] != (r["status"] == "oom"):
        bad.append("oomKilled %r with status %r" % (r["oomKilled"], r["status"]))
    if r["outputTruncated"] != (r["stdoutTruncated"] or r["stderrTruncated"]):
        bad.append("outputTruncated disagrees with stdout/stderrTruncated")
for c in checks:
    if re.match(r"[A-Za-z]+@", c):
        name, _, path = c.partition("@")
        want = open(path, encoding="utf-8").read()
        if r.get(name) != want:
            bad.append("%s is %s, want the content of %s" % (name, json.dumps(r.get(name))[:200], path))
        continue
    name, _, want = c.partition("=")
    alts = [json.loads(w) for w in want.split("|")]
    if r.get(name) not in alts or any(type(r.get(name)) != type(a) for a in alts if a == r.get(name)):
        bad.append("%s is %s, want %s" % (name, json.dumps(r.get(name))[:200], want))
if bad:
    sys.exit("; ".join(bad))
EOF

# wrong RUN WHAT: record a wrong result (one line, with the evidence).
wrong() {
	local i=$1
	shift
	{
		printf 'WRONG run %s (%s): %s\n' "$i" "$(cat "$WORK/$i.what")" "$*"
		printf '    stdout: %s\n' "$(head -c 300 "$WORK/$i.out" | cat -v | head -n 5)"
		printf '    stderr: %s\n' "$(head -c 600 "$WORK/$i.err" | cat -v | head -n 8)"
	} >"$WORK/$i.wrong"
}

# The lines sbx may print after the OOM kill: the engine's flag as fact,
# or, when the engine did not flag it, the graded line (the contract's
# "signaled", the memory limit named as the likely cause). Docker misses
# its flag now and then on a loaded machine (its OOM event comes after the
# exit); gVisor, which ends the whole sandbox, more often.
oom_fact="sbx: killed: out of memory (limit 64m, swap included); raise it with --memory"
oom_graded="sbx: the program was killed by SIGKILL, which sbx did not send; the likely cause is the memory limit (64m, swap included): raise it with --memory"

# expect_stderr RUN ALLOWED...: stderr is exactly one of ALLOWED.
expect_stderr() {
	local i=$1 err want
	shift
	err=$(cat "$WORK/$i.err")
	for want in "$@"; do
		[ "$err" = "$want" ] && return 0
	done
	wrong "$i" "stderr is not what it must be"
	return 1
}

# expect_status RUN GOT WANT
expect_status() {
	[ "$2" -eq "$3" ] && return 0
	wrong "$1" "status $2, want $3"
	return 1
}

# expect_out RUN FILE: stdout is exactly FILE's content.
expect_out() {
	cmp -s "$WORK/$1.out" "$2" && return 0
	wrong "$1" "stdout differs from $(basename "$2")"
	return 1
}

# expect_json RUN CHECK...
expect_json() {
	local i=$1 why
	shift
	why=$(python3 "$WORK/check_json.py" "$WORK/$i.out" "$@" 2>&1) && return 0
	wrong "$i" "JSON: $why"
	return 1
}

# ---- Running sbx ----

# launch RUN STDIN STDOUT ARG...: start sbx in the background with the
# default disposition of every signal it handles (a shell without job
# control starts background jobs with SIGINT ignored; env resets it, and
# whatever the soak's own caller ignored), its pid in $WORK/RUN.pid and in
# $sbx_pid.
launch() {
	local i=$1 in=$2 out=$3
	shift 3
	env --default-signal=INT,QUIT,TERM,HUP,PIPE "$SBX" "$@" <"$in" >"$out" \
	    2>"$WORK/$i.err" &
	sbx_pid=$!
	echo "$sbx_pid" >"$WORK/$i.pid"
}

# finish RUN: wait for the sbx of RUN (SIGKILL after the hang guard: a hang
# is a wrong result); its status in $st. The watchdog is a subshell that
# ends its own sleep when told to stand down.
finish() {
	local i=$1 dog
	(
		sleep "$HANG_GUARD" &
		nap=$!
		trap 'kill "$nap"; wait "$nap"; exit 0' TERM
		wait "$nap"
		echo hung >"$WORK/$i.hung"
		kill -KILL "$sbx_pid"
	) &
	dog=$!
	wait "$sbx_pid"
	st=$?
	kill -TERM "$dog" 2>/dev/null
	wait "$dog"
	if [ -e "$WORK/$i.hung" ]; then
		wrong "$i" "still running after ${HANG_GUARD}s (killed)"
		return 1
	fi
}

# started: wait until the sbx of the run has replaced env (whose signal
# dispositions are then its own), at most 10 s.
started() {
	local exe t
	exe=$(readlink -f "$SBX")
	for ((t = 0; t < 1000; t++)); do
		[ "$(readlink "/proc/$sbx_pid/exe" 2>/dev/null)" = "$exe" ] && return 0
		sleep 0.01
	done
}

# ---- The kinds of run ----

kind_normal() { # RUN LANG JSON
	local i=$1 lang=$2 json=$3 ext code lines
	ext=$([ "$lang" = python ] && echo py || echo js)
	code=$(((RANDOM % 4 == 0) ? 0 : (RANDOM % 3 == 0 ? 42 : RANDOM % 5)))
	lines=$((RANDOM % 50))
	for ((k = 0; k < lines; k++)); do echo "line $k of run $i, seed $SEED"; done >"$WORK/$i.in"
	{ tr '[:lower:]' '[:upper:]' <"$WORK/$i.in"; echo "lines $lines"; } >"$WORK/$i.want"
	echo "$lang normal, status $code${json:+, --json}" >"$WORK/$i.what"
	launch "$i" "$WORK/$i.in" "$WORK/$i.out" ${json:+"$json"} "$lang" "$WORK/filter.$ext" -- "$code"
	finish "$i" || return
	expect_status "$i" "$st" "$code" || return
	if [ -n "$json" ]; then
		expect_json "$i" status="\"$([ "$code" -eq 0 ] && echo ok || echo exit_nonzero)\"" \
		    exitCode="$code" "stdout@$WORK/$i.want" \
		    "stderr=\"warn $lines\\n\"" signal=null language="\"$lang\""
	else
		expect_out "$i" "$WORK/$i.want" && expect_stderr "$i" "warn $lines"
	fi
}

kind_stream() { # RUN LANG: stdin streamed, a few hundred KB
	local i=$1 lang=$2 ext count
	ext=$([ "$lang" = python ] && echo py || echo js)
	count=$((1 + RANDOM * 4))
	seq 1 "$count" >"$WORK/$i.in"
	echo $((count * (count + 1) / 2)) >"$WORK/$i.want"
	echo "$lang streamed stdin, $count numbers" >"$WORK/$i.what"
	launch "$i" "$WORK/$i.in" "$WORK/$i.out" "$lang" "$WORK/sum.$ext"
	finish "$i" || return
	expect_status "$i" "$st" 0 && expect_out "$i" "$WORK/$i.want" && expect_stderr "$i" ""
}

kind_code_stdin() { # RUN LANG: the code itself on stdin
	local i=$1 lang=$2 a=$((RANDOM % 1000)) b=$((RANDOM % 1000))
	if [ "$lang" = python ]; then
		echo "print($a * $b)" >"$WORK/$i.in"
	else
		echo "console.log($a * $b)" >"$WORK/$i.in"
	fi
	echo $((a * b)) >"$WORK/$i.want"
	echo "$lang code on stdin" >"$WORK/$i.what"
	launch "$i" "$WORK/$i.in" "$WORK/$i.out" "$lang"
	finish "$i" || return
	expect_status "$i" "$st" 0 && expect_out "$i" "$WORK/$i.want" && expect_stderr "$i" ""
}

kind_timeout() { # RUN LANG JSON
	local i=$1 lang=$2 json=$3 ext
	ext=$([ "$lang" = python ] && echo py || echo js)
	echo "$lang timeout -t 1${json:+, --json}" >"$WORK/$i.what"
	launch "$i" /dev/null "$WORK/$i.out" ${json:+"$json"} -t 1 "$lang" "$WORK/sleep.$ext"
	finish "$i" || return
	expect_status "$i" "$st" 124 || return
	expect_stderr "$i" "sbx: timed out after 1s; the container was killed (raise it with --timeout)" || return
	if [ -n "$json" ]; then
		# A slow start may not have got as far as the first line.
		expect_json "$i" status='"timeout"' exitCode=124 timedOut=true \
		    'stdout="started\n"|""' signal=null
	else
		[ ! -s "$WORK/$i.out" ] || [ "$(cat "$WORK/$i.out")" = started ] ||
			wrong "$i" "stdout is neither empty nor 'started'"
	fi
}

kind_oom() { # RUN LANG JSON
	local i=$1 lang=$2 json=$3 ext
	ext=$([ "$lang" = python ] && echo py || echo js)
	echo "$lang out of memory, -m 64m${json:+, --json}" >"$WORK/$i.what"
	launch "$i" /dev/null "$WORK/$i.out" ${json:+"$json"} -m 64m "$lang" "$WORK/oom.$ext"
	finish "$i" || return
	expect_status "$i" "$st" 137 || return
	expect_stderr "$i" "$oom_fact" "$oom_graded" || return
	[ "$(cat "$WORK/$i.err")" != "$oom_graded" ] || touch "$WORK/$i.graded"
	if [ -z "$json" ]; then
		[ ! -s "$WORK/$i.out" ] || wrong "$i" "output from a program killed before it printed"
	elif [ -e "$WORK/$i.graded" ]; then
		expect_json "$i" status='"signaled"' exitCode=137 oomKilled=false signal=9 stdout='""'
	else
		expect_json "$i" status='"oom"' exitCode=137 oomKilled=true signal=9 stdout='""'
	fi
}

kind_cut() { # RUN LANG JSON
	local i=$1 lang=$2 json=$3 ext
	ext=$([ "$lang" = python ] && echo py || echo js)
	echo "$lang output cut at 1k${json:+, --json}" >"$WORK/$i.what"
	head -c 1024 /dev/zero | tr '\0' x >"$WORK/$i.want"
	launch "$i" /dev/null "$WORK/$i.out" ${json:+"$json"} --output-limit 1k "$lang" "$WORK/flood.$ext"
	finish "$i" || return
	expect_status "$i" "$st" 153 || return
	expect_stderr "$i" "sbx: stdout passed the output limit of 1k: cut there and the program killed (raise it with --output-limit)" || return
	if [ -n "$json" ]; then
		expect_json "$i" status='"output_limit"' exitCode=153 stdoutTruncated=true \
		    stderrTruncated=false "stdout=\"$(cat "$WORK/$i.want")\""
	else
		expect_out "$i" "$WORK/$i.want"
	fi
}

kind_closed_stdout() { # RUN LANG: sbx ... | head -c1
	local i=$1 lang=$2 ext
	ext=$([ "$lang" = python ] && echo py || echo js)
	echo "$lang closed stdout (| head -c1)" >"$WORK/$i.what"
	exec {head_fd}> >(exec head -c1 >"$WORK/$i.out")
	head_pid=$!
	launch "$i" /dev/null "/dev/fd/$head_fd" "$lang" "$WORK/yes.$ext"
	exec {head_fd}>&-
	finish "$i" || return
	wait "$head_pid"
	expect_status "$i" "$st" 141 || return
	expect_stderr "$i" "" || return
	[ "$(cat "$WORK/$i.out")" = y ] || wrong "$i" "head did not get the first byte"
}

kind_signal() { # RUN LANG JSON
	local i=$1 lang=$2 json=$3 ext sig num delay
	ext=$([ "$lang" = python ] && echo py || echo js)
	case $((RANDOM % 3)) in
	0) sig=INT num=2 ;;
	1) sig=TERM num=15 ;;
	*) sig=HUP num=1 ;;
	esac
	delay=$((RANDOM % 2500))
	echo "$lang SIG$sig after ${delay} ms${json:+, --json}" >"$WORK/$i.what"
	launch "$i" /dev/null "$WORK/$i.out" ${json:+"$json"} -t 60 "$lang" "$WORK/sleep.$ext"
	started
	sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
	kill -"$sig" "$sbx_pid"
	finish "$i" || return
	expect_status "$i" "$st" $((128 + num)) || return
	# Before sbx set up its handlers the signal's default action ends it:
	# the same status, and nothing said.
	expect_stderr "$i" "sbx: got SIG$sig; the container was killed" "" || return
	if [ -n "$json" ]; then
		if [ -s "$WORK/$i.out" ] || [ -s "$WORK/$i.err" ]; then
			expect_json "$i" status='"signaled"' exitCode=$((128 + num)) signal="$num" \
			    'stdout="started\n"|""'
		fi
	else
		[ ! -s "$WORK/$i.out" ] || [ "$(cat "$WORK/$i.out")" = started ] ||
			wrong "$i" "stdout is neither empty nor 'started'"
	fi
}

# One run: its kind, language and --json drawn from the seeded mix.
one_run() {
	local i=$1 lang json kind
	RANDOM=$((SEED * 7919 + i))
	# (No RANDOM inside $(...): a subshell reseeds it.)
	lang=python json=
	((RANDOM % 2 == 0)) || lang=node
	((RANDOM % 3 != 0)) || json=--json
	case $((RANDOM % 16)) in
	0 | 1 | 2 | 3) kind=normal ;;
	4 | 5) kind=stream json='' ;;
	6) kind=code_stdin json='' ;;
	7 | 8) kind=timeout ;;
	9 | 10) kind=oom ;;
	11) kind='cut' ;;
	12) kind=closed_stdout json='' ;;
	*) kind=signal ;;
	esac
	t0=$(date +%s%N)
	"kind_$kind" "$i" "$lang" "$json"
	echo "$kind $lang ${json:-plain} $((($(date +%s%N) - t0) / 1000000))" >"$WORK/$i.kind"
}

# ---- The soak ----

echo "soak: $N runs, $JOBS at a time, engine $ENGINE${SBX_RUNTIME:+, runtime $SBX_RUNTIME}, seed $SEED (SOAK_SEED=$SEED replays it)"
start=$(date +%s)
running=0
for ((i = 1; i <= N; i++)); do
	if ((running >= JOBS)); then
		wait -n
		running=$((running - 1))
	fi
	one_run "$i" &
	running=$((running + 1))
	if ((i % 50 == 0)); then
		echo "soak: $i runs started, $(($(date +%s) - start)) s"
	fi
done
wait

# Containers of these runs' sbx processes: by owner label, and (a claimed
# --warm container) by name. All of them have exited by now.
declare -A ours=()
for f in "$WORK"/*.pid; do
	[ -e "$f" ] && ours[$(cat "$f")]=1
done
left=()
mapfile -t ids < <("$ENGINE" ps --all --quiet --filter label=sbx 2>/dev/null)
if ((${#ids[@]})); then
	while read -r name owner; do
		name=${name#/}
		pid=
		if [[ $owner == "$HOST":* ]]; then
			pid=${owner##*:}
		elif [[ $name =~ ^sbx-[0-9a-f]{16}-([0-9]+)-$HOST$ ]]; then
			pid=${BASH_REMATCH[1]}
		fi
		[ -n "$pid" ] && [ -n "${ours[$pid]:-}" ] && left+=("$name")
	done < <("$ENGINE" inspect --type=container --format \
	    '{{.Name}} {{index .Config.Labels "sbx.owner"}}' "${ids[@]}" 2>/dev/null)
fi

wrong_runs=0
for f in "$WORK"/*.wrong; do
	[ -e "$f" ] || continue
	cat "$f"
	wrong_runs=$((wrong_runs + 1))
done
for name in "${left[@]}"; do
	echo "LEFT container $name"
done
took=$(($(date +%s) - start))
# count FIELD: "name count, ..." over the runs' kind files.
count() {
	cat "$WORK"/*.kind 2>/dev/null | awk -v f="$1" '{n[$f]++} END {for (k in n) printf "%s %d\n", k, n[k]}' |
	    sort | paste -sd, - | sed 's/,/, /g'
}
echo "soak: kinds: $(count 1); $(count 2); $(count 3)"
ooms=$(grep -l '^oom ' "$WORK"/*.kind 2>/dev/null | wc -l)
graded=$(find "$WORK" -name '*.graded' | wc -l)
echo "soak: out-of-memory kills: $((ooms - graded)) flagged by the engine, $graded without its flag (graded)"
echo "soak: mean time per run: $(cat "$WORK"/*.kind 2>/dev/null |
    awk '{n[$1]++; t[$1] += $4} END {for (k in n) printf "%s %.1f s\n", k, t[k] / n[k] / 1000}' |
    sort | paste -sd, - | sed 's/,/, /g')"
echo "soak: $N runs, $wrong_runs wrong, ${#left[@]} containers left, ${took} s (engine $ENGINE${SBX_RUNTIME:+, runtime $SBX_RUNTIME}, seed $SEED)"
if ((wrong_runs || ${#left[@]})); then
	echo "soak: the runs' files are in $WORK"
	exit 1
fi
rm -rf "$WORK"

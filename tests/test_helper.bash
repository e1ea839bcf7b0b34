# Shared helpers for every bats file. Load with: load ../test_helper
bats_require_minimum_version 1.5.0

TESTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$TESTS_DIR/.." && pwd)"
# SBX may point at another build (make sanitize uses the ASan one).
SBX="${SBX:-$ROOT/sbx}"
export SBX ROOT TESTS_DIR
# No language file of the machine's user changes what the tests see.
export XDG_CONFIG_HOME="${BATS_RUN_TMPDIR:-/nonexistent}/xdg-config"
unset SBX_LANGUAGES

# The engine under test: SBX_ENGINE, as sbx itself reads it (docker unless
# set; "make test-podman" runs the real-engine files against podman). sbx
# picks it up from the environment; the helpers below query the same
# engine, and unit tests put a fake of that name first on PATH.
ENGINE="${SBX_ENGINE:-docker}"

# The engine CLI, for the tests' own queries.
engine() {
	command "$ENGINE" "$@"
}

# Do the runs of this suite go to gVisor (SBX_RUNTIME=runsc)? Its sandbox
# has no cgroup file system of the host's, so what the run cost is null
# there (sbx(1), "What the run cost"), and file creation is slower.
under_gvisor() {
	[[ ${SBX_RUNTIME:-} == *runsc* || ${SBX_RUNTIME:-} == *gvisor* ]]
}

# For real-engine files: fail (never skip) when no engine answers.
require_engine() {
	if ! engine info >/dev/null 2>&1; then
		echo "the engine '$ENGINE' does not answer: run 'make setup'" \
		    "(or 'make setup-podman') first" >&2
		return 1
	fi
}

flunk() {
	echo "$@" >&2
	return 1
}

# Put the recording fake engine first on PATH (unit tests), under the name
# of the engine under test (tests/fake/podman is a link to the same fake).
use_fake_docker() {
	export FAKE_DOCKER_LOG="$BATS_TEST_TMPDIR/docker.log"
	export PATH="$TESTS_DIR/fake:$PATH"
	: >"$FAKE_DOCKER_LOG"
}

# The argv of the fake's first "run" call, one word per line.
fake_run_argv() {
	awk '/^--- run$/ {inrun=1; next} /^--- / {inrun=0} inrun' "$FAKE_DOCKER_LOG"
}

# Split what the fake's "run" got on stdin (run.stdin) into the BOOT
# header, one line per field (boot.c; the words still escaped), in
# $BATS_TEST_TMPDIR/header, and everything after it (workspace, code,
# the program's stdin) in $BATS_TEST_TMPDIR/payload.
split_boot_input() {
	local in="$BATS_TEST_TMPDIR/run.stdin" bytes
	# Fixed lines: magic, numbers, workdir, file; then three word lists,
	# each a count followed by that many words. Bytes, not characters.
	bytes=$(LC_ALL=C awk '
		function list_done() {
			if (lists == 3) { print bytes; exit }
			left = -1
		}
		{ bytes += length($0) + 1 }
		NR < 4 { next }
		NR == 4 { left = -1; next }
		left == -1 { left = $0 + 0; lists++; if (left == 0) list_done(); next }
		{ if (--left == 0) list_done() }
		' "$in")
	[ -n "$bytes" ] || flunk "the BOOT header ended early"
	head -c "$bytes" "$in" >"$BATS_TEST_TMPDIR/header"
	tail -c +"$((bytes + 1))" "$in" >"$BATS_TEST_TMPDIR/payload"
}

# The verbs the fake was called with, in order, one per line.
fake_verbs() {
	sed -n 's/^--- //p' "$FAKE_DOCKER_LOG"
}

# ---- Real-engine helpers (tests/engine) ----

# The images every real-engine file runs.
require_images() {
	local image
	for image in sbx/python sbx/node; do
		engine image inspect "$image" >/dev/null 2>&1 ||
			flunk "image $image is missing from $ENGINE: run" \
			    "'ENGINE=$ENGINE make images' first" || return
	done
}

# Can sbx tell an OOM kill as a fact? Docker flags it (.State.OOMKilled).
# Podman before 5.0 does not (containers/podman#13102): its conmon leaves a
# file "oom" in the client's working directory instead, which sbx reads from
# the private directory it runs a local podman in. A remote podman's conmon
# writes it on the other host, where sbx cannot see it.
engine_reports_oom() {
	local major
	[ "$ENGINE" = podman ] && [ -n "${CONTAINER_HOST:-}" ] || return 0
	major=$(engine version --format '{{.Client.Version}}')
	[ "${major%%.*}" -ge 5 ]
}

# What sbx says on stderr when a run under -m LIMIT runs out of memory: a
# fact when the engine flags it, else the graded line (never a clean exit).
oom_message() {
	if engine_reports_oom; then
		echo "sbx: killed: out of memory (limit $1, swap included); raise it with --memory"
	else
		echo "sbx: the program was killed by SIGKILL, which sbx did not send; the likely cause is the memory limit ($1, swap included): raise it with --memory"
	fi
}

# Environment that makes the engine under test unreachable: docker reads
# DOCKER_HOST, podman CONTAINER_HOST (which also makes it a remote client).
unreachable_engine() {
	DOCKER_HOST=unix:///nonexistent CONTAINER_HOST=unix:///nonexistent "$@"
}

# What sbx says when the engine under test cannot reach its daemon at
# ENDPOINT (podman's own message does not name it).
unreachable_line() {
	if [ "$ENGINE" = podman ]; then
		echo 'sbx: the engine '\''podman'\'' cannot reach its daemon (Cannot connect to Podman. Please verify your connection to the Linux system using `podman system connection list`, or try `podman machine init` and `podman machine start` to manage a new Linux VM): start the daemon, or point CONTAINER_HOST or the podman connection at a running one'
	else
		echo "sbx: the engine 'docker' cannot reach its daemon (Cannot connect to the Docker daemon at $1. Is the docker daemon running?): start the daemon, or point DOCKER_HOST or the docker context at a running one"
	fi
}

# The pids of the sbx processes this test started, one per line: the
# teardown checks their containers, and no one else's (other users of a
# shared engine kill their own sbx processes on purpose).
sbx_pids_file() {
	echo "$BATS_TEST_TMPDIR/sbx.pids"
}

# Run sbx, but SIGKILL it after SBX_HANG_GUARD seconds (120): a hang must
# fail the test (status 137 and a container left), not stall the suite.
# The inner shell records its pid, which exec hands on to sbx.
sbx() {
	timeout --foreground --signal=KILL "${SBX_HANG_GUARD:-120}" \
	    bash -c 'echo $$ >>"$0"; exec "$@"' "$(sbx_pids_file)" "$SBX" "$@"
}

# sbx with its stdout and stderr in files, for output a shell variable cannot
# hold (NUL bytes, megabytes): run -N sbx_to_files OUT ERR ARG...
sbx_to_files() {
	local out=$1 err=$2
	shift 2
	sbx "$@" >"$out" 2>"$err"
}

# The containers of the sbx process PID (sbx labels them sbx.owner=HOST:PID;
# a claimed --warm container keeps its pool's labels and is named
# sbx-HEX-PID-HOST instead): containers_of PID [PS-OPTION...], by default
# the IDs of all of them, running or not.
containers_of() {
	local pid=$1
	shift
	[ $# -gt 0 ] || set -- --all --quiet
	{
		engine ps "$@" --filter "label=sbx.owner=$(hostname):$pid"
		engine ps "$@" --filter "label=sbx.warm" \
		    --filter "name=^/?sbx-[0-9a-f]{16}-$pid-$(hostname)\$"
	} | sort -u
}

# Containers of this test's sbx processes that are gone: what the test left
# behind. Containers of other sbx processes are not looked at.
orphaned_containers() {
	local pids pid
	pids=$(sbx_pids_file)
	[ -s "$pids" ] || return 0
	while read -r pid; do
		[ -d "/proc/$pid" ] || containers_of "$pid"
	done <"$pids"
}

# Teardown for real-engine files: no container of a finished sbx of this
# test may be left; other containers (other users of the engine) are not
# looked at, let alone removed.
assert_no_orphaned_containers() {
	local left tries
	# A clean warm run leaves its container to the engine's --rm, which
	# may still be at it when sbx has exited: give it two seconds.
	for ((tries = 0; tries < 8; tries++)); do
		left="$(orphaned_containers)"
		[ -n "$left" ] || return 0
		sleep 0.25
	done
	echo "containers left behind: $left" >&2
	engine rm --force $left >/dev/null 2>&1
	return 1
}

# Start sbx in the background, stdin from /dev/null, stdout and stderr into
# $BATS_TEST_TMPDIR/NAME.out and NAME.err; its pid goes to sbx_pids[NAME].
# fd 3 is closed so that bats does not wait for it.
declare -gA sbx_pids=()
start_sbx() {
	local name=$1
	shift
	"$SBX" "$@" </dev/null >"$BATS_TEST_TMPDIR/$name.out" \
	    2>"$BATS_TEST_TMPDIR/$name.err" 3>&- &
	sbx_pids[$name]=$!
	echo $! >>"$(sbx_pids_file)"
}

# Teardown: end the background sbx processes a failed test left running.
stop_background_sbx() {
	local pid
	for pid in "${sbx_pids[@]}"; do
		kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
	sbx_pids=()
	return 0
}

# SIGKILL the sbx PID with its guard and engine CLI, as a crash of the
# whole session would. sbx is stopped first, so that it cannot act on its
# children's deaths; each child that leads a process group of its own (the
# guard, the CLI) goes with that group, since a guard that already started
# its removal runs it in a child of its own.
kill_sbx_with_helpers() {
	local pid=$1 kid
	kill -STOP "$pid"
	# A child may end between pgrep and kill (an engine query sbx
	# started): that is not a failure.
	for kid in $(pgrep -P "$pid"); do
		if [ "$(ps -o pgid= -p "$kid" | tr -d ' ')" = "$kid" ]; then
			kill -KILL -- "-$kid" 2>/dev/null || true
		else
			kill -KILL "$kid" 2>/dev/null || true
		fi
	done
	kill -KILL "$pid"
}

# Wait (at most SECONDS, 20 by default) until FILE has LINE as a whole line.
wait_for_line() {
	local file=$1 line=$2 seconds=${3:-20} i
	for ((i = 0; i < seconds * 10; i++)); do
		grep -qxF -- "$line" "$file" 2>/dev/null && return 0
		sleep 0.1
	done
	flunk "after ${seconds}s, still no line '$line' in $file: $(cat "$file")"
}

# Wait (at most SECONDS, 20 by default) for the background sbx NAME to end;
# its exit status goes to $status.
wait_for_sbx() {
	local name=$1 seconds=${2:-20} pid=${sbx_pids[$1]} i
	for ((i = 0; i < seconds * 10; i++)); do
		if ! kill -0 "$pid" 2>/dev/null; then
			status=0
			wait "$pid" || status=$?
			unset "sbx_pids[$name]"
			return 0
		fi
		sleep 0.1
	done
	flunk "sbx ($name, pid $pid) still runs ${seconds}s later"
}

# Check one --json result: exactly one object with every field the contract
# names, each of its type, consistent with the others; then each further
# argument, either NAME=JSON (the field equals that JSON value, type included)
# or a Python expression over the object r that must hold.
#   assert_json_result "$output" status='"ok"' 'len(r["stdout"]) == 3'
assert_json_result() {
	local json=$1
	shift
	# The JSON goes through stdin: a megabyte does not fit in an argument.
	python3 -c "$ASSERT_JSON_RESULT_PY" "$@" <<<"$json"
}
ASSERT_JSON_RESULT_PY=$(cat <<'PY'
import json, sys

text, checks = sys.stdin.read(), sys.argv[1:]
try:
    r = json.loads(text)
except ValueError as e:
    sys.exit("not one JSON value: %s\n%s" % (e, text[:2000]))
if not isinstance(r, dict):
    sys.exit("not a JSON object: %r" % (r,))

def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)

types = {
    "success": lambda v: isinstance(v, bool),
    "status": lambda v: v in ("ok", "exit_nonzero", "signaled", "timeout",
                              "oom", "output_limit", "refused",
                              "sandbox_error"),
    "exitCode": is_int,
    "signal": lambda v: v is None or is_int(v),
    "stdout": lambda v: isinstance(v, str),
    "stderr": lambda v: isinstance(v, str),
    "durationMs": lambda v: is_int(v) and v >= 0,
    "timedOut": lambda v: isinstance(v, bool),
    "oomKilled": lambda v: isinstance(v, bool),
    "outputTruncated": lambda v: isinstance(v, bool),
    "stdoutTruncated": lambda v: isinstance(v, bool),
    "stderrTruncated": lambda v: isinstance(v, bool),
    "language": lambda v: isinstance(v, str) and v != "",
    "image": lambda v: isinstance(v, str) and v != "",
}
bad = []
for name, ok in types.items():
    if name not in r:
        bad.append("no field %s" % name)
    elif not ok(r[name]):
        bad.append("%s has a wrong value or type: %r" % (name, r[name]))
for name in ("stdout", "stderr"):
    try:
        r.get(name, "").encode("utf-8")
    except UnicodeEncodeError:
        bad.append("%s holds a lone surrogate (not valid Unicode)" % name)
if not bad:
    if r["success"] != (r["status"] == "ok"):
        bad.append("success %r with status %r" % (r["success"], r["status"]))
    if r["timedOut"] != (r["status"] == "timeout"):
        bad.append("timedOut %r with status %r" % (r["timedOut"], r["status"]))
    if r["oomKilled"] != (r["status"] == "oom"):
        bad.append("oomKilled %r with status %r" % (r["oomKilled"], r["status"]))
    if r["outputTruncated"] != (r["stdoutTruncated"] or r["stderrTruncated"]):
        bad.append("outputTruncated disagrees with stdout/stderrTruncated")
for check in checks:
    name, eq, want = check.partition("=")
    if eq and name.isidentifier():
        if json.dumps(r.get(name)) != json.dumps(json.loads(want)):
            bad.append("%s is %s, not %s" % (name, json.dumps(r.get(name))[:300], want))
    elif not eval(check, {"r": r}):
        bad.append("does not hold: %s" % check)
if bad:
    r_short = {k: (v[:200] if isinstance(v, str) else v) for k, v in r.items()}
    sys.exit("\n".join(bad) + "\nin: " + json.dumps(r_short))
PY
)

# Shared helpers for every bats file. Load with: load ../test_helper
bats_require_minimum_version 1.5.0

TESTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$TESTS_DIR/.." && pwd)"
# SBX may point at another build (make sanitize uses the ASan one).
SBX="${SBX:-$ROOT/sbx}"
export SBX ROOT TESTS_DIR

# Label every container a test starts by way of SBX_ENGINE? No: sbx labels
# its own containers "sbx"; tests check that none is left.
sbx_containers() {
	docker ps --all --quiet --filter label=sbx
}

# For real-engine files: fail (never skip) when no engine answers.
require_engine() {
	if ! docker info >/dev/null 2>&1; then
		echo "no Docker engine answers: run 'make setup' first" >&2
		return 1
	fi
}

# Teardown for real-engine files: no sbx container may outlive a test.
assert_no_containers() {
	local left
	left="$(sbx_containers)"
	if [ -n "$left" ]; then
		echo "containers left behind: $left" >&2
		docker rm --force $left >/dev/null 2>&1
		return 1
	fi
}

flunk() {
	echo "$@" >&2
	return 1
}

# Put the recording fake engine first on PATH (unit tests).
use_fake_docker() {
	export FAKE_DOCKER_LOG="$BATS_TEST_TMPDIR/docker.log"
	export PATH="$TESTS_DIR/fake:$PATH"
	: >"$FAKE_DOCKER_LOG"
}

# The argv of the fake's first "run" call, one word per line.
fake_run_argv() {
	awk '/^--- run$/ {inrun=1; next} /^--- / {inrun=0} inrun' "$FAKE_DOCKER_LOG"
}

# The verbs the fake was called with, in order, one per line.
fake_verbs() {
	sed -n 's/^--- //p' "$FAKE_DOCKER_LOG"
}

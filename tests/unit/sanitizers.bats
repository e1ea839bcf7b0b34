#!/usr/bin/env bats
# Regression cases found by the sanitizers and the fuzz targets: the ASan
# and UBSan builds (make build/sbx-asan build/test-units, which make test
# builds first). Fake engine only.

load ../test_helper

ASAN_SBX="$ROOT/build/sbx-asan"
UNITS="$ROOT/build/test-units"

setup() {
	use_fake_docker
	[ -x "$ASAN_SBX" ] && [ -x "$UNITS" ] ||
	    flunk "build them first: make build/sbx-asan build/test-units"
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
	export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
}

@test "the C-level cases hold under ASan and UBSan" {
	run -0 "$UNITS"
	[[ "$output" != *"not ok"* ]]
}

@test "-e with an action other than a run leaks nothing (LeakSanitizer)" {
	echo 'print(1)' >"$BATS_TEST_TMPDIR/ok.py"
	run -0 "$ASAN_SBX" -e A=b --version
	run -0 "$ASAN_SBX" -e A=b --help
	run -0 "$ASAN_SBX" -e A=b --languages
	run -0 "$ASAN_SBX" -e A=b --check python "$BATS_TEST_TMPDIR/ok.py"
	run -0 "$ASAN_SBX" -e A=b --gc
	# The fake answers no "info": --doctor fails that check, and only that.
	run -125 "$ASAN_SBX" -e A=b --doctor
	[[ "$output" != *Sanitizer* ]]
	run -0 "$ASAN_SBX" -e A=b --dry-run python "$BATS_TEST_TMPDIR/ok.py"
}

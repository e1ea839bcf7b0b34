# Loaded by every real-engine file (load engine_helper): the shared helpers,
# plus the set-up and teardown all of them use. A file that needs more
# redefines setup() and calls engine_setup first.

# shellcheck source=../test_helper.bash
source "$BATS_TEST_DIRNAME/../test_helper.bash"

setup_file() {
	require_engine
	require_images
}

engine_setup() {
	cd "$BATS_TEST_TMPDIR"
}

setup() {
	engine_setup
}

teardown() {
	stop_background_sbx
	assert_no_orphaned_containers
}

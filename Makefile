# sbx: run untrusted code in a hardened, throw-away container.
# make            build ./sbx
# make test       set up the engine and images if needed, then every test
# make test-runsc the attack suite under gVisor (part of make test when registered)
# make test-warm  the whole real-engine suite again with SBX_WARM=2
# make sanitize   the unit suites, then every real-engine file but valgrind.bats
#                 with SBX_WARM=2, against an ASan+UBSan build
# make test-remote   the real-engine suites over TCP only: DOCKER_HOST, then
#                 a docker context (tests/with-tcp-engine.sh says how)
# make bench      sbx against bare "docker run", median wall times and ratio
# make images     every sandbox image; LANGS="ruby perl" (images or language
#                 names) only those; make setup builds python and node
# make install    PREFIX, DESTDIR as usual; NAME=sbx-run installs the command
#                 and its man pages under another name
# make test-podman      the real-engine suite but languages.bats and
#                 valgrind.bats against rootful podman (set up first);
#                 SBX_ENGINE=podman works with test, sanitize, bench, bench-parallel
# make bench-parallel   runs per second of a hello world at -P1, -P2, -P4, -P8
# make bench-files      what -C (10 MB workspace) and -o (10 MB back) add
# make bench-validate   --check speed on 10 MB of Python, in MB/s
# make sweep-validate   --check on every Python and JavaScript file of the
#                 machine's own libraries: files, flagged, rate (target 0.1%)
# make bench-warm   --warm 2 against sbx cold and bare "docker run": p50, p95, ratios
# make bench-deps   a --deps run on its built image against plain sbx node
# make test-faults  engine faults (dockerd killed, paused; the container
#                 killed from outside) against a private dockerd
#                 (tests/faults/private-engine.sh); root, docker only
# make soak     N (200) mixed real-engine runs, 4 at a time, each result
#                 checked; SBX_ENGINE and SBX_RUNTIME as for the tests
# make fuzz     the libFuzzer targets (tests/fuzz), FUZZ_SECONDS (60) each;
#                 make fuzz-ci: FUZZ_CI_SECONDS (15) each

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
MANDIR	?= $(PREFIX)/share/man
DATADIR	?= $(PREFIX)/share/sbx
# Where sbx looks for the system-wide language file, SYSCONFDIR/sbx/languages.
SYSCONFDIR ?= /etc
NAME	?= sbx

CC	?= cc
CFLAGS	?= -O2 -g
SBX_CFLAGS = -std=c11 -Wall -Wextra -Wpedantic -Werror -Wshadow \
	-Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla \
	-D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-DSBX_DATADIR='"$(DATADIR)"' -DSBX_SYSCONFDIR='"$(SYSCONFDIR)"'
SANITIZE_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all

SRCS	= src/argv.c src/boot.c src/buf.c src/cli.c src/deps.c src/endmark.c \
	src/deps_recipe.c src/doctor.c src/engine.c src/files.c \
	src/guard.c src/id.c src/json.c src/lang.c src/langfile.c src/main.c src/outcome.c \
	src/outfiles.c src/parse.c src/probe.c src/proc.c src/report.c \
	src/run.c src/sha256.c src/signals.c src/source.c \
	src/tar.c src/trailer.c src/util.c src/warm.c src/warm_list.c src/warm_settle.c src/workdir.c \
	src/workspace.c $(VALIDATE_SRCS)
# The validator (--check, --validate): its own folder, see src/validate/validate.c.
VALIDATE_SRCS = src/validate/calls.c src/validate/callsite.c src/validate/check.c \
	src/validate/close.c src/validate/findings.c src/validate/forkbomb.c \
	src/validate/frames.c src/validate/literals.c src/validate/loops.c src/validate/ops.c \
	src/validate/rules.c src/validate/scan.c src/validate/scan_lex.c \
	src/validate/scan_names.c src/validate/scan_shbuf.c src/validate/scan_shell.c \
	src/validate/scan_strings.c src/validate/scan_vars.c src/validate/validate.c \
	src/validate/values.c src/validate/verdict.c
HDRS	= $(filter-out src/main.h,$(SRCS:.c=.h)) src/sbx.h
OBJS	= $(SRCS:src/%.c=build/%.o)
ASAN_OBJS = $(SRCS:src/%.c=build/asan/%.o)

BATS	?= bats
# The engine the tests, set-up and benchmarks use: docker or podman.
SBX_ENGINE ?= docker
TESTS	= tests/unit tests/validate.bats tests/engine
# make sanitize: the files with fake engines, then every real-engine file
# (valgrind cannot run an ASan binary; it checks the plain build instead).
SANITIZE_UNIT_TESTS = tests/unit tests/validate.bats
SANITIZE_ENGINE_TESTS = $(filter-out %/valgrind.bats,$(wildcard tests/engine/*.bats))

all: sbx build/files-driver

sbx: $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $(OBJS)

build/%.o: src/%.c $(HDRS) Makefile
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(SBX_CFLAGS) $(CFLAGS) -c -o $@ $<

# The file transfer modules alone, for tests/unit/files.bats.
FILES_OBJS = build/outfiles.o build/trailer.o build/util.o build/workspace.o \
	build/parse.o build/buf.o build/json.o
build/files-driver: tests/unit-c/files_driver.c $(FILES_OBJS)
	$(CC) $(CPPFLAGS) $(SBX_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(FILES_OBJS)

build/sbx-asan: $(ASAN_OBJS)
	$(CC) $(SANITIZE_FLAGS) $(LDFLAGS) -o $@ $(ASAN_OBJS)

# C-level regression cases (tests/unit-c), under the same sanitizers.
build/test-units: tests/unit-c/units.c $(filter-out build/asan/main.o,$(ASAN_OBJS))
	$(CC) $(CPPFLAGS) $(SBX_CFLAGS) $(SANITIZE_FLAGS) $(LDFLAGS) -o $@ $^

build/asan/%.o: src/%.c $(HDRS) Makefile
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(SBX_CFLAGS) $(SANITIZE_FLAGS) -c -o $@ $<

# Engine installed and answering, images built (for podman, copied from
# docker when it has them), gVisor registered with docker when installed:
# what the tests need.
setup: sbx
	if [ "$(SBX_ENGINE)" = podman ]; then scripts/setup-podman.sh; \
	else scripts/setup-engine.sh; fi
	ENGINE=$(SBX_ENGINE) docker/build-images.sh python node
	if [ "$(SBX_ENGINE)" = docker ]; then scripts/setup-runsc.sh; fi
	scripts/install-test-tools.sh

setup-podman:
	$(MAKE) setup SBX_ENGINE=podman

# LANGS: images or languages, e.g. LANGS="ruby perl" or LANGS=c; all by default.
images:
	ENGINE=$(SBX_ENGINE) docker/build-images.sh $(LANGS)

# Fuzz targets (tests/fuzz): libFuzzer with ASan and UBSan, built by clang
# whatever CC is. Every module but main.c and proc.c (a mock that spawns
# nothing) is linked; die() is wrapped so that a refusal jumps back into
# the target instead of exiting. make fuzz runs each target for
# FUZZ_SECONDS from tests/fuzz/corpus/TARGET; a crash, a broken invariant
# or a slow input (over 2 s) fails it and leaves the input in
# build/fuzz/crashes/TARGET/, ready to be checked in as a corpus file.
FUZZ_CC	?= clang
FUZZ_SECONDS ?= 60
FUZZ_CI_SECONDS ?= 15
FUZZ_TARGETS = validate json cli outfiles trailer engine
FUZZ_FLAGS = -O1 -g -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_OBJS = $(filter-out build/fuzz/obj/main.o build/fuzz/obj/proc.o,\
	$(SRCS:src/%.c=build/fuzz/obj/%.o)) build/fuzz/obj/fuzz_common.o \
	build/fuzz/obj/mock_proc.o
FUZZ_HDRS = tests/fuzz/fuzz.h tests/fuzz/mock_proc.h tests/fuzz/outdir.h
# The engine target waits for no engine: its mock answers at once.
FUZZ_WRAP_engine = -Wl,--wrap=nanosleep -Wl,--wrap=warnx_sbx
# The archive targets: outfiles.c's *at() calls go through outdir.c's guard.
FUZZ_WRAP_OUTDIR = build/fuzz/obj/outdir.o -Wl,--wrap=openat \
	-Wl,--wrap=mkdirat -Wl,--wrap=unlinkat -Wl,--wrap=renameat
FUZZ_WRAP_outfiles = $(FUZZ_WRAP_OUTDIR)
FUZZ_WRAP_trailer = $(FUZZ_WRAP_OUTDIR)

build/fuzz/obj/%.o: src/%.c $(HDRS) Makefile
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CPPFLAGS) $(SBX_CFLAGS) $(FUZZ_FLAGS) \
	    -fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<

build/fuzz/obj/%.o: tests/fuzz/%.c $(HDRS) $(FUZZ_HDRS) Makefile
	@mkdir -p build/fuzz/obj
	$(FUZZ_CC) $(CPPFLAGS) $(SBX_CFLAGS) $(FUZZ_FLAGS) \
	    -fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<

$(FUZZ_TARGETS:%=build/fuzz/%): build/fuzz/%: build/fuzz/obj/fuzz_%.o $(FUZZ_OBJS) \
    build/fuzz/obj/outdir.o
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer,address,undefined \
	    -Wl,--wrap=die $(LDFLAGS) -o $@ $< $(FUZZ_OBJS) $(FUZZ_WRAP_$*)

fuzz-build: $(FUZZ_TARGETS:%=build/fuzz/%)

fuzz: fuzz-build
	tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# CI's budget: every target, FUZZ_CI_SECONDS each.
fuzz-ci: fuzz-build
	tests/fuzz/run.sh $(FUZZ_CI_SECONDS) $(FUZZ_TARGETS)

# Every language's image, for tests/engine/languages.bats (those there are
# skipped by the script, so a second run starts at once); TEST_IMAGES
# (images or languages, as LANGS of make images) narrows that.
TEST_IMAGES =
test: sbx build/files-driver build/sbx-asan build/test-units setup
	ENGINE=$(SBX_ENGINE) docker/build-images.sh $(TEST_IMAGES)
	SBX_ENGINE=$(SBX_ENGINE) $(BATS) $(TESTS)
	@if [ "$(SBX_ENGINE)" = docker ]; then $(MAKE) --no-print-directory test-runsc; fi

# The attack suite again under gVisor, when docker has it registered.
test-runsc: sbx
	@if docker info --format '{{json .Runtimes}}' | grep -q '"runsc"'; then \
		echo "attack suite under runsc (gVisor):"; \
		SBX_RUNTIME=runsc $(BATS) tests/engine/attacks.bats; \
	else \
		echo "runsc is not registered with the engine: the attack suite ran under runc only (apt-get install runsc && make setup)"; \
	fi

# The unit and validator files use no engine: make test has run them. Nor
# do the language images (languages.bats) or valgrind's check of sbx
# (valgrind.bats) depend on the engine: the rest of tests/engine, which
# runs python and node only.
PODMAN_TESTS = $(filter-out %/languages.bats %/valgrind.bats,$(wildcard tests/engine/*.bats))
test-podman:
	$(MAKE) test SBX_ENGINE=podman TESTS="$(PODMAN_TESTS)" TEST_IMAGES="python node"

# The real-engine suites over TCP: through DOCKER_HOST, then through
# `docker context use`. The listener exists only while each run lasts, in a
# network namespace that only the tests share; see tests/with-tcp-engine.sh.
# Through DOCKER_HOST, the remote tests and the files where the way to the
# engine matters: code and input over the connection (basics, io), files
# in and out (files); of the deps builds and warm pools, the cases that
# cross the connection (REMOTE_FILTER: a build and its reuse, pip from an
# index, a pool's claim, its guard, its statuses and --json). Through the
# context, which only changes how the CLI finds the engine, the remote
# tests and basics.bats. The sandbox's flags, JSON, signals, the
# languages and the attacks do not depend on it (make test runs them).
REMOTE_TESTS = tests/remote $(addprefix tests/engine/,basics.bats io.bats \
	files.bats)
REMOTE_FILTER = package.json naming ms runs|pip installs a wheel|claims a pre-started|kill -9 of sbx during a warm|those of a cold run
REMOTE_CONTEXT_TESTS = tests/remote tests/engine/basics.bats
test-remote: sbx setup
	tests/with-tcp-engine.sh host $(BATS) $(REMOTE_TESTS)
	tests/with-tcp-engine.sh host $(BATS) --filter '$(REMOTE_FILTER)' \
	    tests/engine/deps.bats tests/engine/warm.bats
	tests/with-tcp-engine.sh context $(BATS) $(REMOTE_CONTEXT_TESTS)

# The whole real-engine suite again with a warm pool of 2, on the plain
# build (a run must not change when it claims a pre-started container).
# CI does not run it: make sanitize runs the same files warm, on the ASan
# build.
WARM_TESTS = tests/engine
test-warm: sbx setup
	SBX_ENGINE=$(SBX_ENGINE) SBX_WARM=2 $(BATS) $(WARM_TESTS)

# The sanitizers check sbx, not the images: four languages of the contract.
# The unit files use fake engines and see no SBX_WARM; the real-engine
# files (the attack suite too) run with a warm pool of 2, so that this one
# run is also CI's whole real-engine suite with a warm pool.
SANITIZE_ENV = SBX_TEST_LANGS="python node sh c" \
	SBX_ENGINE=$(SBX_ENGINE) SBX=$(CURDIR)/build/sbx-asan \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
sanitize: build/sbx-asan setup
	$(SANITIZE_ENV) $(BATS) $(SANITIZE_UNIT_TESTS)
	$(SANITIZE_ENV) SBX_WARM=2 $(BATS) $(SANITIZE_ENGINE_TESTS)

# Engine faults, on a dockerd of the tests' own: the shared engine only
# lends its images. One run at a time (the private engine's paths are fixed).
test-faults: sbx setup
	flock --nonblock --conflict-exit-code 75 /run/sbx-faults.lock \
	    env SBX_ENGINE=docker $(BATS) tests/faults \
	    || { rc=$$?; [ $$rc -ne 75 ] || echo "make test-faults: another run holds /run/sbx-faults.lock" >&2; exit $$rc; }

# N mixed runs, SOAK_JOBS (4) at a time, every result checked (tests/soak.sh).
N	?= 200
SOAK_JOBS ?= 4
soak: sbx setup
	SBX_ENGINE=$(SBX_ENGINE) tests/soak.sh $(N) $(SOAK_JOBS)

bench: sbx setup
	SBX_ENGINE=$(SBX_ENGINE) tests/bench.sh

bench-parallel: sbx setup
	SBX_ENGINE=$(SBX_ENGINE) tests/bench-parallel.sh

bench-files: sbx setup
	SBX_ENGINE=$(SBX_ENGINE) tests/bench-files.sh

bench-validate: sbx
	tests/bench-validate.sh

sweep-validate: sbx
	tests/sweep-validate.sh

# NAME: the command's name, and its man pages' (sbx.1 becomes NAME.1,
# sbx-languages.5 NAME-languages.5, their .Nm, .Dt and .Xr with them): Docker
# ships an unrelated sbx, so `make install NAME=sbx-run` where both live.
MANPAGES = $(wildcard man/*.[1-8])
SANDBOXES = $(wildcard docker/*-sandbox/Dockerfile)

bench-warm: sbx setup
	SBX_ENGINE=$(SBX_ENGINE) tests/bench-warm.sh

bench-deps: sbx setup
	SBX_ENGINE=$(SBX_ENGINE) tests/bench-deps.sh

install: sbx
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/docker
	install -m 755 sbx $(DESTDIR)$(BINDIR)/$(NAME)
	up=$$(printf '%s' '$(NAME)' | tr '[:lower:]' '[:upper:]'); \
	for page in $(MANPAGES); do \
		base=$${page##*/}; sect=$${base##*.}; \
		install -d $(DESTDIR)$(MANDIR)/man$$sect || exit; \
		sed -e "s/^\.Dt SBX/.Dt $$up/" -e 's/^\.Nm sbx/.Nm $(NAME)/' \
		    -e 's/^\.Xr sbx/.Xr $(NAME)/' $$page >$(DESTDIR)$(MANDIR)/man$$sect/$(NAME)$${base#sbx} \
		|| exit; \
		chmod 644 $(DESTDIR)$(MANDIR)/man$$sect/$(NAME)$${base#sbx} || exit; \
	done
	for f in $(SANDBOXES); do \
		install -d $(DESTDIR)$(DATADIR)/$${f%/Dockerfile} || exit; \
		install -m 644 $$f $(DESTDIR)$(DATADIR)/$$f || exit; \
	done
	install -m 755 docker/build-images.sh $(DESTDIR)$(DATADIR)/docker/build-images.sh

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/$(NAME)
	for page in $(MANPAGES); do \
		base=$${page##*/}; \
		rm -f $(DESTDIR)$(MANDIR)/man$${base##*.}/$(NAME)$${base#sbx}; \
	done
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build sbx

.PHONY: all setup setup-podman images test test-runsc test-podman test-remote sanitize bench \
	bench-parallel bench-files bench-validate sweep-validate bench-warm bench-deps test-warm install uninstall clean \
	fuzz fuzz-build fuzz-ci test-faults soak

# sbx: run untrusted code in a hardened, throw-away container.
# make            build ./sbx
# make test       set up the engine and images if needed, then every test
# make sanitize   the same suite against an ASan+UBSan build
# make test-remote   the real-engine suites over TCP only: DOCKER_HOST, then
#                 a docker context (tests/with-tcp-engine.sh says how)
# make bench      sbx against bare "docker run", median wall times and ratio
# make bench-validate   --check speed on 10 MB of Python, in MB/s

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
MANDIR	?= $(PREFIX)/share/man
DATADIR	?= $(PREFIX)/share/sbx

CC	?= cc
CFLAGS	?= -O2 -g
SBX_CFLAGS = -std=c11 -Wall -Wextra -Wpedantic -Werror -Wshadow \
	-Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wvla \
	-D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-DSBX_DATADIR='"$(DATADIR)"'
SANITIZE_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all

SRCS	= src/argv.c src/buf.c src/check.c src/cli.c src/doctor.c src/engine.c \
	src/findings.c src/id.c src/json.c src/lang.c src/main.c src/outcome.c \
	src/parse.c src/probe.c src/proc.c src/report.c src/rules.c src/run.c \
	src/scan_lex.c src/scan_names.c src/scan_shbuf.c src/scan_shell.c \
	src/scan_strings.c src/signals.c src/source.c src/util.c src/validate.c
HDRS	= $(filter-out src/main.h,$(SRCS:.c=.h)) src/sbx.h
OBJS	= $(SRCS:src/%.c=build/%.o)
ASAN_OBJS = $(SRCS:src/%.c=build/asan/%.o)

BATS	?= bats
TESTS	= tests/unit tests/validate.bats tests/engine
# valgrind cannot run an ASan binary; it checks the plain build instead.
SANITIZE_TESTS = tests/unit tests/validate.bats $(filter-out %/valgrind.bats,$(wildcard tests/engine/*.bats))

all: sbx

sbx: $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $(OBJS)

build/%.o: src/%.c $(HDRS) Makefile
	@mkdir -p build
	$(CC) $(CPPFLAGS) $(SBX_CFLAGS) $(CFLAGS) -c -o $@ $<

build/sbx-asan: $(ASAN_OBJS)
	$(CC) $(SANITIZE_FLAGS) $(LDFLAGS) -o $@ $(ASAN_OBJS)

build/asan/%.o: src/%.c $(HDRS) Makefile
	@mkdir -p build/asan
	$(CC) $(CPPFLAGS) $(SBX_CFLAGS) $(SANITIZE_FLAGS) -c -o $@ $<

# Engine installed and answering, images built: what the tests need.
setup: sbx
	scripts/setup-engine.sh
	docker/build-images.sh
	scripts/install-test-tools.sh

images:
	docker/build-images.sh

test: sbx setup
	$(BATS) $(TESTS)

# The listener exists only while each run lasts, in a network namespace that
# only the tests share; see tests/with-tcp-engine.sh.
REMOTE_TESTS = tests/remote tests/engine
test-remote: sbx setup
	tests/with-tcp-engine.sh host $(BATS) $(REMOTE_TESTS)
	tests/with-tcp-engine.sh context $(BATS) $(REMOTE_TESTS)

sanitize: build/sbx-asan setup
	SBX=$(CURDIR)/build/sbx-asan \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	$(BATS) $(SANITIZE_TESTS)

bench: sbx setup
	tests/bench.sh

bench-validate: sbx
	tests/bench-validate.sh

install: sbx
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(DATADIR)/docker/python-sandbox \
		$(DESTDIR)$(DATADIR)/docker/node-sandbox
	install -m 755 sbx $(DESTDIR)$(BINDIR)/sbx
	install -m 644 man/sbx.1 $(DESTDIR)$(MANDIR)/man1/sbx.1
	install -m 644 docker/python-sandbox/Dockerfile \
		$(DESTDIR)$(DATADIR)/docker/python-sandbox/Dockerfile
	install -m 644 docker/node-sandbox/Dockerfile \
		$(DESTDIR)$(DATADIR)/docker/node-sandbox/Dockerfile
	install -m 755 docker/build-images.sh $(DESTDIR)$(DATADIR)/docker/build-images.sh

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/sbx $(DESTDIR)$(MANDIR)/man1/sbx.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build sbx

.PHONY: all setup images test test-remote sanitize bench bench-validate install uninstall clean

/*
 * What sbx makes of the engine's answers: inspect, rm (and the wait for a
 * removal in progress), version (the probe), image inspect (the advice
 * after a failure) and the --gc listing. The first input byte picks the
 * query; the rest is the engine's answers, one per proc_capture() call,
 * separated by NUL bytes: a kind byte (modulo 4: exited, not found, no
 * answer, killed; "d" is exited), a status byte ('0' + the exit status or
 * signal), then stdout, \037, stderr. Invariants:
 * no crash, a bounded number of queries, and every message for the user
 * is one NUL-terminated line within its buffer.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../../src/engine.h"
#include "../../src/lang.h"
#include "../../src/probe.h"
#include "fuzz.h"
#include "mock_proc.h"

#define MAX_ANSWERS	16
/* Queries per container: rm, a wait for a removal in progress (about ten
 * rounds on the mock's clock), the probe. --gc has one per listed name. */
#define MAX_QUERIES	16

int	__wrap_nanosleep(const struct timespec *, struct timespec *);
void	__wrap_warnx_sbx(const char *, ...)
	    __attribute__((format(printf, 1, 2)));

static struct lang_table languages;

int
__wrap_nanosleep(const struct timespec *want, struct timespec *left)
{
	(void)want;
	if (left != NULL)
		memset(left, 0, sizeof(*left));
	return 0;
}

/* Diagnostics of --gc: formatted (so the sanitizers see the arguments)
 * but not printed. */
void
__wrap_warnx_sbx(const char *fmt, ...)
{
	char line[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
}

static void
one_line(const char *what, const char *s, size_t size)
{
	size_t n = strnlen(s, size);

	FUZZ_ASSERT(n < size, "%s is not NUL-terminated", what);
	FUZZ_ASSERT(strchr(s, '\n') == NULL, "%s is more than one line: %s",
	    what, s);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char why[1024];
	int fd;

	(void)argc;
	(void)argv;
	setenv("HOME", "/nonexistent", 1);
	setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
	unsetenv("SBX_LANGUAGES");
	if (lang_table_load(&languages, why, sizeof(why)) == -1)
		fuzz_fail("lang_table_load: %s", why);
	/* --gc prints "removed NAME" lines. */
	if ((fd = open("/dev/null", O_WRONLY)) != -1) {
		dup2(fd, STDOUT_FILENO);
		close(fd);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mock_answer answers[MAX_ANSWERS];
	struct container_state st;
	struct sbx_opts o;
	struct engine e;
	struct probe p;
	char *copy, *part, *end, *sep, text[1024];
	size_t n = 0, lines, i;
	int which;

	if (size == 0)
		return 0;
	which = data[0] % 6;
	copy = malloc(size);
	memcpy(copy, data + 1, size - 1);
	copy[size - 1] = '\0';
	end = copy + size - 1;
	for (part = copy; part < end && n < MAX_ANSWERS;
	    part += strlen(part) + 1) {
		struct mock_answer *a = &answers[n++];
		size_t len = strlen(part);
		unsigned kind = len > 0 ? (unsigned char)part[0] % 4 : 0;
		int code = len > 1 ? ((unsigned char)part[1] - '0') & 0xff : 0;

		memset(a, 0, sizeof(*a));
		a->spawn_errno = kind == 1 ? 2 : 0;
		a->finished = kind != 2;
		a->status = kind == 3 ? code % 64 : code << 8;
		a->out = part + (len < 2 ? len : 2);
		a->err = "";
		if ((sep = strchr(part + (len < 2 ? len : 2), '\037')) != NULL) {
			*sep = '\0';
			a->err = sep + 1;
		}
	}
	mock_script(answers, n);

	memset(&o, 0, sizeof(o));
	o.engine = data[0] & 0x40 ? "podman" : "docker";
	o.lang = lang_find(&languages, "python");
	o.image = data[0] & 0x80 ? "my/image:1" : o.lang->image;
	o.quiet = 1;
	engine_from_opts(&o, &e);
	switch (which) {
	case 0:
		if (engine_inspect(&e, "sbx-fuzz-1", &st) == 0)
			one_line("the inspected error", st.error,
			    sizeof(st.error));
		break;
	case 1:
	case 2:
		text[0] = '\0';
		if (engine_remove(&e, "sbx-fuzz-1", which == 2, "later", text,
		    sizeof(text)) != 0)
			one_line("the removal's why", text, sizeof(text));
		break;
	case 3:
		engine_explain_failure(&o, text, sizeof(text));
		one_line("the failure's advice", text, sizeof(text));
		break;
	case 4:
		probe_engine(o.engine, &p);
		probe_advice(o.engine, &p, text, sizeof(text));
		one_line("the probe's advice", text, sizeof(text));
		break;
	default:
		(void)engine_gc(&o);
		break;
	}
	for (lines = 1, i = 1; i < size; i++)
		lines += data[i] == '\n';
	FUZZ_ASSERT(mock_calls() <= MAX_QUERIES * (lines + 1), "%zu engine "
	    "queries for %zu lines of answers", mock_calls(), lines);
	mock_script(NULL, 0);
	free(copy);
	return 0;
}

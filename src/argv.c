/*
 * The engine argv. Everything the sandbox promises is in
 * argv_build_run(), in one place, in the order of the contract. Values
 * are passed as --flag=value so none can be read as another flag, and
 * all of them were validated by cli.c. This file does no I/O except
 * for --dry-run's printing, which makes it testable without an engine.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argv.h"
#include "boot.h"
#include "lang.h"
#include "parse.h"
#include "util.h"

static void
argv_append(struct argv *a, char *owned)
{
	/* Room for the new word and the terminating NULL. */
	a->v = xgrow(a->v, a->n + 1, &a->cap, sizeof(*a->v));
	a->v[a->n++] = owned;
	a->v[a->n] = NULL;
}

void
argv_push(struct argv *a, const char *s)
{
	argv_append(a, xstrdup(s));
}

void
argv_pushf(struct argv *a, const char *fmt, ...)
{
	va_list ap, again;
	char *buf;
	int len;

	va_start(ap, fmt);
	va_copy(again, ap);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0)
		die("internal error: cannot format '%s'", fmt);
	buf = xmalloc((size_t)len + 1);
	vsnprintf(buf, (size_t)len + 1, fmt, again);
	va_end(again);
	argv_append(a, buf);
}

void
argv_free(struct argv *a)
{
	size_t i;

	for (i = 0; i < a->n; i++)
		free(a->v[i]);
	free(a->v);
	memset(a, 0, sizeof(*a));
}

static int
is_shell_safe(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789_-./:=,@%+", *s) == NULL)
			return 0;
	return 1;
}

static int
has_control(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/*
 * Words with control characters (the bootstraps have newlines) use
 * $'...', which POSIX.1-2024 sh, bash, ksh and zsh read, so the whole
 * command stays on one line and pastes back exactly. Other control bytes
 * are three octal digits: POSIX.1-2024 leaves \x followed by more than
 * two hex digits unspecified, so \x0c then "c" may be read as one byte;
 * \014 then "c" cannot (octal escapes stop at three digits).
 */
/*
 * In command position a shell reads NAME=... as an assignment and "if",
 * "time", ... as syntax: there, such a word is quoted like any other.
 */
static int
is_command_safe(const char *s)
{
	static const char *const reserved[] = { "case", "coproc", "do", "done",
	    "elif", "else", "esac", "fi", "for", "function", "if", "in",
	    "select", "then", "time", "until", "while", NULL };
	size_t i;

	if (strchr(s, '=') != NULL)
		return 0;
	for (i = 0; reserved[i] != NULL; i++)
		if (strcmp(s, reserved[i]) == 0)
			return 0;
	return 1;
}

static void
put_quoted(FILE *out, const char *s, int command)
{
	if (is_shell_safe(s) && (!command || is_command_safe(s))) {
		fputs(s, out);
		return;
	}
	if (!has_control(s)) {
		putc('\'', out);
		for (; *s != '\0'; s++) {
			if (*s == '\'')
				fputs("'\\''", out);
			else
				putc(*s, out);
		}
		putc('\'', out);
		return;
	}
	fputs("$'", out);
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\n')
			fputs("\\n", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c == '\\' || c == '\'')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			fprintf(out, "\\%03o", c);
		else
			putc(c, out);
	}
	putc('\'', out);
}

void
argv_print_quoted(FILE *out, const struct argv *a)
{
	size_t i;

	for (i = 0; i < a->n; i++) {
		if (i > 0)
			putc(' ', out);
		put_quoted(out, a->v[i], i == 0);
	}
	putc('\n', out);
}

/*
 * Podman is told apart by the program's name (podman, /usr/bin/podman,
 * podman-remote): the same flags mean different things to it, below.
 */
int
argv_engine_is_podman(const char *engine)
{
	const char *base = strrchr(engine, '/');

	base = base != NULL ? base + 1 : engine;
	return strncmp(base, "podman", 6) == 0;
}

static void
format_cpus(unsigned milli, char *buf, size_t len)
{
	char *end;

	snprintf(buf, len, "%u.%03u", milli / 1000, milli % 1000);
	end = buf + strlen(buf) - 1;
	while (*end == '0')
		*end-- = '\0';
	if (*end == '.')
		*end = '\0';
}

/*
 * Under gVisor the engine's pids limit applies to the host cgroup, where
 * it also counts gVisor's own threads: about 50, plus 5 or 6 per program
 * process on the ptrace platform (measured). gVisor dies when it cannot
 * make one (gVisor issue 2490), so a program with a few processes would
 * kill it. There the program's limit is RLIMIT_NPROC, which gVisor counts
 * inside the sandbox, and the host limit leaves gVisor room.
 */
#define GVISOR_HOST_TASKS	64
#define GVISOR_TASKS_PER_PROCESS 8

static int
is_gvisor(const char *runtime)
{
	return runtime != NULL &&
	    (strstr(runtime, "runsc") != NULL || strstr(runtime, "gvisor") != NULL);
}

/*
 * The workspace is mirrored at DIR's own absolute path, so tracebacks and
 * compiler messages name files the caller's editor opens. Paths where a
 * mount would shadow the image, and paths the --tmpfs syntax cannot
 * carry (':' and ',' separate its fields), go to WORKSPACE_FALLBACK.
 */
#define WORKSPACE_FALLBACK	"/sbx/work"

void
argv_workdir(const char *real_dir, char *out, size_t len)
{
	static const char *const system[] = { "/usr", "/bin", "/sbin", "/lib",
	    "/lib32", "/lib64", "/libx32", "/etc", "/proc", "/sys", "/dev",
	    "/sbx", NULL };
	size_t i, n;

	if (real_dir[0] != '/' || strcmp(real_dir, "/") == 0 ||
	    !is_shell_safe(real_dir) || strchr(real_dir, ':') != NULL ||
	    strchr(real_dir, ',') != NULL || strlen(real_dir) >= len)
		goto fallback;
	for (i = 0; system[i] != NULL; i++) {
		n = strlen(system[i]);
		if (strncmp(real_dir, system[i], n) == 0 &&
		    (real_dir[n] == '\0' || real_dir[n] == '/'))
			goto fallback;
	}
	snprintf(out, len, "%s", real_dir);
	return;
fallback:
	snprintf(out, len, "%s", WORKSPACE_FALLBACK);
}

void
argv_push_file_mounts(struct argv *a, const struct sbx_opts *o,
    const char *workdir)
{
	char size[32];

	if (o->workspace != NULL && workdir != NULL) {
		format_size(o->workspace_size, size, sizeof(size));
		/* mode=1777: else the mount is root's and the sandbox user
		 * cannot write its own copy. */
		argv_pushf(a, "--tmpfs=%s:rw,nosuid,nodev,noexec,size=%s,"
		    "mode=1777", workdir, size);
	}
	if (o->out_dir != NULL) {
		/* size=0 would be no limit at all to tmpfs. */
		format_size(o->out_max_size > 4096 ? o->out_max_size : 4096,
		    size, sizeof(size));
		argv_pushf(a, "--tmpfs=%s:rw,nosuid,nodev,noexec,size=%s,"
		    "mode=1777", OUT_MOUNT, size);
		argv_pushf(a, "--env=SBX_OUT=%s", OUT_MOUNT);
	}
}

void
argv_build_run(struct argv *a, const struct sbx_opts *o,
    const struct container_id *id, const char *workdir)
{
	char memory[32], tmp[32], cpus[32];
	int podman = argv_engine_is_podman(o->engine);
	int gvisor = is_gvisor(o->runtime);
	unsigned nproc = gvisor ? o->pids : NPROC_LIMIT;
	size_t i;

	format_size(o->memory, memory, sizeof(memory));
	format_size(o->tmp_size, tmp, sizeof(tmp));
	format_cpus(o->cpus_milli, cpus, sizeof(cpus));

	argv_push(a, o->engine);
	argv_push(a, "run");
	argv_push(a, "--interactive");
	argv_pushf(a, "--name=%s", id->name);
	argv_pushf(a, "--label=%s", LABEL_KEY);
	argv_pushf(a, "--label=%s=%s", LABEL_OWNER, id->owner);
	/* A missing sbx image must fail, not be fetched from a registry
	 * where anyone could have published that name. */
	argv_push(a, "--pull=never");

	argv_pushf(a, "--network=%s", o->network);
	if (!o->writable) {
		argv_push(a, "--read-only");
		/* Podman's --read-only also mounts writable, unbounded tmpfs
		 * on /var/tmp, /run and /dev/shm unless told not to. */
		if (podman)
			argv_push(a, "--read-only-tmpfs=false");
	}
	argv_pushf(a, "--tmpfs=/tmp:rw,nosuid,nodev,size=%s", tmp);
	argv_pushf(a, "--memory=%s", memory);
	argv_pushf(a, "--memory-swap=%s", memory);
	argv_pushf(a, "--cpus=%s", cpus);
	argv_pushf(a, "--pids-limit=%u", gvisor ?
	    GVISOR_HOST_TASKS + GVISOR_TASKS_PER_PROCESS * o->pids : o->pids);
	argv_push(a, "--cap-drop=ALL");
	/*
	 * Docker keeps added capabilities of a non-root user in the bounding
	 * set only. Podman (4.x) also makes them ambient, so the program
	 * would hold CAP_SETUID and could setuid(0): for podman none are
	 * added.
	 */
	if (!podman) {
		argv_push(a, "--cap-add=SETUID");
		argv_push(a, "--cap-add=SETGID");
	}
	argv_push(a, "--security-opt=no-new-privileges");
	argv_push(a, "--user=sandbox");
	argv_push(a, "--workdir=/tmp");
	argv_push(a, "--init");
	/* "rm --force" stops with this signal; podman's default, TERM,
	 * waits out a PID 1 that ignores it (10 s) before it kills. */
	argv_push(a, "--stop-signal=KILL");
	/* Output still streams through the attach; a flood never reaches
	 * the engine's disk. */
	argv_push(a, "--log-driver=none");
	argv_push(a, "--ulimit=core=0");
	argv_pushf(a, "--ulimit=nofile=%d:%d", NOFILE_LIMIT, NOFILE_LIMIT);
	argv_pushf(a, "--ulimit=nproc=%u:%u", nproc, nproc);
	argv_pushf(a, "--ulimit=fsize=%llu", (unsigned long long)o->tmp_size);
	argv_push_file_mounts(a, o, workdir);
	/* /tmp is noexec: a compiled program gets a place of its own that
	 * allows exec, as big as /tmp, and only compiled languages get it. */
	if (o->lang->kind == LANG_COMPILE)
		argv_pushf(a, "--tmpfs=%s:rw,nosuid,nodev,exec,size=%s,mode=1777",
		    BOOT_BIN_DIR, tmp);
	if (o->runtime != NULL)
		argv_pushf(a, "--runtime=%s", o->runtime);
	for (i = 0; i < o->nenv; i++)
		argv_pushf(a, "--env=%s", o->env[i]);

	/* Everything about the run comes over stdin (boot.c). */
	argv_push(a, o->image);
	argv_push(a, "sh");
	argv_push(a, "-c");
	argv_push(a, boot_script);
	argv_push(a, BOOT_NAME);
}

/*
 * The guard. sbx removes its container on every path it lives through,
 * but a SIGKILL (or a crash) leaves the engine CLI attached to a running
 * container, which would run on to its in-container deadline and then
 * stay until `sbx --gc`. The guard closes that gap: a small sh, in a
 * process group of its own so that a ^C or a group kill aimed at sbx
 * does not reach it, reads from a pipe whose only writer is sbx. sbx
 * writes "done" once the container is removed; end-of-file without it
 * means sbx died, and the guard runs `ENGINE rm --force NAME`.
 *
 * The write end is close-on-exec: if the engine CLI inherited it, the
 * guard would not see sbx's death until the CLI exited.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "guard.h"
#include "proc.h"
#include "util.h"

/* $1: the engine, $2: the container. No word of it comes from the code
 * being run; both are passed as arguments, never pasted into the script. */
static const char guard_script[] =
	"read -r said; [ \"$said\" = done ] || exec \"$1\" rm --force \"$2\"";

int
guard_start(const struct sbx_opts *o, const char *name)
{
	char *const argv[] = {
		"sh", "-c", (char *)guard_script, "sbx-guard",
		(char *)o->engine, (char *)name, NULL,
	};
	int fds[2], rc;
	pid_t pid;

	if (cloexec_pipe(fds) == -1) {
		warnx_sbx("cannot start the guard (pipe: %s); if sbx is killed, "
		    "remove what it leaves with 'sbx --gc'", strerror(errno));
		return -1;
	}
	rc = proc_spawn(argv, fds[0], -1, -1, 1, &pid);
	close(fds[0]);
	if (rc != 0) {
		close(fds[1]);
		warnx_sbx("cannot start the guard (sh: %s); if sbx is killed, "
		    "remove what it leaves with 'sbx --gc'", strerror(rc));
		return -1;
	}
	return fds[1];
}

void
guard_release(int fd)
{
	static const char done[] = "done\n";

	if (fd == -1)
		return;
	/* A guard that is already gone gives EPIPE (SIGPIPE is ignored). */
	(void)write_all(fd, done, sizeof(done) - 1);
	close(fd);
}

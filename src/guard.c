/*
 * The guard. sbx removes its container on every path it lives through,
 * but a SIGKILL (or a crash) leaves the engine CLI attached to a running
 * container, which would run on to its in-container deadline and then
 * stay until `sbx --gc`. The guard closes that gap: a small sh, in a
 * process group of its own so that a ^C or a group kill aimed at sbx
 * does not reach it, reads from a pipe whose only writer is sbx. sbx
 * writes "done" once the container is removed; end-of-file without it
 * means sbx died, and the guard runs `ENGINE rm --force NAME`. sbx also
 * hands the removal over ("remove") when the engine did not answer its
 * own in time (a stuck or paused daemon). The guard's own removal
 * waits as long as the engine takes to answer, and one that fails (the
 * daemon is down) is tried again every GUARD_RETRY_S seconds, so that a
 * restarted engine loses the container without anyone's help.
 *
 * The write end is close-on-exec: if the engine CLI inherited it, the
 * guard would not see sbx's death until the CLI exited.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "guard.h"
#include "proc.h"
#include "util.h"

/*
 * $1: the engine, $2: the container, $3: attempts, $4: seconds between
 * them. No word of it comes from the code being run; all are passed as
 * arguments, never pasted into the script. "No such container" (docker),
 * "no container with ..." (podman): someone else removed it.
 */
static const char guard_script[] =
	"read -r said; [ \"$said\" = done ] && exit 0; n=1; "
	"until said=$(\"$1\" rm --force \"$2\" 2>&1); do "
	"case $said in *[Nn]o\\ such\\ container*|*[Nn]o\\ container\\ with*) "
	"exit 0;; esac; "
	"[ \"$n\" -lt \"$3\" ] || exit 1; n=$((n + 1)); sleep \"$4\"; done";

int
guard_start(const struct sbx_opts *o, const char *name)
{
	char attempts[16], retry[16];
	char *const argv[] = {
		"sh", "-c", (char *)guard_script, "sbx-guard",
		(char *)o->engine, (char *)name, attempts, retry, NULL,
	};
	int fds[2], rc;
	pid_t pid;

	snprintf(attempts, sizeof(attempts), "%d", GUARD_ATTEMPTS);
	snprintf(retry, sizeof(retry), "%d", GUARD_RETRY_S);

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

static void
guard_tell(int fd, const char *word)
{
	if (fd == -1)
		return;
	/* A guard that is already gone gives EPIPE (SIGPIPE is ignored). */
	(void)write_all(fd, word, strlen(word));
	close(fd);
}

void
guard_release(int fd)
{
	guard_tell(fd, "done\n");
}

void
guard_hand_over(int fd)
{
	guard_tell(fd, "remove\n");
}

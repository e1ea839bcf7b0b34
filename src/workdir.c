/*
 * The engine client's working directory. Podman's conmon (before podman
 * 5.0) records an out-of-memory kill as an empty file "oom" in the
 * directory the client was started from, and podman never reads it
 * (containers/podman#13102): run from the caller's directory, every such
 * kill would leave that file there and be reported as an unexplained
 * SIGKILL. So for podman, sbx runs the client from a private directory,
 * takes the note as the fact it is, and removes both.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"
#include "workdir.h"

#define OOM_NOTE	"oom"

int
workdir_enter(struct workdir *w)
{
	const char *tmp = getenv("TMPDIR");
	int n;

	if (tmp == NULL || *tmp != '/')
		tmp = "/tmp";
	n = snprintf(w->path, sizeof(w->path), "%s/sbx-XXXXXX", tmp);
	if (n < 0 || (size_t)n >= sizeof(w->path) || mkdtemp(w->path) == NULL)
		return -1;
	if ((w->back = open(".", O_RDONLY | O_DIRECTORY)) == -1) {
		rmdir(w->path);
		return -1;
	}
	set_cloexec(w->back);
	if (chdir(w->path) == -1) {
		close(w->back);
		rmdir(w->path);
		return -1;
	}
	return 0;
}

void
workdir_leave(struct workdir *w)
{
	/* Nothing after the run uses the working directory, so a failure
	 * here changes nothing the caller sees. */
	int rc = fchdir(w->back);

	(void)rc;
	close(w->back);
}

int
workdir_saw_oom(const struct workdir *w)
{
	char note[sizeof(w->path) + sizeof(OOM_NOTE) + 1];

	snprintf(note, sizeof(note), "%s/%s", w->path, OOM_NOTE);
	return access(note, F_OK) == 0;
}

void
workdir_remove(struct workdir *w)
{
	char note[sizeof(w->path) + sizeof(OOM_NOTE) + 1];

	snprintf(note, sizeof(note), "%s/%s", w->path, OOM_NOTE);
	(void)unlink(note);
	(void)rmdir(w->path);
}

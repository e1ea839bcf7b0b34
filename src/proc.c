/*
 * Process plumbing. posix_spawnp() rather than fork(): nothing runs in a
 * child between fork and exec, and every descriptor sbx opens is
 * close-on-exec, so a child inherits only the three it is given. Short
 * engine queries (inspect, kill, rm) go through proc_capture(), which
 * bounds their time because an engine can stop answering.
 */
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "proc.h"
#include "util.h"

extern char **environ;

uint64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int
proc_spawn(char *const argv[], int in, int out, int err, int own_group,
    pid_t *pid)
{
	static const int defaulted[] = {
		SIGPIPE, SIGCHLD, SIGINT, SIGTERM, SIGHUP, SIGQUIT,
	};
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t none, defaults;
	short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
	int fds[3] = { in, out, err };
	int i, rc;

	sigemptyset(&none);
	sigemptyset(&defaults);
	for (i = 0; i < (int)(sizeof(defaulted) / sizeof(defaulted[0])); i++)
		sigaddset(&defaults, defaulted[i]);
	if (own_group)
		flags |= POSIX_SPAWN_SETPGROUP;

	if ((rc = posix_spawn_file_actions_init(&fa)) != 0)
		return rc;
	if ((rc = posix_spawnattr_init(&attr)) != 0) {
		posix_spawn_file_actions_destroy(&fa);
		return rc;
	}
	for (i = 0; i < 3 && rc == 0; i++) {
		if (fds[i] == -1)
			rc = posix_spawn_file_actions_addopen(&fa, i, "/dev/null",
			    i == 0 ? O_RDONLY : O_WRONLY, 0);
		else
			rc = posix_spawn_file_actions_adddup2(&fa, fds[i], i);
	}
	if (rc == 0)
		rc = posix_spawnattr_setflags(&attr, flags);
	if (rc == 0)
		rc = posix_spawnattr_setsigmask(&attr, &none);
	if (rc == 0)
		rc = posix_spawnattr_setsigdefault(&attr, &defaults);
	if (rc == 0 && own_group)
		rc = posix_spawnattr_setpgroup(&attr, 0);
	if (rc == 0)
		rc = posix_spawnp(pid, argv[0], &fa, &attr, argv, environ);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	return rc;
}

/* Append what fd has to *buf, keeping at most CAPTURE_MAX bytes. */
static int
drain(int fd, char **buf, size_t *len)
{
	char chunk[4096];
	ssize_t n;

	do
		n = read(fd, chunk, sizeof(chunk));
	while (n == -1 && errno == EINTR);
	if (n <= 0)
		return n == 0 || errno != EAGAIN ? 0 : 1;
	if (*len + (size_t)n > CAPTURE_MAX)
		n = (ssize_t)(CAPTURE_MAX - *len);
	*buf = xrealloc(*buf, *len + (size_t)n + 1);
	memcpy(*buf + *len, chunk, (size_t)n);
	*len += (size_t)n;
	(*buf)[*len] = '\0';
	return 1;
}

int
proc_capture(char *const argv[], uint64_t timeout_ms, struct capture *c)
{
	int outp[2] = { -1, -1 }, errp[2] = { -1, -1 };
	uint64_t deadline = now_ms() + timeout_ms;
	struct pollfd pfd[2];
	pid_t pid;
	int rc, killed = 0;

	memset(c, 0, sizeof(*c));
	c->out = xstrdup("");
	c->err = xstrdup("");
	if (cloexec_pipe(outp) == -1 || cloexec_pipe(errp) == -1) {
		c->spawn_errno = errno;
		goto fail;
	}
	rc = proc_spawn(argv, -1, outp[1], errp[1], 0, &pid);
	close(outp[1]);
	close(errp[1]);
	outp[1] = errp[1] = -1;
	if (rc != 0) {
		c->spawn_errno = rc;
		goto fail;
	}
	set_nonblock(outp[0]);
	set_nonblock(errp[0]);

	pfd[0].fd = outp[0];
	pfd[1].fd = errp[0];
	while (pfd[0].fd != -1 || pfd[1].fd != -1) {
		uint64_t now = now_ms();
		int i;

		if (now >= deadline) {
			kill(pid, SIGKILL);
			killed = 1;
			break;
		}
		pfd[0].events = pfd[1].events = POLLIN;
		if (poll(pfd, 2, (int)(deadline - now)) == -1) {
			if (errno == EINTR)
				continue;
			kill(pid, SIGKILL);
			killed = 1;
			break;
		}
		for (i = 0; i < 2; i++) {
			if (pfd[i].fd == -1 || pfd[i].revents == 0)
				continue;
			if (!drain(pfd[i].fd, i == 0 ? &c->out : &c->err,
			    i == 0 ? &c->outlen : &c->errlen))
				pfd[i].fd = -1;
		}
	}
	while (waitpid(pid, &c->status, 0) == -1 && errno == EINTR)
		;
	c->finished = !killed;
fail:
	if (outp[0] != -1)
		close(outp[0]);
	if (errp[0] != -1)
		close(errp[0]);
	return c->finished && WIFEXITED(c->status) &&
	    WEXITSTATUS(c->status) == 0 ? 0 : -1;
}

void
capture_free(struct capture *c)
{
	free(c->out);
	free(c->err);
	memset(c, 0, sizeof(*c));
}

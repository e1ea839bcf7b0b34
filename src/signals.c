/*
 * The self-pipe trick: the handler only writes the signal number to a
 * non-blocking pipe (saving errno, dropping the byte if the pipe is full),
 * and the poll loop reads it back. All decisions are made in ordinary
 * code, so no state is shared with a handler except this one descriptor.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "signals.h"
#include "util.h"

static int self_pipe_write = -1;

static void
on_signal(int signo)
{
	int saved = errno;
	unsigned char byte = (unsigned char)signo;

	(void)write(self_pipe_write, &byte, 1);
	errno = saved;
}

int
signals_install(void)
{
	static const int routed[] = {
		SIGCHLD, SIGINT, SIGTERM, SIGHUP, SIGQUIT,
	};
	struct sigaction sa;
	int fds[2];
	size_t i;

	if (pipe(fds) == -1)
		return -1;
	if (set_cloexec(fds[0]) == -1 || set_cloexec(fds[1]) == -1 ||
	    set_nonblock(fds[0]) == -1 || set_nonblock(fds[1]) == -1) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	self_pipe_write = fds[1];

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART | SA_NOCLDSTOP;
	for (i = 0; i < sizeof(routed) / sizeof(routed[0]); i++)
		if (sigaction(routed[i], &sa, NULL) == -1)
			return -1;
	sa.sa_handler = SIG_IGN;
	sa.sa_flags = 0;
	if (sigaction(SIGPIPE, &sa, NULL) == -1)
		return -1;
	return fds[0];
}

int
signals_next(int fd)
{
	unsigned char byte;
	ssize_t n;

	do
		n = read(fd, &byte, 1);
	while (n == -1 && errno == EINTR);
	return n == 1 ? byte : 0;
}

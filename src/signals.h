/* Signals delivered as bytes on a self-pipe, so poll() sees them in order. */
#ifndef SBX_SIGNALS_H
#define SBX_SIGNALS_H

/*
 * Route SIGCHLD, SIGINT, SIGTERM, SIGHUP and SIGQUIT to the self-pipe and ignore
 * SIGPIPE (a closed stdout shows up as EPIPE instead). Returns the pipe's
 * read end, non-blocking, or -1.
 */
int	signals_install(void);
/* Next pending signal number, or 0 when none is left. */
int	signals_next(int fd);

#endif

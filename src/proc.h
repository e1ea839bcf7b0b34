/* Starting engine processes and running short engine queries. */
#ifndef SBX_PROC_H
#define SBX_PROC_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Milliseconds on CLOCK_MONOTONIC. */
uint64_t	now_ms(void);

/*
 * posix_spawnp() argv with in/out/err as its fds 0/1/2 (-1: /dev/null),
 * default signal dispositions, an empty mask and, when own_group is set,
 * a process group of its own so the terminal's ^C reaches only sbx.
 * Returns 0 or an errno value.
 */
int	proc_spawn(char *const argv[], int in, int out, int err, int own_group,
	    pid_t *);

struct capture {
	int	 status;	/* waitpid status; valid when finished */
	int	 finished;	/* 0: timed out and killed, or spawn failed */
	int	 spawn_errno;
	char	*out, *err;	/* NUL-terminated, at most CAPTURE_MAX bytes */
	size_t	 outlen, errlen;
};

#define CAPTURE_MAX	(1U << 20)

/*
 * Run argv with stdin from /dev/null, collect stdout and stderr, wait at
 * most timeout_ms, then SIGKILL it. Returns 0 when it exited with status
 * 0, -1 otherwise (details in *c). Free with capture_free().
 */
int	proc_capture(char *const argv[], uint64_t timeout_ms, struct capture *);
void	capture_free(struct capture *);

#endif

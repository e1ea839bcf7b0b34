/* One container run: spawn the engine CLI, move the bytes, keep the deadline. */
#ifndef SBX_RUN_H
#define SBX_RUN_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>

#include "argv.h"
#include "buf.h"
#include "sbx.h"

enum stop_reason {
	STOP_NONE,
	STOP_TIMEOUT,		/* the deadline passed */
	STOP_SIGNAL,		/* sbx got SIGINT, SIGTERM, SIGHUP or SIGQUIT */
	STOP_OUTPUT_LIMIT,	/* a stream passed --output-limit */
	STOP_STDOUT_CLOSED,	/* nobody reads sbx's stdout any more */
	STOP_STDOUT_ERROR,	/* writing sbx's stdout failed otherwise */
};

struct stream_result {
	struct buf	 data;		/* --json: everything; else unwritten rest */
	uint64_t	 total;		/* bytes the program produced */
	int		 truncated;	/* cut at --output-limit */
	int		 write_errno;	/* why writing sbx's own fd failed */
};

struct run_result {
	int		 spawn_errno;	/* the engine CLI could not start */
	int		 loop_errno;	/* poll() failed; the CLI was abandoned */
	/* How the run ended: the CLI's exit status, or with ended_early the
	 * program's, from BOOT's end marks; else the signal that killed the
	 * CLI. */
	int		 exited;
	int		 exit_code;
	int		 cli_signal;
	int		 abandoned;	/* the CLI outlived the grace; SIGKILLed */
	/* Some engine call of the stop (kill, or the version asked beside
	 * it) returned within the grace. */
	int		 engine_answered;
	/* Abandoned, and the engine answered nothing in the grace: stuck
	 * (paused, wedged), as opposed to slow (a kill that waits while the
	 * container is still being started, on a loaded machine). */
	int		 engine_stuck;
	enum stop_reason stop;
	int		 signal;	/* what sbx received, for STOP_SIGNAL */
	uint64_t	 duration_ms;
	struct stream_result out, err;
	int		 warm;		/* attach (or exec) in a claimed container */
	int		 warm_gone;	/* ... which was gone: BOOT never ran */
	int		 gate_failed;	/* the gate said no: nothing was sent */
	/*
	 * The run ended at BOOT's end marks, before the CLI: the CLI and the
	 * read ends of its stdout and stderr are left for the caller to hand
	 * on (warm.c's linger), and are not waited for here.
	 */
	int		 ended_early;
	pid_t		 linger_cli;
	int		 linger_out, linger_err;
};

struct trailer;
struct workspace;

/* What goes into the container's stdin, in this order (seams.md, Seam 1). */
struct run_input {
	const char	*header;	/* BOOT's header */
	size_t		 header_len;
	struct workspace *workspace;	/* its tar, or NULL */
	const char	*code;
	size_t		 code_len;
	int		 stream_stdin;	/* after the code, sbx's stdin follows */
	/*
	 * Non-NULL when BOOT writes a trailer: stdout goes through it, and
	 * the deadline first asks BOOT (SIGUSR1) to hand back the files.
	 */
	struct trailer	*trailer;
	/*
	 * Non-NULL when BOOT ends both streams with end marks (endmark.h):
	 * the marks are taken off, and with end_early the run ends at them
	 * when their status is one the engine need not explain.
	 */
	const char	*end_nonce;
	int		 end_early;
	/*
	 * A process (a warm claim's rename) that must succeed before any
	 * input is sent or output taken, or 0. If it fails, the CLI is
	 * killed and gate_failed set: the container got nothing.
	 */
	pid_t		 gate;
};

/*
 * Run argv (an "<engine> run" command for container `name`) to the end.
 * Everything is bounded: after a stop, the container is killed through
 * the engine and the CLI is given KILL_GRACE_MS before it is abandoned.
 * sigfd is the self-pipe from signals_install().
 */
struct engine;

void	run_container(const struct sbx_opts *, const struct engine *,
	    const struct argv *,
	    const char *name, const struct run_input *, int sigfd,
	    struct run_result *);
void	run_result_free(struct run_result *);

#endif

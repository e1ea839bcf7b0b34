/* Talking to the engine outside the run itself: kill, inspect, rm, gc. */
#ifndef SBX_ENGINE_H
#define SBX_ENGINE_H

#include <sys/types.h>

#include <stdint.h>

#include "sbx.h"
#include "workdir.h"

/* What talking to the engine needs: not the whole options struct. */
struct engine {
	const char	*program;	/* docker, podman, a path */
	int		 podman;	/* some flags and quirks differ */
	const char	*runtime;	/* NULL: the engine's default */
	/* How long inspect and rm may take: QUERY_TIMEOUT_MS, or
	 * STUCK_QUERY_MS once the engine has failed to kill in time. */
	uint64_t	 query_ms;
};

void	engine_from_opts(const struct sbx_opts *, struct engine *);

/* Start "<engine> kill NAME" in the background; returns 0 or an errno. */
int	engine_kill_start(const struct engine *, const char *name, pid_t *);
/* Start "<engine> version" in the background, its output discarded: a
 * question any live engine answers at once. 0 or an errno. */
int	engine_ping_start(const struct engine *, pid_t *);
/* The same with --signal=NAME (NULL: the engine's default, SIGKILL). */
int	engine_signal_start(const struct engine *, const char *name,
	    const char *signal_name, pid_t *);

struct container_state {
	int	oom_killed;
	int	exit_code;
	char	error[512];	/* the engine's own error, if any */
};

/* 0 and *st filled, or -1 when the container does not exist (or the
 * engine does not answer). */
int	engine_inspect(const struct engine *, const char *name,
	    struct container_state *);

/* Remove the container, killing it if needed; a container that never
 * existed counts as removed. 0, or -1 with one line in why: the removal
 * failed or, when "rm" answered oddly and probe is set, the engine
 * turned out not to be a working docker-style one; or REMOVE_UNANSWERED
 * when the engine did not answer within the query time (it is not
 * probed: that is the answer), with later in why as what happens next
 * (NULL: run --gc). */
#define REMOVE_UNANSWERED	(-2)
int	engine_remove(const struct engine *, const char *name, int probe,
	    const char *later, char *why, size_t);

/*
 * Around "<engine> run": podman's conmon leaves its out-of-memory note in
 * the client's working directory (see workdir.c), so for podman the
 * client runs from a private one. begin before the run, leave right after
 * it, end once the container is inspected (st: the inspected state, which
 * the note completes, or NULL).
 */
struct engine_session {
	int		 private_dir;
	struct workdir	 wd;
};

void	engine_session_begin(const struct engine *, struct engine_session *);
void	engine_session_leave(struct engine_session *);
void	engine_session_end(struct engine_session *, struct container_state *);

struct lang;

/* "build it with ...": how to get a language's image. */
void	engine_build_hint(const struct sbx_opts *, const struct lang *, char *,
	    size_t);

/* Why the engine failed before the program ran, as one line of advice
 * (no daemon, not a docker-style CLI, a missing image, ...). */
void	engine_explain_failure(const struct sbx_opts *, char *, size_t);

/* Remove containers left by sbx processes that no longer exist. */
int	engine_gc(const struct sbx_opts *);

#endif

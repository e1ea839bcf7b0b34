/* --warm: a daemonless pool of pre-started, single-use containers. */
#ifndef SBX_WARM_H
#define SBX_WARM_H

#include <sys/types.h>

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "argv.h"
#include "engine.h"
#include "sbx.h"

/*
 * One pool: the containers started for exactly one "<engine> run" argv
 * (and one way of reaching the engine). Built from the run's own argv,
 * so a sandbox flag added to argv.c reaches pool containers by itself.
 */
struct warm_pool {
	char		 key[65];	/* sha256 of the argv and the endpoint */
	char		 prefix[40];	/* "sbx-warm-<key12>-": the idle names */
	struct argv	 start;		/* "<engine> create|run ...", no name */
	size_t		 name_at;	/* where --name= goes in start */
	unsigned	 size;		/* --warm N */
	uint64_t	 ttl_ms;	/* --warm-ttl */
	int		 attach;	/* docker: attach to BOOT; podman: exec */
};

void	warm_pool_init(struct warm_pool *, const struct sbx_opts *,
	    const struct engine *, const struct argv *run_argv);
void	warm_pool_free(struct warm_pool *);

/* One run's part in warm start: its claim, and whether to refill after. */
struct warm_run {
	struct warm_pool pool;
	int		 claimed;	/* a pool container serves this run */
	int		 attach;	/* through "<engine> attach" */
	int		 refill;	/* the pool is short: refill after the run */
	time_t		 since;		/* the claim, for the engine's event log */
	char		 id[80];	/* the claimed container's ID */
	pid_t		 gate;		/* attach: the claim's rename, running */
	/* A run that ended at its end marks: the attach, still ending, and
	 * its stdout and stderr (run.h), for warm_end's linger; else 0, -1. */
	pid_t		 linger_cli;
	int		 linger_out, linger_err;
};

/*
 * A warm run's container name, "sbx-<hex16>-<pid>-<host>": a claimed
 * container keeps the pool's labels (labels cannot change), so its
 * owner, for the guard and --gc, is in the name it is renamed to.
 */
void	warm_name_run(struct container_id *);

/*
 * Claim an idle container of the pool: take it off the pool's list (of
 * this host and user, under a lock), and rename it to name. 0: claimed,
 * and *argv (empty) is the "<engine> attach" (or exec) argv that runs
 * BOOT in it; with attach the rename still runs, as w->gate, which the
 * run must wait for before it sends anything (run_input's gate). -1:
 * none could be claimed (the run goes cold). Either way w->refill says
 * whether the pool is short.
 */
int	warm_claim(const struct engine *, struct warm_run *, const char *name,
	    struct argv *argv);


/* The pool of this run's (cold) argv, before any claim. */
void	warm_begin(const struct sbx_opts *, const struct engine *,
	    const struct argv *, struct warm_run *);

/*
 * After the run: in a detached process nobody waits for, the linger of
 * a run that ended at its end marks (its attach is given LINGER_MS to
 * end with the container; else both are killed, so that a program that
 * forged the marks gains nothing), then the refill if the pool is short.
 */
void	warm_end(const struct engine *, struct warm_run *);

/* For --gc and --doctor. */
int	warm_is_idle_name(const char *name);
/* "host:pid" from a claimed container's name; -1 when it is not one. */
int	warm_owner_from_name(const char *name, char *owner, size_t);
/* One line per pool on stdout ("<key12> N idle"); 0, or -1 if ps failed. */
int	warm_print_pools(const struct engine *, unsigned *pools);

#define LABEL_WARM	"sbx.warm"
#define WARM_NAME	"sbx-warm-"

#endif

/* Is the engine a docker-compatible CLI that reaches its daemon? */
#ifndef SBX_PROBE_H
#define SBX_PROBE_H

#include <stddef.h>

#include "sbx.h"

enum probe_verdict {
	PROBE_OK,		/* it answered with its server's version */
	PROBE_NOT_FOUND,	/* the program cannot be started */
	PROBE_NO_DAEMON,	/* a docker-like CLI that cannot reach its daemon */
	PROBE_NO_ANSWER,	/* nothing within PROBE_TIMEOUT_MS */
	PROBE_FOREIGN,		/* it runs, but does not speak docker's CLI */
};

struct probe {
	enum probe_verdict verdict;
	char	version[64];	/* the server's version, for PROBE_OK */
	char	said[256];	/* what it said instead (one line), or why
				 * it could not be started */
};

/* Ask "<engine> version --format={{.Server.Version}}", once, bounded. */
void	probe_engine(const char *program, struct probe *);

/* One line for a verdict other than PROBE_OK: which engine, what failed,
 * what to do. */
void	probe_advice(const char *program, const struct probe *, char *,
	    size_t);

#endif

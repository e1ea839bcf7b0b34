/* What happened in a run, decided once: exit status, JSON status, message. */
#ifndef SBX_OUTCOME_H
#define SBX_OUTCOME_H

#include "engine.h"
#include "run.h"
#include "sbx.h"

struct outcome {
	const char	*status;	/* JSON "status" */
	int		 exit_code;	/* what sbx exits with */
	int		 signal;	/* the program's signal, or 0 */
	int		 timed_out;
	int		 oom_killed;
	int		 engine_failed;	/* the program never ran properly */
	int		 hard;		/* message shown even with --quiet */
	char		 message[1024];	/* "" or one diagnostic line */
};

/* Does the CLI's status need "inspect" to be read right? */
int	outcome_needs_inspect(const struct run_result *);
struct run_files;

/* st: the inspected state, or NULL (not needed, or no container).
 * files: what came back (-o) and BOOT's facts, or NULL. */
void	outcome_decide(const struct sbx_opts *, const struct run_result *,
	    const struct container_state *, const struct run_files *,
	    struct outcome *);

#endif

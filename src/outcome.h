/* What happened in a run, decided once: exit status, JSON status, message. */
#ifndef SBX_OUTCOME_H
#define SBX_OUTCOME_H

#include "engine.h"
#include "run.h"
#include "sbx.h"

/* The JSON "status" of a run; run_status_name() spells each. */
enum run_status {
	RUN_OK,
	RUN_EXIT_NONZERO,
	RUN_SIGNALED,
	RUN_TIMEOUT,
	RUN_OOM,
	RUN_OUTPUT_LIMIT,
	RUN_REFUSED,
	RUN_SANDBOX_ERROR,
};

const char	*run_status_name(enum run_status);

struct outcome {
	enum run_status	 status;
	int		 exit_code;	/* what sbx exits with */
	int		 signal;	/* the program's signal, or 0 */
	int		 timed_out;
	int		 oom_killed;
	int		 engine_failed;	/* the program never ran properly */
	int		 hard;		/* message shown even with --quiet */
	char		 message[1024];	/* "" or one diagnostic line */
	char		 note[1024];	/* "" or a line shown before it */
};

/* Does the CLI's status need "inspect" to be read right? */
int	outcome_needs_inspect(const struct run_result *);
struct run_files;

/* Everything known once the container is gone. */
struct run_facts {
	const struct run_result	*run;
	/* The inspected state, or NULL (not needed, or no container). */
	const struct container_state *inspected;
	/* Why the engine failed, when it did and said nothing: "" or a line. */
	const char		*explanation;
	int			 removal_failed;
	const char		*removal_why;
	/* What came back (-o) and BOOT's facts, or NULL. */
	const struct run_files	*files;
};

/* Did the program never run properly because of the engine? (Then the
 * engine is probed when removal answers oddly, and its failure explained.) */
int	outcome_engine_failed(const struct sbx_opts *, const struct run_result *,
	    const struct container_state *);
void	outcome_decide(const struct sbx_opts *, const struct run_facts *,
	    struct outcome *);
/* --validate flagged the code (n findings): nothing ran. */
void	outcome_refused(size_t nfindings, struct outcome *);

#endif

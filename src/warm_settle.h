/* How a claimed warm container ended, when its status does not say. */
#ifndef SBX_WARM_SETTLE_H
#define SBX_WARM_SETTLE_H

#include <stdint.h>

#include "engine.h"
#include "warm.h"

/*
 * After an ambiguous status (1, 125-128, 137) of a claimed container.
 * Attach: the engine's event log says how the container ended (its exit
 * code, an oom event) and whether it is removed already (*removed).
 * Exec (podman): statuses 1 and 125-127 are the program's own only if
 * the container still runs (else the exec never reached BOOT); an OOM
 * kill of an exec'd process is not in the container's OOMKilled (only
 * the init process's is), so the engine's event log, then the cgroup's
 * kill counter, is asked. Returns 1 when BOOT never ran (the status is
 * the engine's); *known then stays set only if the engine logged an OOM
 * kill for it (the whole sandbox ended at the memory limit, as gVisor
 * does).
 */
int	warm_settle(const struct engine *, const struct warm_run *,
	    const char *name, int code, uint64_t duration_ms,
	    struct container_state *st, int *known, int *removed);

#endif

/* Removing the container when sbx dies without removing it itself. */
#ifndef SBX_GUARD_H
#define SBX_GUARD_H

#include "sbx.h"

/*
 * Start the guard for container NAME. Returns the descriptor that keeps
 * it waiting, or -1 (with a warning: the run goes on unguarded).
 */
int	guard_start(const struct sbx_opts *, const char *name);

/* sbx has removed the container (or never created it): stand down. */
void	guard_release(int);

/* sbx could not remove the container: the guard removes it, retrying
 * until the engine answers (GUARD_ATTEMPTS). */
void	guard_hand_over(int);

#endif

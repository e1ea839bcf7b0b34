/* Shell command lines built from the string literals that reach a shell. */
#ifndef SBX_SCAN_SHELL_H
#define SBX_SCAN_SHELL_H

#include <stddef.h>

#include "scan_shbuf.h"

struct findings;

/* shell_scan's result: the command line starts an interactive shell. */
#define SHELL_SPAWNS_SHELL	0x1

unsigned	shell_scan(struct shbuf *, struct findings *);

#endif

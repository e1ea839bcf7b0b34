/* Command line and SBX_* environment into one validated struct sbx_opts. */
#ifndef SBX_CLI_H
#define SBX_CLI_H

#include "sbx.h"

/*
 * Fill opts from the environment, then from argv (a flag beats its
 * variable). Bad input prints one "sbx: ..." line and exits 125: nothing
 * has run yet, so there is nothing to clean up.
 */
struct lang_table;

void	cli_parse(int, char **, const struct lang_table *, struct sbx_opts *);
void	cli_usage(void);

#endif

/* A call opens: its kind, where its literals go, what it starts. */
#ifndef SBX_CALLSITE_H
#define SBX_CALLSITE_H

#include "scan_names.h"

struct scan;
struct token;

/* Can a name of this meaning be called (not a keyword, def or loop)? */
int	callsite_callable(enum ident);
/* t is a '(': a call's, or a bracket's. */
void	callsite_open(struct scan *, const struct token *);

#endif

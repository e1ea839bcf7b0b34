/* Names and what they hold: assignments, aliases, loop variables. */
#ifndef SBX_VALUES_H
#define SBX_VALUES_H

#include <stddef.h>

#include "scan_names.h"

struct frame;
struct recent;
struct scan;
struct token;
struct var;

/* The meaning of the name code[start..end): its own, or what it aliases. */
enum ident	value_ident(const struct scan *, size_t start, size_t end,
		    unsigned hash);
/* Python: import X as NAME, with t the NAME. */
void		value_note_alias(struct scan *, const struct token *);
/* for VAR in LIST: VAR holds what LIST holds. */
void		value_loop_var(struct scan *, const struct recent *var,
		    const struct recent *in, const struct recent *list);
/* JS: the condition of a for loop closed: for (const c of cmds). */
void		value_for_of(struct scan *);
/* A name holding a flagged command line reaches a shell. */
void		value_promote(struct scan *, struct var *);
/* The assignment frame f closed: its name holds its value. */
void		value_assign(struct scan *, const struct frame *);
/* Does what a name holds reach the frame f where the name stands? */
int		value_taint_flows(const struct scan *, const struct frame *);

#endif

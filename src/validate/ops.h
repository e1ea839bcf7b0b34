/* Operators: brackets, commas, semicolons, assignments, colons. */
#ifndef SBX_OPS_H
#define SBX_OPS_H

struct recent;
struct scan;
struct token;

/* t is an operator; r is what the scan remembers of it. */
void	op_token(struct scan *, const struct token *, const struct recent *r);

#endif

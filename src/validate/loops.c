/*
 * Fork bombs by loop, and deletions by walk. A loop that cannot end
 * (while True, while (true), for (;;)) and starts a process that nothing
 * waits for creates processes without bound; a removal inside a for loop
 * over os.walk("/") deletes everything. Python loops end by indentation,
 * JavaScript loops with the frames or the statement that held their body.
 */
#include <stdlib.h>
#include <string.h>

#include "../util.h"
#include "findings.h"
#include "loops.h"
#include "rules.h"

void
loops_open(struct loops *ls, unsigned indent, size_t depth, int stmt)
{
	struct loop *l;

	ls->v = xgrow(ls->v, ls->n, &ls->cap, sizeof(*ls->v));
	l = &ls->v[ls->n++];
	memset(l, 0, sizeof(*l));
	l->indent = indent;
	l->depth = depth;
	l->stmt = stmt;
}

void
loops_close(struct loops *ls, struct findings *out)
{
	struct loop *l = &ls->v[--ls->n];

	if (ls->nforked > ls->n)
		ls->nforked = ls->n;
	if (ls->nblocked > ls->n)
		ls->nblocked = ls->n;
	if (l->has_fork && !l->blocked)
		findings_add(out, rule_get(R_FORK_BOMB), l->fork_off);
}

void
loops_fork(struct loops *ls, size_t off)
{
	for (; ls->nforked < ls->n; ls->nforked++) {
		ls->v[ls->nforked].has_fork = 1;
		ls->v[ls->nforked].fork_off = off;
	}
}

void
loops_block(struct loops *ls)
{
	for (; ls->nblocked < ls->n; ls->nblocked++)
		ls->v[ls->nblocked].blocked = 1;
}

void
loops_dedent(struct loops *ls, unsigned indent, struct findings *out)
{
	while (ls->n > 0 && ls->v[ls->n - 1].indent >= indent)
		loops_close(ls, out);
	while (ls->nwalks > 0 && ls->walks[ls->nwalks - 1] >= indent)
		ls->nwalks--;
}

void
loops_unwind(struct loops *ls, size_t depth, struct findings *out)
{
	while (ls->n > 0 && ls->v[ls->n - 1].depth > depth)
		loops_close(ls, out);
}

void
loops_end_statement(struct loops *ls, size_t depth, struct findings *out)
{
	while (ls->n > 0 && ls->v[ls->n - 1].stmt &&
	    ls->v[ls->n - 1].depth == depth)
		loops_close(ls, out);
}

void
loops_walk(struct loops *ls, unsigned indent)
{
	ls->walks = xgrow(ls->walks, ls->nwalks, &ls->walkcap,
	    sizeof(*ls->walks));
	ls->walks[ls->nwalks++] = indent;
}

/* The end of the code ends every loop still open. */
void
loops_free(struct loops *ls, struct findings *out)
{
	while (ls->n > 0)
		loops_close(ls, out);
	free(ls->v);
	free(ls->walks);
	memset(ls, 0, sizeof(*ls));
}

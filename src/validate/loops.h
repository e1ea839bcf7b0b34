/* Loops that matter to the validator: endless ones, and walks of /. */
#ifndef SBX_LOOPS_H
#define SBX_LOOPS_H

#include <stddef.h>

struct findings;

/* An endless loop (while True, while (true), for (;;)) being read. */
struct loop {
	unsigned	 indent;	/* Python: of the line that opened it */
	size_t		 depth;		/* JS: frames open around the body */
	int		 stmt;		/* JS: the body is one statement */
	int		 has_fork, blocked;
	size_t		 fork_off;
};

/*
 * The open loops, innermost last. A fork or a blocker marks every open
 * loop, and loops open and close in stack order, so the marked ones are
 * always the first nforked (nblocked): each loop is marked once, which
 * keeps marking linear however deep the loops nest. Walks are Python for
 * loops over a walk of / (for f in os.walk("/")), by indentation.
 */
struct loops {
	struct loop	*v;
	size_t		 n, cap, nforked, nblocked;
	unsigned	*walks;
	size_t		 nwalks, walkcap;
};

void	loops_open(struct loops *, unsigned indent, size_t depth, int stmt);
/* The innermost loop ends: a fork in it, with no exit or wait, is a bomb. */
void	loops_close(struct loops *, struct findings *);
/* A process is started at off (os.fork, Popen, spawn) in every open loop. */
void	loops_fork(struct loops *, size_t off);
/* break, return, exit, wait: no open loop is endless any more. */
void	loops_block(struct loops *);
/* Python: a logical line at indent ends the loops and walks it dedents. */
void	loops_dedent(struct loops *, unsigned indent, struct findings *);
/* JS: only depth frames are left: the loops whose body was deeper end. */
void	loops_unwind(struct loops *, size_t depth, struct findings *);
/* JS: a statement ended at depth: a loop whose body it was ends. */
void	loops_end_statement(struct loops *, size_t depth, struct findings *);
void	loops_walk(struct loops *, unsigned indent);
void	loops_free(struct loops *, struct findings *);

#endif

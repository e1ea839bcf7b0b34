/* Findings: where a rule matched, as a list in the order of the code. */
#ifndef SBX_FINDINGS_H
#define SBX_FINDINGS_H

#include <stddef.h>

struct rule;

struct finding {
	const struct rule *rule;
	size_t		 line, column;	/* 1-based, of the match start */
	size_t		 offset;	/* byte offset of the match start */
};

struct findings {
	struct finding	*v;
	size_t		 n, cap;
};

/* Record a match at a byte offset; findings_locate fills line and column. */
void	findings_add(struct findings *, const struct rule *, size_t);
void	findings_free(struct findings *);
/*
 * Sort the findings from `first` on by position, fill in their lines and
 * columns in code[0..len), and keep the first of each rule on a line.
 */
void	findings_locate(struct findings *, size_t first, const char *code,
	    size_t len);

#endif

/* Code validation: a pattern scan of Python or Node code before it runs. */
#ifndef SBX_VALIDATE_H
#define SBX_VALIDATE_H

#include <stddef.h>

struct lang;

/* Which languages a rule looks at (struct rule's langs). */
#define RULE_PYTHON	0x1
#define RULE_NODE	0x2

struct rule {
	const char	*id;		/* short and stable: users grep it */
	const char	*name;		/* what users call it */
	const char	*severity;	/* "high" or "medium" */
	const char	*message;	/* after "FILE:LINE:COL: ID: " */
	unsigned	 langs;		/* RULE_PYTHON | RULE_NODE */
};

struct finding {
	const struct rule *rule;
	size_t		 line, column;	/* 1-based, of the match start */
	size_t		 offset;	/* byte offset of the match start */
};

struct findings {
	struct finding	*v;
	size_t		 n, cap;
};

/*
 * Scan code[0..len) (not necessarily NUL-terminated; may contain NUL
 * bytes and invalid UTF-8) written in lang->name ("python" or "node").
 * Appends findings in line order, at most one per rule and line; columns
 * count characters, a tab counting as one. Past 100000 findings a scan
 * stops recording. Returns 0, or -1 (errno set) on an internal error,
 * such as a language with no rules.
 */
int	validate_scan(const struct lang *, const char *, size_t,
	    struct findings *);
void	findings_free(struct findings *);
/* Record a match at a byte offset; validate_scan fills line and column. */
void	findings_add(struct findings *, const struct rule *, size_t);


#endif

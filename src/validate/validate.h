/* Code validation: a pattern scan of Python or Node code before it runs. */
#ifndef SBX_VALIDATE_H
#define SBX_VALIDATE_H

#include <stddef.h>

struct findings;
struct lang;

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

#endif

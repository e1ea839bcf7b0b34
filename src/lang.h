/* The language table: which image runs a language and how code gets in. */
#ifndef SBX_LANG_H
#define SBX_LANG_H

#include <stddef.h>

struct lang {
	const char	*name;
	const char *const *aliases;	/* NULL-terminated */
	const char	*image;
	const char	*stdin_name;	/* what code read from stdin is called */
	/*
	 * The command run in the container. The engine argv appends the
	 * code's size in bytes, its display name, then the program's
	 * arguments; the command reads exactly that many bytes of code from
	 * its stdin and leaves the rest to the program.
	 */
	const char *const *command;
};

const struct lang	*lang_find(const char *);
/* The i-th row, or NULL past the end. */
const struct lang	*lang_at(size_t);

#endif

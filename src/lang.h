/*
 * The language table: which image runs a language and how code gets in.
 * Built-in entries first, then those of the language files (see
 * sbx-languages(5)), which add entries or change them by name.
 */
#ifndef SBX_LANG_H
#define SBX_LANG_H

#include <stddef.h>

/* How code becomes a running program (see src/boot.c). */
enum lang_kind {
	/*
	 * stream_command reads the code itself: the bootstrap appends the
	 * code's size in bytes, its display name and the program's
	 * arguments; the command reads exactly that many bytes from its
	 * stdin and leaves the rest to the program.
	 */
	LANG_STREAM,
	LANG_SCRIPT,		/* code written to {file}, then run_command */
	LANG_COMPILE,		/* ... compile_command, then run_command */
};

/*
 * One language. Command words may hold {file} (where the code is in
 * the sandbox) and {bin} (the compiled program, in the exec scratch).
 */
struct lang {
	const char	*name;
	const char *const *aliases;	/* NULL-terminated */
	const char	*image;
	const char	*stdin_name;	/* what code read from stdin is called */
	enum lang_kind	 kind;
	const char *const *stream_command;	/* LANG_STREAM only */
	/* Runs a file; also used for a stream language's FILE in -C DIR. */
	const char *const *run_command;
	const char *const *compile_command;	/* LANG_COMPILE only */
	const char	*scanner;	/* --validate rules: "python", "node", NULL */
	const char	*deps_manager;	/* --deps: "pip", "npm" or NULL */
	const char	*origin;	/* "built-in" or FILE:LINE */
	int		 builtin_image;	/* image is one of sbx's own */
};

struct lang_table {
	struct lang	*v;
	size_t		 n, cap;
	void		**owned;	/* what the language files allocated */
	size_t		 nowned, capowned;
};

/* The built-in entries, then every language file there is. -1 with a
 * message (FILE:LINE: what is wrong) in why when a file is malformed. */
int			 lang_table_load(struct lang_table *, char *why, size_t);
void			 lang_table_free(struct lang_table *);
const struct lang	*lang_find(const struct lang_table *, const char *);

/* For the file parser: the entry called NAME (a copy of a built-in one
 * until changed), or a new empty one; and memory freed with the table. */
struct lang		*lang_table_entry(struct lang_table *, const char *name);
void			*lang_table_keep(struct lang_table *, void *);

const char		*lang_kind_name(enum lang_kind);

#endif

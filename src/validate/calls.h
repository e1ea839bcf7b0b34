/* What a call is, by its name and what precedes the dot: a table. */
#ifndef SBX_CALLS_H
#define SBX_CALLS_H

#include "scan_names.h"

/* What the validator makes of a call. */
enum kind {
	K_NONE,			/* a bracket, or a call of no interest */
	K_CALL,
	K_SHELL,		/* its literals are a command line */
	K_EVAL,			/* it runs code */
	K_OPEN,
	K_WRITE,
	K_REMOVE,		/* JS: rm, unlink, rmdir (recursive: rm-root) */
	K_RMTREE,
	K_RENAME,
	K_COPY,
	K_CHMOD,
	K_CHOWN,
	K_SETUID,
	K_ESCAPE,		/* unshare, setns, chroot */
	K_MOUNT,
	K_PATH,			/* pathlib's Path("..."), for the method after it */
	K_FORK,
	K_DUP2,
	K_PIPE,			/* JS: stream.pipe */
	K_PROSE,		/* its literals are messages */
	K_SPLIT,		/* shlex.split: its text goes on to the shell */
	K_PROCESS,		/* multiprocessing.Process */
	K_WALK,			/* os.walk, Path.rglob, glob.glob */
	K_COUNT
};

/*
 * The kind of a call of `id` qualified by `qual` (I_NONE without a dot,
 * Q_EXPR after a call's result) in Python or JavaScript: K_CALL for any
 * call the table does not list.
 */
enum kind	call_kind(int python, enum ident id, enum ident qual);

#endif

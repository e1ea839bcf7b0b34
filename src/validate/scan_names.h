/* The names the validator knows in Python and JavaScript, and their meaning. */
#ifndef SBX_SCAN_NAMES_H
#define SBX_SCAN_NAMES_H

#include <stddef.h>

/* Q_* are modules and objects before a dot; I_* what is called or read. */
enum ident {
	I_NONE,
	I_OTHER,
	Q_EXPR,			/* a call's result before the dot: f().name */
	Q_OS,
	Q_SUBPROCESS,
	Q_SHUTIL,
	Q_PTY,
	Q_PEXPECT,
	Q_IO,
	Q_CODECS,
	Q_BUILTINS,
	Q_MARSHAL,
	Q_PROCESS,
	Q_STDOUT,
	Q_PATHLIB,
	Q_SHLEX,
	Q_MULTIPROCESSING,
	I_SYSTEM,
	I_RUN,
	I_SUBPROC,
	I_POPEN,		/* Python: starts a process and does not wait */
	I_ARGVEXEC,		/* create_subprocess_exec: one word each */
	I_OSEXEC,
	I_OSSPAWN,
	I_SPAWN,
	I_EXEC1,		/* node: the first argument is the command */
	I_EXEC2,		/* node: program, then an argument array */
	I_DOLLAR,
	I_EXEC,
	I_EVAL,
	I_LOADS,
	I_DECODER,
	I_DECODE,
	I_DOWNLOAD,
	I_FORK,
	I_PROCESS,		/* multiprocessing.Process */
	I_SPLIT,		/* shlex.split: its text is a command line */
	I_WALK,			/* os.walk, Path.rglob: every entry under a path */
	I_THEN,			/* a promise's then: its callback gets the value */
	I_STDIO,		/* child_process's stdio option */
	I_WHILE,
	I_FOR,
	I_TRUE,
	I_BLOCKER,
	I_EXIT,
	I_CONNECT,
	I_NET,
	I_DUP2,
	I_FILENO,
	I_PIPE,
	I_OPEN,
	I_WRITEFILE,
	I_REMOVE,
	I_RMTREE,
	I_RENAME,
	I_COPY,
	I_CHMOD,
	I_CHOWN,
	I_SETUID,
	I_UNSHARE,
	I_MOUNT,
	I_UMOUNT,
	I_PATH,
	I_HOME,
	I_RECURSIVE,
	I_OWRITE,
	I_SUID,
	I_MINER,
	I_PROSE,
	I_PROSEKEY,
	I_TEXTFN,		/* builds text from text: prose in, prose out */
	I_WRITE,
	I_DECL,
	I_DEF,
	I_KEYWORD,
	I_COUNT
};

/* The meaning of name[0..len) (hash: lex_hash of it), or I_OTHER. */
enum ident	names_lookup(int python, const char *name, size_t len,
		    unsigned hash);

#endif

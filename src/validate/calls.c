/*
 * The calls the validator judges, one row each: a name means something
 * only behind the right module (os.system, not platform.system), or
 * behind none, or behind a call's result (__import__("os").system). Rows
 * of one name and language are contiguous, tried in order; the first
 * whose qualifier fits gives the kind. An index by name built on first
 * use makes a lookup cost the rows of that name only.
 */
#include "calls.h"

#define PY	0x1
#define JS	0x2

/* How the name before the dot must be for the row to apply. */
enum qual_rule {
	ANY,			/* anything or nothing */
	NONE_OR,		/* nothing, qa or qb */
	RUNNER,			/* nothing, qa, or a call's result */
	ONLY,			/* qa or qb */
	SOME,			/* something: app.mount, not mount */
	NOT_EXPR,		/* anything but a call's result */
};

struct call_row {
	unsigned	 langs;
	enum ident	 id;
	enum qual_rule	 rule;
	enum ident	 qa, qb;
	enum kind	 kind;
};

static const struct call_row rows[] = {
	{ PY, I_SYSTEM, RUNNER, Q_OS, Q_OS, K_SHELL },
	{ PY, I_OSEXEC, RUNNER, Q_OS, Q_OS, K_SHELL },
	{ PY, I_OSSPAWN, RUNNER, Q_OS, Q_OS, K_SHELL },
	{ PY, I_RUN, RUNNER, Q_SUBPROCESS, Q_SUBPROCESS, K_SHELL },
	{ PY, I_SUBPROC, ANY, I_NONE, I_NONE, K_SHELL },
	{ PY, I_POPEN, ANY, I_NONE, I_NONE, K_SHELL },
	{ PY, I_ARGVEXEC, ANY, I_NONE, I_NONE, K_SHELL },
	{ PY, I_SPAWN, NONE_OR, Q_PTY, Q_PEXPECT, K_SHELL },
	{ PY, I_SPLIT, NONE_OR, Q_SHLEX, Q_SHLEX, K_SPLIT },
	{ PY, I_PROCESS, NOT_EXPR, I_NONE, I_NONE, K_PROCESS },
	{ PY, I_WALK, ANY, I_NONE, I_NONE, K_WALK },
	{ PY, I_EXEC, NONE_OR, Q_BUILTINS, Q_BUILTINS, K_EVAL },
	{ PY, I_EVAL, NONE_OR, Q_BUILTINS, Q_BUILTINS, K_EVAL },
	{ PY, I_LOADS, ONLY, Q_MARSHAL, Q_MARSHAL, K_EVAL },
	{ PY, I_FORK, NONE_OR, Q_OS, Q_PTY, K_FORK },
	{ PY, I_DUP2, ANY, I_NONE, I_NONE, K_DUP2 },
	{ PY, I_OPEN, NONE_OR, Q_IO, Q_CODECS, K_OPEN },
	{ PY, I_OPEN, ONLY, Q_OS, Q_OS, K_OPEN },
	{ PY, I_REMOVE, NONE_OR, Q_OS, Q_OS, K_WRITE },
	{ PY, I_RMTREE, NONE_OR, Q_SHUTIL, Q_SHUTIL, K_RMTREE },
	/* an unqualified replace() is mostly str.replace */
	{ PY, I_RENAME, ONLY, Q_OS, Q_SHUTIL, K_RENAME },
	{ PY, I_COPY, NONE_OR, Q_OS, Q_SHUTIL, K_COPY },
	{ PY, I_CHMOD, NONE_OR, Q_OS, Q_OS, K_CHMOD },
	{ PY, I_CHOWN, NONE_OR, Q_OS, Q_SHUTIL, K_CHOWN },
	{ PY, I_SETUID, NONE_OR, Q_OS, Q_OS, K_SETUID },
	{ PY, I_UNSHARE, NONE_OR, Q_OS, Q_OS, K_ESCAPE },
	{ PY, I_MOUNT, SOME, I_NONE, I_NONE, K_MOUNT },
	{ PY, I_UMOUNT, SOME, I_NONE, I_NONE, K_MOUNT },
	{ PY, I_PATH, NONE_OR, Q_PATHLIB, Q_PATHLIB, K_PATH },
	{ PY, I_PROSE, ANY, I_NONE, I_NONE, K_PROSE },
	{ PY, I_EXIT, ANY, I_NONE, I_NONE, K_PROSE },
	{ PY | JS, I_WRITE, ONLY, Q_STDOUT, Q_STDOUT, K_PROSE },

	{ JS, I_EXEC1, ANY, I_NONE, I_NONE, K_SHELL },
	{ JS, I_EXEC2, ANY, I_NONE, I_NONE, K_SHELL },
	{ JS, I_FORK, ANY, I_NONE, I_NONE, K_FORK },
	{ JS, I_EVAL, ANY, I_NONE, I_NONE, K_EVAL },
	{ JS, I_OPEN, ANY, I_NONE, I_NONE, K_OPEN },
	{ JS, I_WRITEFILE, ANY, I_NONE, I_NONE, K_WRITE },
	{ JS, I_REMOVE, ANY, I_NONE, I_NONE, K_REMOVE },
	{ JS, I_RMTREE, ANY, I_NONE, I_NONE, K_RMTREE },
	/* rimraf.sync(...), rimraf.native(...) */
	{ JS, I_OTHER, ONLY, I_RMTREE, I_RMTREE, K_RMTREE },
	{ JS, I_RENAME, ANY, I_NONE, I_NONE, K_RENAME },
	{ JS, I_COPY, ANY, I_NONE, I_NONE, K_COPY },
	{ JS, I_CHMOD, ANY, I_NONE, I_NONE, K_CHMOD },
	{ JS, I_CHOWN, ANY, I_NONE, I_NONE, K_CHOWN },
	{ JS, I_SETUID, ONLY, Q_PROCESS, Q_PROCESS, K_SETUID },
	{ JS, I_PIPE, ANY, I_NONE, I_NONE, K_PIPE },
	{ JS, I_PROSE, ANY, I_NONE, I_NONE, K_PROSE },
};
#define NROWS	(sizeof(rows) / sizeof(rows[0]))

/* Per language and name, the first row + 1, or 0. */
static unsigned char first_row[2][I_COUNT];
static int index_built;

static void
build_index(void)
{
	size_t k;
	int lang;

	for (k = NROWS; k-- > 0; )
		for (lang = 0; lang < 2; lang++)
			if (rows[k].langs & (lang == 0 ? PY : JS))
				first_row[lang][rows[k].id] =
				    (unsigned char)(k + 1);
	index_built = 1;
}

static int
qual_fits(const struct call_row *r, enum ident q)
{
	switch (r->rule) {
	case ANY:
		return 1;
	case NONE_OR:
		return q == I_NONE || q == r->qa || q == r->qb;
	case RUNNER:
		return q == I_NONE || q == r->qa || q == Q_EXPR;
	case ONLY:
		return q == r->qa || q == r->qb;
	case SOME:
		return q != I_NONE;
	case NOT_EXPR:
		return q != Q_EXPR;
	}
	return 0;
}

enum kind
call_kind(int python, enum ident id, enum ident qual)
{
	unsigned lang = python ? PY : JS;
	size_t k;

	if (!index_built)
		build_index();
	k = first_row[python ? 0 : 1][id];
	if (k == 0)
		return K_CALL;
	for (k--; k < NROWS && rows[k].id == id; k++)
		if ((rows[k].langs & lang) && qual_fits(&rows[k], qual))
			return rows[k].kind;
	return K_CALL;
}

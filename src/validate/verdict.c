/*
 * A call closes and is judged, from the summary of its first arguments:
 * the command line a shell call was given, a write or a removal of a
 * system path, / or the home directory, a mode that sets setuid bits, an
 * eval of decoded or downloaded data. The file-wide facts of a reverse
 * shell (a socket's descriptor duplicated, a shell spawned) are noted
 * here and judged when the file ends.
 */
#include <string.h>

#include "frames.h"
#include "loops.h"
#include "scan.h"
#include "scan_shell.h"
#include "verdict.h"

static int
arg_is_lit(const struct arg *a)
{
	return a->ntok == 1 && a->is_str;
}

/* A bare "/" in code is more often a separator than a path: not here. */
static int
arg_system(const struct scan *sc, const struct arg *a)
{
	return arg_is_lit(a) &&
	    !(a->lit_len == 1 && sc->code[a->lit_off] == '/') &&
	    path_is_system(sc->code + a->lit_off, a->lit_len);
}

static int
arg_sensitive(const struct scan *sc, const struct arg *a)
{
	return arg_is_lit(a) &&
	    path_is_sensitive(sc->code + a->lit_off, a->lit_len);
}

/* "/", "~", os.environ["HOME"], expanduser("~"), Path.home(), os.homedir() */
static int
arg_rootish(const struct arg *a)
{
	return a->root;
}

/* Calls whose value is the path (or variable) they are given. */
int
call_keeps_path(const struct scan *sc, const struct frame *f)
{
	static const char *const names[] = {
		"expanduser", "expandvars", "abspath", "realpath", "normpath",
		"Path", "PosixPath", "PurePath", "PurePosixPath", "fspath",
		"str", "getenv", "get", "resolve", "normalize", "absolute",
		"String", NULL,
	};
	size_t k;

	for (k = 0; names[k] != NULL; k++)
		if (scan_text_is(sc, f->off, f->callee_len, names[k]))
			return 1;
	return 0;
}

/*
 * Is the value of the bracket that closes / or the home directory? Only
 * where it passes its argument's value on: x.rstrip("/") is not "/".
 */
int
frame_is_root(const struct scan *sc, const struct frame *f)
{
	const struct arg *a0 = &f->a[0];

	if (f->argi != 0)
		return 0;
	if (f->open == FR_BRACKET)
		return a0->home_var;
	if (!f->is_call)
		return f->open == FR_PAREN && a0->root;
	if (f->callee == I_HOME)
		return 1;
	return (a0->root || a0->home_var) && f->callee_len > 0 &&
	    call_keeps_path(sc, f);
}

static int
lit_has_any(const struct scan *sc, size_t off, size_t len, const char *set)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (strchr(set, sc->code[off + i]) != NULL && sc->code[off + i])
			return 1;
	return 0;
}

/* A file mode from a number or a string of octal digits. */
static int
arg_mode(const struct scan *sc, const struct arg *a, unsigned long *mode)
{
	size_t i;

	if (a->num_ok) {
		*mode = a->num;
		return 1;
	}
	if (!arg_is_lit(a) || a->lit_len == 0 || a->lit_len > 6)
		return 0;
	*mode = 0;
	for (i = 0; i < a->lit_len; i++) {
		char c = sc->code[a->lit_off + i];

		if (c < '0' || c > '7')
			return 0;
		*mode = *mode * 8 + (unsigned long)(c - '0');
	}
	return 1;
}

void
verdict_shell(struct scan *sc, const struct frame *f)
{
	unsigned info = 0;
	struct shbuf *sb = frame_buf(sc, f);

	if (sb != NULL)
		info = shell_scan(sb, sc->out);
	if (((info & SHELL_SPAWNS_SHELL) || f->revsite) && !sc->has_rev_site) {
		sc->has_rev_site = 1;
		sc->rev_site = f->off;
	}
	if (f->seen & SEEN_FILENO)
		sc->fileno_dup = 1;
	if ((info & SHELL_SPAWNS_SHELL) && f->stdio_name)
		sc->stdio_sock = 1;
}

/* Python: removing what a walk of / yields deletes everything. */
static int
is_deletion(const struct scan *sc, const struct frame *f)
{
	static const char *const names[] = {
		"remove", "unlink", "rmdir", "removedirs", "rmtree", NULL,
	};
	size_t k;

	if (f->callee != I_REMOVE && f->callee != I_RMTREE)
		return 0;
	for (k = 0; names[k] != NULL; k++)
		if (scan_text_is(sc, f->off, f->callee_len, names[k]))
			return 1;
	return 0;
}

/* The number of arguments: a call's last one needs no comma after it. */
static unsigned
nargs(const struct frame *f)
{
	return f->argi + (f->cur_ntok > 0);
}

/* os.system(b64decode(...)), os.system(requests.get(u).text) */
static void
judge_shell(struct scan *sc, const struct frame *f)
{
	int whole = f->callee == I_SYSTEM || f->callee == I_EXEC1;

	verdict_shell(sc, f);
	if (whole && (f->a[0].seen & SEEN_DECODER))
		scan_add(sc, R_DECODE_EXEC, f->off);
	if (whole && (f->a[0].seen & SEEN_DOWNLOAD))
		scan_add(sc, R_DOWNLOAD_EXEC, f->off);
}

static void
judge_eval(struct scan *sc, const struct frame *f)
{
	if ((f->seen | f->then_seen) & SEEN_DECODER)
		scan_add(sc, R_DECODE_EXEC, f->off);
	if ((f->seen | f->then_seen) & SEEN_DOWNLOAD)
		scan_add(sc, R_DOWNLOAD_EXEC, f->off);
}

/* multiprocessing.Process(target=...), not psutil.Process(pid) */
static void
judge_process(struct scan *sc, const struct frame *f)
{
	if (f->qual == Q_MULTIPROCESSING || f->kw_target)
		loops_fork(&sc->loops, f->off);
}

static void
judge_walk(struct scan *sc, const struct frame *f)
{
	if (arg_rootish(&f->a[0]))
		sc->walk_line = 1;
}

/* open(path, "w"), os.open(path, os.O_WRONLY), Path(p).open("a") */
static void
judge_open(struct scan *sc, const struct frame *f)
{
	const struct arg *m = f->path_shift ? &f->a[0] : &f->a[1];
	int sys = f->path_shift ? f->path_sys : arg_system(sc, &f->a[0]);
	int writes = (arg_is_lit(m) &&
	    lit_has_any(sc, m->lit_off, m->lit_len, "wax+")) ||
	    (f->has_mode && lit_has_any(sc, f->mode_off, f->mode_len, "wax+")) ||
	    (m->seen & SEEN_OWRITE);

	if (sys && writes)
		scan_add(sc, R_SYS_WRITE, f->off);
}

static void
judge_write(struct scan *sc, const struct frame *f)
{
	if (arg_system(sc, &f->a[0]))
		scan_add(sc, R_SYS_WRITE, f->off);
}

static void
judge_remove(struct scan *sc, const struct frame *f)
{
	const struct arg *a0 = &f->a[0];

	/* shelljs: rm("-rf", "/") */
	if (arg_is_lit(a0) && a0->lit_len >= 2 &&
	    sc->code[a0->lit_off] == '-' &&
	    lit_has_any(sc, a0->lit_off, a0->lit_len, "rR") &&
	    arg_rootish(&f->a[1]))
		scan_add(sc, R_RM_ROOT, f->off);
	else if (arg_rootish(a0) && (f->seen & SEEN_RECURSIVE))
		scan_add(sc, R_RM_ROOT, f->off);
	else if (arg_system(sc, a0))
		scan_add(sc, R_SYS_WRITE, f->off);
}

static void
judge_rmtree(struct scan *sc, const struct frame *f)
{
	if (arg_rootish(&f->a[0]))
		scan_add(sc, R_RM_ROOT, f->off);
	else if (arg_system(sc, &f->a[0]))
		scan_add(sc, R_SYS_WRITE, f->off);
}

static void
judge_rename(struct scan *sc, const struct frame *f)
{
	if (arg_system(sc, &f->a[0]) || arg_system(sc, &f->a[1]))
		scan_add(sc, R_SYS_WRITE, f->off);
}

static void
judge_copy(struct scan *sc, const struct frame *f)
{
	if (arg_system(sc, &f->a[1]))
		scan_add(sc, R_SYS_WRITE, f->off);
}

/* chmod of /, of an account database, o+w of a system path, setuid bits */
static void
judge_chmod(struct scan *sc, const struct frame *f)
{
	const struct arg *a0 = &f->a[0], *a1 = &f->a[1];
	unsigned long mode = 0;
	int has_mode = arg_mode(sc, a1, &mode);

	if ((arg_rootish(a0) && nargs(f) >= 2) || arg_sensitive(sc, a0) ||
	    (arg_system(sc, a0) && has_mode && (mode & 2)) ||
	    (has_mode && (mode & 06000)) || (a1->seen & SEEN_SUID))
		scan_add(sc, R_PRIV_CHANGE, f->off);
}

static void
judge_chown(struct scan *sc, const struct frame *f)
{
	if ((arg_rootish(&f->a[0]) && nargs(f) >= 2) ||
	    arg_system(sc, &f->a[0]))
		scan_add(sc, R_PRIV_CHANGE, f->off);
}

/* setuid(0), setuid("root") */
static void
judge_setuid(struct scan *sc, const struct frame *f)
{
	const struct arg *a0 = &f->a[0];

	if ((a0->num_ok && a0->num == 0) || (arg_is_lit(a0) &&
	    scan_text_is(sc, a0->lit_off, a0->lit_len, "root")))
		scan_add(sc, R_PRIV_CHANGE, f->off);
}

static void
judge_escape(struct scan *sc, const struct frame *f)
{
	scan_add(sc, R_SANDBOX_ESCAPE, f->off);
}

/*
 * mount(2) by ctypes takes five arguments, a web app's mount() two; and
 * a ctypes function refuses keyword arguments, which app.mount("/static",
 * ..., name="static") passes.
 */
static void
judge_mount(struct scan *sc, const struct frame *f)
{
	if (!f->kw && nargs(f) >= (f->callee == I_MOUNT ? 4u : 1u))
		scan_add(sc, R_SANDBOX_ESCAPE, f->off);
}

static void
judge_dup2(struct scan *sc, const struct frame *f)
{
	if (f->seen & SEEN_FILENO)
		sc->fileno_dup = 1;
}

/* Path("/etc/x"): the method called on it next decides. */
static void
judge_path(struct scan *sc, const struct frame *f)
{
	const struct arg *a0 = &f->a[0];
	const char *p = sc->code + a0->lit_off;

	if (!arg_is_lit(a0))
		return;
	sc->chain_sys = path_is_system(p, a0->lit_len);
	sc->chain_root = path_is_rootish(p, a0->lit_len, 0);
	sc->chain_sens = path_is_sensitive(p, a0->lit_len);
	if (sc->chain_sys || sc->chain_root || sc->chain_sens)
		sc->chain = CH_PATH;
}

/* Each kind of call and its judge; the kinds left out are not judged. */
static void (*const judges[K_COUNT])(struct scan *, const struct frame *) = {
	[K_SHELL] = judge_shell,
	[K_EVAL] = judge_eval,
	[K_PROCESS] = judge_process,
	[K_WALK] = judge_walk,
	[K_OPEN] = judge_open,
	[K_WRITE] = judge_write,
	[K_REMOVE] = judge_remove,
	[K_RMTREE] = judge_rmtree,
	[K_RENAME] = judge_rename,
	[K_COPY] = judge_copy,
	[K_CHMOD] = judge_chmod,
	[K_CHOWN] = judge_chown,
	[K_SETUID] = judge_setuid,
	[K_ESCAPE] = judge_escape,
	[K_MOUNT] = judge_mount,
	[K_DUP2] = judge_dup2,
	[K_PATH] = judge_path,
};

void
verdict_call(struct scan *sc, const struct frame *f)
{
	if (sc->loops.nwalks > 0 && is_deletion(sc, f))
		scan_add(sc, R_RM_ROOT, f->off);
	else if (judges[f->kind] != NULL)
		judges[f->kind](sc, f);
}

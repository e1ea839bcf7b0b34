/*
 * The validator: one pass over the lexer's tokens that judges code by what
 * it calls with what. A stack of open brackets knows the call each belongs
 * to, so os.system("...") hands its literal to the shell scanner while
 * print("...") marks its text as prose; loops, assignments of literals
 * and a few file-wide facts (a socket, a dup2 of its descriptor, a shell)
 * complete the picture. Comments never reach this file. Findings come out
 * sorted by position, at most one per rule and line. Time and memory are
 * linear in the code: brackets past DEPTH_MAX are counted, not tracked;
 * closers find their frame through per-kind links, not by a search; names
 * live in a hash table (scan_vars.c) that grows only with assignments.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../lang.h"
#include "../util.h"
#include "calls.h"
#include "findings.h"
#include "loops.h"
#include "rules.h"
#include "scan_lex.h"
#include "scan_names.h"
#include "scan_shell.h"
#include "scan_strings.h"
#include "scan_vars.h"
#include "validate.h"

/*
 * Brackets nested deeper than this are counted, not tracked (Python
 * itself stops at 200), so memory stays bounded on hostile input.
 */
#define DEPTH_MAX	1000

/* What the code inside a bracket mentions. */
#define SEEN_DECODER	0x01
#define SEEN_DOWNLOAD	0x02
#define SEEN_RECURSIVE	0x08
#define SEEN_OWRITE	0x10
#define SEEN_SUID	0x20
#define SEEN_FILENO	0x40

#define NARGS		3	/* arguments summarized per call */

struct arg {
	unsigned	 ntok;		/* a nested bracket counts two */
	unsigned	 seen;
	/*
	 * Its value, as far as its last part goes: / or the home directory
	 * ("/", expanduser("~"), a name holding "/"), or the name of the
	 * home variable ("HOME", for os.environ["HOME"]).
	 */
	int		 root, home_var;
	int		 is_str;	/* the argument is one string literal */
	size_t		 lit_off, lit_len;
	int		 num_ok;	/* the argument is one number */
	unsigned long	 num;
	/*
	 * The argument is a name or a dotted name (a, os.system), so far:
	 * its first name, and the meaning of its last.
	 */
	int		 is_name, name_dot;
	size_t		 name_off, name_len;
	unsigned	 name_hash;
	enum ident	 name_id, name_qual;
};

/* JS: what the parentheses after while or for hold. */
enum loop_cond {
	LC_NONE,
	LC_WHILE,
	LC_FOR,
};

/* The first tokens of such a condition, enough to tell an endless one. */
enum cond_token {
	CT_OTHER,
	CT_TRUE,		/* true or 1 */
	CT_NOT,			/* ! */
	CT_ZERO,		/* 0, as in !0 */
	CT_SEMI,		/* ;, as in for (;;) */
};

/*
 * How a frame opened: a bracket, a template literal's ${ (or a tagged
 * template's whole text), or NAME = (the value of an assignment).
 */
enum frame_open {
	FR_PAREN,
	FR_BRACKET,
	FR_BRACE,
	FR_TEMPLATE,
	FR_TAGGED,
	FR_ASSIGN,
	FR_COUNT
};

struct frame {
	enum frame_open	 open;
	enum kind	 kind;
	int		 is_call;
	enum ident	 callee, qual;
	size_t		 off;		/* the callee's name, or the bracket */
	size_t		 callee_len;
	int		 collect;	/* literals go to the shell buffer */
	int		 buf;		/* index into the buffer stack, or -1 */
	int		 owns_buf;
	int		 prose, prose_arg;
	int		 kw;		/* Python: keyword arguments began */
	int		 kw_mode;	/* Python: in "mode=" */
	int		 skip;		/* arguments before the command */
	int		 arity;		/* arguments that are, 0 for all */
	int		 argv;		/* each literal is one argument */
	unsigned	 argi, cur_ntok;
	struct arg	 a[NARGS];
	int		 has_mode;
	size_t		 mode_off, mode_len;
	unsigned	 seen;
	enum loop_cond	 loopcond;	/* JS: the condition of a loop */
	enum cond_token	 cond_sig[3];	/* its first tokens */
	unsigned	 cond_n;
	int		 is_loop;
	size_t		 name_off, name_len;	/* FR_ASSIGN: the name assigned */
	struct findings	 held;		/* FR_ASSIGN: markers of prose in it */
	enum path_part	 held_part;	/* FR_ASSIGN: its value ends in ".ssh" */
	int		 path_shift, path_sys;
	int		 revsite;
	int		 complement;	/* opened by ~( or inside one (~~ undoes) */
	size_t		 below;		/* the next frame opened alike, + 1 */
	int		 kw_target;	/* Python: target= was passed */
	int		 stdio_key;	/* '{': in the value of "stdio:" */
	int		 stdio_name;	/* a shell spawn: a name in its stdio */
	/*
	 * What the expression this bracket opened in had mentioned up to
	 * it (restored when it closes), and, inside a promise's then(),
	 * what the promise's own chain mentioned.
	 */
	unsigned	 outer_chain, then_seen;
};


/*
 * A literal that is a path component alone (".ssh"), waiting for the
 * next part: a ',' or '/' and a literal, or anything else for none.
 */
struct pending_part {
	enum path_part	 kind;		/* PART_NONE: nothing waits */
	size_t		 off;
	int		 after_sep;	/* the ',' or '/' has come */
	int		 from_name;	/* a name that holds ".ssh" stands here */
	/*
	 * The assignment whose value the part ends (index + 1, or 0), as in
	 * ssh = home / ".ssh": the name then holds it for its next use. Set
	 * when the literal is in the assignment or in a join() directly in
	 * it; closed, once that call's ')' has come.
	 */
	size_t		 assign;
	int		 closed;
};

struct recent {
	enum tok_kind	 kind;
	int		 op;
	enum ident	 id, qual;
	size_t		 start, end, cstart, cend;
	unsigned	 hash;		/* TOK_IDENT: lex_hash() of the name */
	int		 one;		/* the number 1 */
};

/* JS: an endless loop's condition closed; its body comes next. */
enum pending_loop {
	PL_NONE,
	PL_CONDITION,		/* the body is the next token's */
	PL_BLOCK,		/* the body is the block this '{' opens */
};

/* Reading NAME (. NAME)* = at the start of a statement. */
enum lhs_state {
	LHS_START,
	LHS_DECL,		/* JS: after const, let or var */
	LHS_NAME,
	LHS_DOT,
	LHS_NONE,		/* not an assignment target */
};

/* Reading Path("/etc/x").write_text(...): the method after a path. */
enum chain_state {
	CH_NONE,
	CH_PATH,		/* Path("...") of interest closed */
	CH_DOT,
	CH_METHOD,		/* the method's name; its '(' comes next */
};

struct scan {
	const char	*code;
	size_t		 len;
	int		 py;
	struct findings	*out;
	struct frame	*fr;
	size_t		 nfr, frcap;
	size_t		 innermost[FR_COUNT];	/* by frame_open: index + 1, or 0 */
	size_t		 untracked_tpl;	/* templates open past DEPTH_MAX */
	struct shbuf	*bufs;
	size_t		 nbuf, bufcap;
	struct loops	 loops;
	/*
	 * Names holding a flagged command line (reported if the name later
	 * reaches a shell), decoded or downloaded data, or a module
	 * (Python: import subprocess as sp, from os import system as run).
	 */
	struct vars	 vars;
	struct recent	 prev, prev2, prev3;
	/* What the expression being read mentions: fetch(u).then(... */
	unsigned	 chain_seen;
	int		 complement;	/* a ~ before this dotted name */
	int		 in_shell, in_eval;
	size_t		 untracked;	/* brackets open past DEPTH_MAX */
	/* Python: the logical line */
	unsigned	 indent;
	struct recent	 line[5];
	unsigned	 line_n;
	/* assignment targets: name (. name)* = */
	int		 stmt_start;
	enum lhs_state	 lhs;
	size_t		 lhs_off, lhs_len;
	enum pending_loop pending_loop;
	int		 has_deferred;
	struct token	 deferred;
	/* Path("/etc/x").write_text(...) */
	enum chain_state chain;
	int		 chain_sys, chain_root, chain_sens;
	enum ident	 chain_method;
	size_t		 chain_off;
	/* reverse shells: facts about the whole file */
	int		 saw_connect, saw_net, saw_pipe, fileno_dup;
	int		 has_rev_site, stdio_sock;
	size_t		 rev_site;
	int		 walk_line;	/* Python: the line walks / */
	struct pending_part part;
	struct findings	 marks;		/* scan_literal's scratch */
};

static void	pop_frame(struct scan *);
static void	for_of(struct scan *);
static int	js_continues(const struct recent *, const struct token *);
static int	keeps_path(const struct scan *, const struct frame *);
static void	wait_part(struct scan *, enum path_part, size_t, int);

static void
add(struct scan *sc, enum rule_index r, size_t off)
{
	findings_add(sc->out, rule_get(r), off);
}

static enum ident
ident_id(const struct scan *sc, size_t start, size_t end, unsigned h)
{
	enum ident id = names_lookup(sc->py, sc->code + start, end - start, h);
	const struct var *v;

	if (id == I_OTHER && sc->vars.nalias > 0 &&
	    (v = vars_find_hashed(&sc->vars, start, end - start, h)) != NULL &&
	    v->alias != I_NONE)
		id = v->alias;
	return id;
}

/* "import X as NAME": NAME means what X means, if X means anything. */
static void
note_alias(struct scan *sc, const struct token *t)
{
	const struct recent *as = &sc->prev, *x = &sc->prev2;
	struct var *v;

	if (!sc->py || as->kind != TOK_IDENT || as->end - as->start != 2 ||
	    memcmp(sc->code + as->start, "as", 2) != 0 ||
	    x->kind != TOK_IDENT || x->id == I_OTHER || x->id == I_KEYWORD)
		return;
	v = vars_get(&sc->vars, t->start, t->end - t->start);
	if (v->alias == I_NONE)
		sc->vars.nalias++;
	v->alias = x->id;
}

static int
text_is(const struct scan *sc, size_t off, size_t len, const char *s)
{
	return strlen(s) == len && memcmp(sc->code + off, s, len) == 0;
}

static int
text_ends(const struct scan *sc, size_t off, size_t len, const char *s)
{
	size_t n = strlen(s);

	return len >= n && memcmp(sc->code + off + len - n, s, n) == 0;
}

static int
text_starts(const struct scan *sc, size_t off, size_t len, const char *s)
{
	size_t n = strlen(s);

	return len >= n && memcmp(sc->code + off, s, n) == 0;
}

static struct frame *
top(struct scan *sc)
{
	return sc->nfr > 0 ? &sc->fr[sc->nfr - 1] : NULL;
}

/* A list or tuple display: [a, b], (a, b). */
static int
is_list(const struct frame *f)
{
	return f->open == FR_BRACKET || (f->open == FR_PAREN && !f->is_call);
}

static struct shbuf *
frame_buf(struct scan *sc, const struct frame *f)
{
	return f->buf >= 0 ? &sc->bufs[f->buf] : NULL;
}

static struct frame *
push_frame(struct scan *sc, enum frame_open open)
{
	struct frame *f, *parent = top(sc);

	if (sc->nfr == sc->frcap) {
		sc->fr = xgrow(sc->fr, sc->nfr, &sc->frcap, sizeof(*sc->fr));
		parent = top(sc);
	}
	f = &sc->fr[sc->nfr++];
	memset(f, 0, sizeof(*f));
	f->open = open;
	f->buf = -1;
	f->below = sc->innermost[open];
	sc->innermost[open] = sc->nfr;
	if (parent != NULL) {
		f->buf = parent->buf;
		f->prose = parent->prose || parent->prose_arg;
		f->complement = parent->complement;
		f->then_seen = parent->then_seen;
	}
	f->outer_chain = sc->chain_seen;
	sc->chain_seen = 0;
	return f;
}

static int
new_buf(struct scan *sc)
{
	if (sc->nbuf == sc->bufcap) {
		size_t old = sc->bufcap;

		sc->bufs = xgrow(sc->bufs, sc->nbuf, &sc->bufcap,
		    sizeof(*sc->bufs));
		memset(sc->bufs + old, 0,
		    (sc->bufcap - old) * sizeof(*sc->bufs));
	}
	shbuf_reset(&sc->bufs[sc->nbuf]);
	return (int)sc->nbuf++;
}

/* True, or 1: the condition of an infinite while loop. */
static int
is_truthy(const struct recent *r)
{
	return r->id == I_TRUE || r->one;
}

/* for c in cmds, for (const c of cmds): c holds what cmds holds. */
static void
loop_var(struct scan *sc, const struct recent *var, const struct recent *in,
    const struct recent *list)
{
	struct value val;
	const struct var *v;

	if (var->kind != TOK_IDENT || in->kind != TOK_IDENT ||
	    list->kind != TOK_IDENT ||
	    !(text_is(sc, in->start, in->end - in->start, "in") ||
	    text_is(sc, in->start, in->end - in->start, "of")) ||
	    (v = vars_find_hashed(&sc->vars, list->start,
	    list->end - list->start, list->hash)) == NULL)
		return;
	memset(&val, 0, sizeof(val));
	vars_value(v, &val);
	val.root = 0;
	val.alias = I_NONE;
	vars_forget(&sc->vars, var->start, var->end - var->start);
	vars_hold(&sc->vars, var->start, var->end - var->start, &val);
}

/* JS: the condition of a for loop closed. */
static void
for_of(struct scan *sc)
{
	loop_var(sc, &sc->prev3, &sc->prev2, &sc->prev);
}

/* A name that was assigned a flagged command line reaches a shell. */
static void
promote(struct scan *sc, struct var *v)
{
	size_t k;
	struct frame *f;

	for (k = sc->nfr; k-- > 0; ) {
		f = &sc->fr[k];
		if (f->kind == K_SHELL || f->open == FR_TAGGED) {
			if (f->kw)
				return;	/* cwd=, env=: not the command */
			break;
		}
	}
	for (k = 0; k < v->pend.n; k++)
		findings_add(sc->out, v->pend.v[k].rule, v->pend.v[k].offset);
	findings_free(&v->pend);
	sc->vars.npend--;
}

/* Names worth following through NAME = OTHER: modules and what they run. */
static int
alias_worthy(enum ident id)
{
	switch (id) {
	case Q_OS: case Q_SUBPROCESS: case Q_SHUTIL: case Q_PTY:
	case Q_PEXPECT: case Q_IO: case Q_CODECS: case Q_BUILTINS:
	case Q_MARSHAL: case Q_PROCESS: case Q_PATHLIB: case Q_SHLEX:
	case Q_MULTIPROCESSING:
	case I_SYSTEM: case I_RUN: case I_SUBPROC: case I_POPEN:
	case I_ARGVEXEC: case I_OSEXEC: case I_OSSPAWN: case I_SPAWN:
	case I_EXEC1: case I_EXEC2: case I_EXEC: case I_EVAL: case I_LOADS:
	case I_DECODER: case I_DOWNLOAD: case I_FORK: case I_PROCESS:
	case I_DUP2: case I_RMTREE: case I_CHMOD: case I_CHOWN:
	case I_SETUID: case I_UNSHARE: case I_NET: case I_SPLIT:
		return 1;
	default:
		return 0;
	}
}

static int
is_module(enum ident id)
{
	return id >= Q_OS && id <= Q_MULTIPROCESSING;
}

/*
 * NAME = OTHER, OTHER a name: NAME holds what OTHER holds. NAME =
 * subprocess or NAME = os.system: NAME means what the module or the
 * function means (one hop, like import ... as NAME).
 */
static void
value_of_name(const struct scan *sc, const struct arg *a, struct value *val)
{
	const struct var *v;

	if (!a->is_name || a->name_dot)
		return;
	if (a->ntok == 1 && (v = vars_find_hashed(&sc->vars, a->name_off,
	    a->name_len, a->name_hash)) != NULL)
		vars_value(v, val);
	if (val->alias == I_NONE && alias_worthy(a->name_id) &&
	    (a->ntok == 1 || is_module(a->name_qual)))
		val->alias = a->name_id;
}

/* NAME = ...: what NAME held is forgotten, what it holds now is kept. */
static void
finish_assignment(struct scan *sc, const struct frame *f)
{
	struct shbuf *sb = frame_buf(sc, f);
	struct value val;
	size_t k;

	memset(&val, 0, sizeof(val));
	val.alias = I_NONE;
	val.taint = f->seen & (SEEN_DECODER | SEEN_DOWNLOAD | SEEN_FILENO);
	val.root = f->argi == 0 && f->a[0].root;
	if (sb != NULL && sb->nstr > 0) {
		shell_scan(sb, &val.pend);
		for (k = 0; k < f->held.n; k++)
			findings_add(&val.pend, f->held.v[k].rule,
			    f->held.v[k].offset);
	}
	val.part = f->held_part;
	if (f->argi == 0)
		value_of_name(sc, &f->a[0], &val);
	vars_forget(&sc->vars, f->name_off, f->name_len);
	vars_hold(&sc->vars, f->name_off, f->name_len, &val);
}

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
static int
keeps_path(const struct scan *sc, const struct frame *f)
{
	static const char *const names[] = {
		"expanduser", "expandvars", "abspath", "realpath", "normpath",
		"Path", "PosixPath", "PurePath", "PurePosixPath", "fspath",
		"str", "getenv", "get", "resolve", "normalize", "absolute",
		"String", NULL,
	};
	size_t k;

	for (k = 0; names[k] != NULL; k++)
		if (text_is(sc, f->off, f->callee_len, names[k]))
			return 1;
	return 0;
}

/*
 * Is the value of the bracket that closes / or the home directory? Only
 * where it passes its argument's value on: x.rstrip("/") is not "/".
 */
static int
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
	return f->callee_len > 0 && keeps_path(sc, f) &&
	    (a0->root || a0->home_var);
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

static int
parse_number(const char *p, size_t n, unsigned long *v)
{
	unsigned base = 10;
	size_t i = 0;

	*v = 0;
	if (n >= 2 && p[0] == '0' && (p[1] == 'o' || p[1] == 'O')) {
		base = 8;
		i = 2;
	} else if (n >= 2 && p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		i = 2;
	} else if (n >= 2 && p[0] == '0')
		base = 8;
	for (; i < n; i++) {
		int c = ascii_lower((unsigned char)p[i]), d;

		if (c == '_')
			continue;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else
			return 0;
		if ((unsigned)d >= base || *v > 0xffffffffUL)
			return 0;
		*v = *v * base + (unsigned long)d;
	}
	return 1;
}

static void
finish_shell(struct scan *sc, const struct frame *f)
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
		if (text_is(sc, f->off, f->callee_len, names[k]))
			return 1;
	return 0;
}

static void
finish_call(struct scan *sc, const struct frame *f)
{
	const struct arg *a0 = &f->a[0], *a1 = &f->a[1];
	unsigned long mode = 0;
	int has_mode;
	unsigned nargs = f->argi + (f->cur_ntok > 0);

	if (sc->loops.nwalks > 0 && is_deletion(sc, f)) {
		add(sc, R_RM_ROOT, f->off);
		return;
	}
	switch (f->kind) {
	case K_SHELL:
		finish_shell(sc, f);
		/* os.system(b64decode(...)): the command line itself is hidden */
		if ((f->callee == I_SYSTEM || f->callee == I_EXEC1) &&
		    (a0->seen & SEEN_DECODER))
			add(sc, R_DECODE_EXEC, f->off);
		if ((f->callee == I_SYSTEM || f->callee == I_EXEC1) &&
		    (a0->seen & SEEN_DOWNLOAD))
			add(sc, R_DOWNLOAD_EXEC, f->off);
		break;
	case K_EVAL:
		if ((f->seen | f->then_seen) & SEEN_DECODER)
			add(sc, R_DECODE_EXEC, f->off);
		if ((f->seen | f->then_seen) & SEEN_DOWNLOAD)
			add(sc, R_DOWNLOAD_EXEC, f->off);
		break;
	case K_PROCESS:
		/* multiprocessing.Process(target=...), not psutil.Process(pid) */
		if (f->qual == Q_MULTIPROCESSING || f->kw_target)
			loops_fork(&sc->loops, f->off);
		break;
	case K_WALK:
		if (arg_rootish(a0))
			sc->walk_line = 1;
		break;
	case K_OPEN: {
		const struct arg *m = f->path_shift ? a0 : a1;
		int sys = f->path_shift ? f->path_sys : arg_system(sc, a0);
		int writes = (arg_is_lit(m) &&
		    lit_has_any(sc, m->lit_off, m->lit_len, "wax+")) ||
		    (f->has_mode &&
		    lit_has_any(sc, f->mode_off, f->mode_len, "wax+")) ||
		    (m->seen & SEEN_OWRITE);

		if (sys && writes)
			add(sc, R_SYS_WRITE, f->off);
		break;
	}
	case K_WRITE:
		if (arg_system(sc, a0))
			add(sc, R_SYS_WRITE, f->off);
		break;
	case K_REMOVE:
		/* shelljs: rm("-rf", "/") */
		if (arg_is_lit(a0) && a0->lit_len >= 2 &&
		    sc->code[a0->lit_off] == '-' &&
		    lit_has_any(sc, a0->lit_off, a0->lit_len, "rR") &&
		    arg_rootish(a1))
			add(sc, R_RM_ROOT, f->off);
		else if (arg_rootish(a0) && (f->seen & SEEN_RECURSIVE))
			add(sc, R_RM_ROOT, f->off);
		else if (arg_system(sc, a0))
			add(sc, R_SYS_WRITE, f->off);
		break;
	case K_RMTREE:
		if (arg_rootish(a0))
			add(sc, R_RM_ROOT, f->off);
		else if (arg_system(sc, a0))
			add(sc, R_SYS_WRITE, f->off);
		break;
	case K_RENAME:
		if (arg_system(sc, a0) || arg_system(sc, a1))
			add(sc, R_SYS_WRITE, f->off);
		break;
	case K_COPY:
		if (arg_system(sc, a1))
			add(sc, R_SYS_WRITE, f->off);
		break;
	case K_CHMOD:
		has_mode = arg_mode(sc, a1, &mode);
		if ((arg_rootish(a0) && nargs >= 2) || arg_sensitive(sc, a0) ||
		    (arg_system(sc, a0) && has_mode && (mode & 2)) ||
		    (has_mode && (mode & 06000)) || (a1->seen & SEEN_SUID))
			add(sc, R_PRIV_CHANGE, f->off);
		break;
	case K_CHOWN:
		if ((arg_rootish(a0) && nargs >= 2) || arg_system(sc, a0))
			add(sc, R_PRIV_CHANGE, f->off);
		break;
	case K_SETUID:
		if ((a0->num_ok && a0->num == 0) || (arg_is_lit(a0) &&
		    text_is(sc, a0->lit_off, a0->lit_len, "root")))
			add(sc, R_PRIV_CHANGE, f->off);
		break;
	case K_ESCAPE:
		add(sc, R_SANDBOX_ESCAPE, f->off);
		break;
	case K_MOUNT:
		/*
		 * mount(2) by ctypes takes five arguments, a web app's mount()
		 * two; and a ctypes function refuses keyword arguments, which
		 * app.mount("/static", ..., name="static") passes.
		 */
		if (!f->kw && nargs >= (f->callee == I_MOUNT ? 4u : 1u))
			add(sc, R_SANDBOX_ESCAPE, f->off);
		break;
	case K_DUP2:
		if (f->seen & SEEN_FILENO)
			sc->fileno_dup = 1;
		break;
	case K_PATH:
		if (arg_is_lit(a0)) {
			const char *p = sc->code + a0->lit_off;

			sc->chain_sys = path_is_system(p, a0->lit_len);
			sc->chain_root = path_is_rootish(p, a0->lit_len, 0);
			sc->chain_sens = path_is_sensitive(p, a0->lit_len);
			if (sc->chain_sys || sc->chain_root || sc->chain_sens)
				sc->chain = CH_PATH;
		}
		break;
	default:
		break;
	}
}

/* while (true), while (1), while (!0), for (;;) */
static int
endless(const struct frame *f)
{
	switch (f->loopcond) {
	case LC_WHILE:
		return (f->cond_n == 1 && f->cond_sig[0] == CT_TRUE) ||
		    (f->cond_n == 2 && f->cond_sig[0] == CT_NOT &&
		    f->cond_sig[1] == CT_ZERO);
	case LC_FOR:
		return f->cond_n == 2 && f->cond_sig[0] == CT_SEMI &&
		    f->cond_sig[1] == CT_SEMI;
	case LC_NONE:
		break;
	}
	return 0;
}

static void
pop_frame(struct scan *sc)
{
	/* Nothing below pushes a frame, so the popped one stays in place. */
	const struct frame *f = &sc->fr[--sc->nfr];
	struct frame *parent = top(sc);
	struct arg *pa;

	sc->innermost[f->open] = f->below;

	if (f->open == FR_ASSIGN) {
		finish_assignment(sc, f);
		findings_free(&sc->fr[sc->nfr].held);
	}
	else if (f->open == FR_TAGGED)
		finish_shell(sc, f);
	else if (f->is_call)
		finish_call(sc, f);
	if (!sc->py)
		loops_unwind(&sc->loops, sc->nfr, sc->out);
	if (f->owns_buf)
		sc->nbuf--;
	if (f->kind == K_SHELL || f->open == FR_TAGGED)
		sc->in_shell--;
	if (f->kind == K_EVAL)
		sc->in_eval--;
	if (endless(f))
		sc->pending_loop = PL_CONDITION;
	if (f->loopcond == LC_FOR)
		for_of(sc);
	sc->chain_seen = f->outer_chain | f->seen;
	if (parent == NULL || f->open == FR_ASSIGN)
		return;
	/* [["sudo", "id"], ["ls"]]: a list of commands, not one */
	if (is_list(f) && is_list(parent) && f->collect && parent->collect)
		shbuf_sep(frame_buf(sc, parent));
	parent->seen |= f->seen;
	parent->cur_ntok += 2;
	if (parent->argi < NARGS) {
		pa = &parent->a[parent->argi];
		pa->ntok += 2;
		pa->seen |= f->seen;
		pa->root = frame_is_root(sc, f);
		pa->home_var = 0;
		pa->is_name = 0;
	}
}

/* Pop frames up to and including the innermost one opened by `open`, if any. */
static void
pop_to(struct scan *sc, enum frame_open open)
{
	size_t k = sc->innermost[open];

	/* A template or tagged template ends only at its own chunk. */
	if (k == 0 || sc->untracked_tpl > 0 ||
	    sc->innermost[FR_TEMPLATE] > k || sc->innermost[FR_TAGGED] > k)
		return;
	while (sc->nfr >= k)
		pop_frame(sc);
}

/* The argument so far is a name or a dotted name: a, os.system. */
static void
follow_name(struct arg *a, const struct recent *r)
{
	if (r->kind == TOK_IDENT && (a->ntok == 1 ||
	    (a->is_name && a->name_dot))) {
		if (a->ntok == 1) {
			a->name_off = r->start;
			a->name_len = r->end - r->start;
			a->name_hash = r->hash;
		}
		a->is_name = 1;
		a->name_dot = 0;
		a->name_id = r->id;
		a->name_qual = r->qual;
	} else if (r->kind == TOK_OP && r->op == '.' && a->is_name &&
	    !a->name_dot)
		a->name_dot = 1;
	else
		a->is_name = 0;
}

/* A token directly inside the top frame: the call's argument summary. */
static void
count(struct scan *sc, const struct recent *r, unsigned seen)
{
	struct frame *f = top(sc);
	struct arg *a;

	if (f == NULL)
		return;
	f->seen |= seen;
	f->cur_ntok++;
	if (f->loopcond != LC_NONE && f->cond_n < 3) {
		enum cond_token sig = CT_OTHER;

		if (r->id == I_TRUE || r->one)
			sig = CT_TRUE;
		else if (r->kind == TOK_OP && r->op == '!')
			sig = CT_NOT;
		else if (r->kind == TOK_NUMBER && r->end - r->start == 1 &&
		    sc->code[r->start] == '0')
			sig = CT_ZERO;
		else if (r->kind == TOK_OP && r->op == ';')
			sig = CT_SEMI;
		f->cond_sig[f->cond_n] = sig;
	}
	if (f->loopcond != LC_NONE)
		f->cond_n++;
	if (f->argi >= NARGS)
		return;
	a = &f->a[f->argi];
	a->ntok++;
	a->seen |= seen;
	a->is_str = 0;
	a->num_ok = 0;
	a->root = a->home_var = 0;
	if (a->ntok == 1 && r->kind == TOK_NUMBER)
		a->num_ok = parse_number(sc->code + r->start, r->end - r->start,
		    &a->num);
	follow_name(a, r);
}

/* mode & ~stat.S_ISUID clears the bit: only mode | stat.S_ISUID sets it. */
static int
in_complement(struct scan *sc)
{
	const struct frame *f = top(sc);

	return sc->complement ^ (f != NULL && f->complement);
}

static unsigned
ident_bits(struct scan *sc, const struct recent *r)
{
	switch (r->id) {
	case I_DECODER:
		return SEEN_DECODER;
	case I_DECODE:
		return r->qual == Q_CODECS ? SEEN_DECODER : 0;
	case I_LOADS:
		return r->qual == Q_MARSHAL ? SEEN_DECODER : 0;
	case I_DOWNLOAD:
		return SEEN_DOWNLOAD;
	case I_RECURSIVE:
		return SEEN_RECURSIVE;
	case I_OWRITE:
		return SEEN_OWRITE;
	case I_SUID:
		return in_complement(sc) ? 0 : SEEN_SUID;
	case I_FILENO:
		return SEEN_FILENO;
	default:
		return 0;
	}
}

/* Unknown callees whose arguments are prose: ValueError, assertIn... */
static int
prose_name(const struct scan *sc, const struct recent *r)
{
	size_t o = r->start, l = r->end - r->start;

	if (text_ends(sc, o, l, "Error") || text_ends(sc, o, l, "Exception") ||
	    text_ends(sc, o, l, "Warning") || text_starts(sc, o, l, "assert"))
		return 1;
	return !sc->py && l > 2 && text_starts(sc, o, l, "to") &&
	    sc->code[o + 2] >= 'A' && sc->code[o + 2] <= 'Z';
}

static enum kind
kind_of(const struct scan *sc, const struct recent *c)
{
	enum kind k = call_kind(sc->py, c->id, c->qual);

	return k == K_CALL && c->id == I_OTHER && prose_name(sc, c) ? K_PROSE :
	    k;
}

static int
callable(enum ident id)
{
	return !(id == I_KEYWORD || id == I_WHILE || id == I_FOR ||
	    id == I_BLOCKER || id == I_DECL || id == I_DEF || id == I_TRUE);
}

static void
open_paren(struct scan *sc, const struct token *t)
{
	const struct recent *p = &sc->prev;
	struct frame *f, *parent = top(sc);
	int is_call, parent_collect = parent != NULL && parent->collect;
	enum kind kind = K_NONE;
	int chain = sc->chain == CH_METHOD;

	is_call = (p->kind == TOK_IDENT && callable(p->id) &&
	    !(sc->prev2.kind == TOK_IDENT && sc->prev2.id == I_DEF)) ||
	    (p->kind == TOK_OP && (p->op == ')' || p->op == ']'));
	if (is_call)
		kind = p->kind == TOK_IDENT ? kind_of(sc, p) : K_CALL;
	if (chain) {
		sc->chain = CH_NONE;
		switch (sc->chain_method) {
		case I_WRITEFILE:
		case I_REMOVE:
		case I_RENAME:
			if (sc->chain_sys)
				add(sc, R_SYS_WRITE, sc->chain_off);
			break;
		case I_CHMOD:
			if (sc->chain_sys || sc->chain_root || sc->chain_sens)
				add(sc, R_PRIV_CHANGE, sc->chain_off);
			break;
		case I_OPEN:
			kind = K_OPEN;
			break;
		case I_WALK:
			/* Path("/").rglob("*") */
			if (sc->chain_root)
				sc->walk_line = 1;
			chain = 0;
			break;
		default:
			chain = 0;
			break;
		}
	}
	f = push_frame(sc, FR_PAREN);
	f->complement ^= sc->complement;
	f->is_call = is_call;
	f->kind = kind;
	f->off = is_call && p->kind == TOK_IDENT ? p->start : t->start;
	if (is_call) {
		f->callee = p->id;
		f->qual = p->qual;
		if (p->kind == TOK_IDENT)
			f->callee_len = p->end - p->start;
		/* help=dedent("..."): still the enclosing prose */
		f->prose = kind == K_PROSE || (p->kind == TOK_IDENT &&
		    p->id == I_TEXTFN && f->prose);
		f->collect = 0;
		f->buf = -1;
	} else
		f->collect = parent_collect;
	if (chain && kind == K_OPEN) {
		f->path_shift = 1;
		f->path_sys = sc->chain_sys;
	}
	if (is_call && p->kind == TOK_IDENT && p->id == I_THEN)
		f->then_seen |= f->outer_chain;
	if (!sc->py && p->kind == TOK_IDENT && p->id == I_WHILE)
		f->loopcond = LC_WHILE;
	else if (!sc->py && p->kind == TOK_IDENT && p->id == I_FOR)
		f->loopcond = LC_FOR;
	switch (kind) {
	case K_SHELL:
		f->buf = new_buf(sc);
		f->owns_buf = 1;
		sc->in_shell++;
		if (sc->py && p->id == I_OSEXEC)
			f->skip = 1;
		else if (sc->py && p->id == I_OSSPAWN)
			f->skip = 2;
		f->collect = f->skip == 0;
		f->argv = p->id == I_OSEXEC || p->id == I_OSSPAWN ||
		    p->id == I_ARGVEXEC || (sc->py && p->id == I_SPAWN &&
		    p->qual == Q_PTY) || p->id == I_EXEC2;
		if (!sc->py)
			f->arity = p->id == I_EXEC1 ? 1 : 2;
		if (sc->py && p->id == I_SPAWN && p->qual == Q_PTY)
			f->revsite = 1;
		/* Python: Popen and posix_spawn do not wait for the child */
		if (!sc->py || p->id == I_POPEN || (p->id == I_OSEXEC &&
		    text_starts(sc, p->start, p->end - p->start, "posix_spawn")))
			loops_fork(&sc->loops, f->off);
		break;
	case K_SPLIT:
		/* subprocess.run(shlex.split("...")): the text is the command */
		if (parent_collect) {
			f->buf = parent->buf;
			f->collect = 1;
			shbuf_unhole(frame_buf(sc, f), p->qual != I_NONE ?
			    sc->prev3.start : p->start);
		}
		break;
	case K_EVAL:
		sc->in_eval++;
		break;
	case K_FORK:
		loops_fork(&sc->loops, f->off);
		break;
	case K_PIPE:
		sc->saw_pipe = 1;
		break;
	default:
		break;
	}
}

static void
on_op(struct scan *sc, const struct token *t, const struct recent *r)
{
	struct frame *f = top(sc);
	const struct recent *p = &sc->prev;
	int subscript;

	switch (t->op) {
	case '(':
		open_paren(sc, t);
		return;
	case '[':
		subscript = p->kind == TOK_IDENT || p->kind == TOK_STRING ||
		    (p->kind == TOK_OP && (p->op == ')' || p->op == ']'));
		if (f != NULL && f->collect && subscript)
			shbuf_hole(frame_buf(sc, f), t->start);
		f = push_frame(sc, FR_BRACKET);
		f->collect = !subscript && f->buf >= 0 && sc->nfr >= 2 &&
		    sc->fr[sc->nfr - 2].collect;
		f->off = t->start;
		return;
	case '{':
		if (f != NULL && f->collect)
			shbuf_hole(frame_buf(sc, f), t->start);
		f = push_frame(sc, FR_BRACE);
		f->off = t->start;
		f->prose = 0;	/* a block is code, even in it("x", () => {}) */
		if (sc->pending_loop == PL_BLOCK) {
			f->is_loop = 1;
			loops_open(&sc->loops, 0, sc->nfr, 0);
		}
		sc->stmt_start = 1;
		return;
	case ')':
		pop_to(sc, FR_PAREN);
		return;
	case ']':
		pop_to(sc, FR_BRACKET);
		return;
	case '}':
		pop_to(sc, FR_BRACE);
		sc->stmt_start = 1;
		return;
	case ',':
		if (f == NULL)
			return;
		if (f->open == FR_ASSIGN && !sc->py) {
			pop_frame(sc);
			return;
		}
		f->argi++;
		f->cur_ntok = 0;
		f->prose_arg = 0;
		f->kw_mode = 0;
		f->stdio_key = 0;
		if (f->owns_buf && f->skip > 0 &&
		    f->argi == (unsigned)f->skip && !f->kw)
			f->collect = 1;
		else if (f->owns_buf && f->arity > 0 &&
		    f->argi >= (unsigned)f->arity)
			f->collect = 0;
		else if (f->collect)
			shbuf_space(frame_buf(sc, f));
		return;
	case ';':
		while ((f = top(sc)) != NULL && f->open == FR_ASSIGN)
			pop_frame(sc);
		if (!sc->py)
			loops_end_statement(&sc->loops, sc->nfr, sc->out);
		if (f != NULL && f->loopcond != LC_NONE)
			count(sc, r, 0);
		sc->stmt_start = 1;
		return;
	case '=':
		if (f != NULL && f->is_call && sc->py && p->kind == TOK_IDENT &&
		    (sc->prev2.kind == TOK_OP &&
		    (sc->prev2.op == '(' || sc->prev2.op == ','))) {
			f->kw = 1;
			f->argi = NARGS;
			if (f->owns_buf)
				f->collect = 0;
			f->kw_mode = text_is(sc, p->start, p->end - p->start,
			    "mode");
			f->kw_target |= text_is(sc, p->start, p->end - p->start,
			    "target");
			f->prose_arg = p->id == I_PROSEKEY;
			return;
		}
		if (sc->lhs == LHS_NAME &&
		    (f == NULL || (!sc->py && f->open == FR_BRACE))) {
			f = push_frame(sc, FR_ASSIGN);
			f->name_off = sc->lhs_off;
			f->name_len = sc->lhs_len;
			f->buf = new_buf(sc);
			f->owns_buf = 1;
			f->collect = 1;
			f->prose = 0;
			return;
		}
		break;
	case ':':
		if (sc->py && f == NULL && sc->line[0].id == I_WHILE &&
		    ((sc->line_n == 2 && is_truthy(&sc->line[1])) ||
		    (sc->line_n == 4 && sc->line[1].op == '(' &&
		    is_truthy(&sc->line[2]) && sc->line[3].op == ')'))) {
			loops_open(&sc->loops, sc->indent, 0, 0);
			return;
		}
		if (sc->py && f == NULL && sc->line_n >= 4 &&
		    text_is(sc, sc->line[0].start,
		    sc->line[0].end - sc->line[0].start, "for")) {
			if (sc->line_n == 4)
				loop_var(sc, &sc->line[1], &sc->line[2],
				    &sc->line[3]);
			if (sc->walk_line)
				loops_walk(&sc->loops, sc->indent);
			return;
		}
		if (!sc->py && f != NULL && f->open == FR_BRACE &&
		    p->kind == TOK_IDENT && p->id == I_STDIO)
			f->stdio_key = 1;
		if (f != NULL &&
		    ((p->kind == TOK_IDENT && p->id == I_PROSEKEY) ||
		    (p->kind == TOK_STRING && p->cend - p->cstart < 16 &&
		    ident_id(sc, p->cstart, p->cend,
		    lex_hash((const unsigned char *)sc->code + p->cstart,
		    p->cend - p->cstart)) == I_PROSEKEY)))
			f->prose_arg = 1;
		break;
	default:
		break;
	}
	if (f != NULL && f->collect && t->op != '+')
		shbuf_hole(frame_buf(sc, f), t->start);
	count(sc, r, 0);
}

/*
 * Does what a name holds reach the frame f, as it stands here? It does in
 * an eval, a shell or a dup2, and at the head of an assignment's value
 * (code = payload.decode(), code = await res.text()); elsewhere the name
 * is at most an argument of something else (n = len(payload)).
 */
static int
taint_flows(const struct scan *sc, const struct frame *f)
{
	if (sc->in_eval > 0 || sc->in_shell > 0)
		return 1;
	if (f == NULL)
		return 0;
	if (f->kind == K_DUP2)
		return 1;
	return f->open == FR_ASSIGN && f->argi == 0 && (f->cur_ntok == 0 ||
	    (f->cur_ntok == 1 && sc->prev.kind == TOK_IDENT &&
	    text_is(sc, sc->prev.start, sc->prev.end - sc->prev.start,
	    "await")));
}

/* then(eval): the promise's value is run. */
static void
then_eval(struct scan *sc, const struct frame *f, const struct token *t)
{
	const struct recent *p = &sc->prev;

	if (f == NULL || !f->is_call || f->callee != I_THEN ||
	    p->kind != TOK_OP || (p->op != '(' && p->op != ','))
		return;
	if (f->then_seen & SEEN_DOWNLOAD)
		add(sc, R_DOWNLOAD_EXEC, t->start);
	if (f->then_seen & SEEN_DECODER)
		add(sc, R_DECODE_EXEC, t->start);
}

/*
 * JS: a name in the stdio option of a child_process call, as in
 * spawn("/bin/sh", [], { stdio: [sock, sock, sock] }).
 */
static void
stdio_name(struct scan *sc, const struct token *t)
{
	size_t k = sc->innermost[FR_BRACE];
	size_t n = t->end - t->start;

	if (k < 2 || !sc->fr[k - 1].stdio_key || sc->fr[k - 2].kind != K_SHELL ||
	    text_is(sc, t->start, n, "null") ||
	    text_is(sc, t->start, n, "undefined"))
		return;
	sc->fr[k - 2].stdio_name = 1;
}

/* process.env.HOME */
static int
env_home(const struct scan *sc, const struct token *t)
{
	size_t n = t->end - t->start;

	return sc->prev.kind == TOK_OP && sc->prev.op == '.' &&
	    sc->prev2.kind == TOK_IDENT &&
	    text_is(sc, sc->prev2.start, sc->prev2.end - sc->prev2.start,
	    "env") && (text_is(sc, t->start, n, "HOME") ||
	    text_is(sc, t->start, n, "USERPROFILE"));
}

static void
on_ident(struct scan *sc, const struct token *t, const struct recent *r)
{
	struct frame *f = top(sc);
	struct var *v = NULL;
	unsigned bits = ident_bits(sc, r);

	if (f != NULL && f->collect)
		shbuf_hole(frame_buf(sc, f), t->start);
	if (sc->vars.npend + sc->vars.ntaint + sc->vars.nroot +
	    sc->vars.npart > 0)
		v = vars_find_hashed(&sc->vars, t->start, t->end - t->start,
		    t->hash);
	if (v != NULL && v->taint != 0 && taint_flows(sc, f))
		bits |= v->taint;
	count(sc, r, bits);
	if (!(sc->prev.kind == TOK_OP && sc->prev.op == '.'))
		sc->chain_seen = 0;
	sc->chain_seen |= bits | (v != NULL ? v->taint : 0);
	switch (r->id) {
	case I_BLOCKER:
	case I_EXIT:
		loops_block(&sc->loops);
		break;
	case I_CONNECT:
		sc->saw_connect = 1;
		break;
	case I_NET:
		sc->saw_net = 1;
		break;
	case I_MINER:
		add(sc, R_CRYPTO_MINER, t->start);
		break;
	case I_EVAL:
		if (!sc->py)
			then_eval(sc, f, t);
		break;
	case I_OTHER:
		if (!sc->py)
			stdio_name(sc, t);
		break;
	default:
		break;
	}
	if (v != NULL && v->pend.n > 0 && sc->in_shell > 0)
		promote(sc, v);
	if (v != NULL && v->part != PART_NONE)
		wait_part(sc, v->part, t->start, 1);
	if (f != NULL && f->argi < NARGS && ((v != NULL && v->root &&
	    r->qual == I_NONE) || env_home(sc, t)))
		f->a[f->argi].root = 1;
}

/* A path component that the next token judges: ".ssh", ".config". */
static void
wait_part(struct scan *sc, enum path_part kind, size_t off, int from_name)
{
	const struct frame *f = top(sc);

	memset(&sc->part, 0, sizeof(sc->part));
	sc->part.kind = kind;
	sc->part.off = off;
	sc->part.from_name = from_name;
	if (from_name || f == NULL)
		return;
	if (f->open == FR_ASSIGN)
		sc->part.assign = sc->nfr;
	else if (f->is_call && sc->nfr >= 2 && sc->fr[sc->nfr - 2].open == FR_ASSIGN)
		sc->part.assign = sc->nfr - 1;
}

/*
 * The literal code[off..off+len) where its markers count; the shape of
 * :(){ :|:& };: too, with shapes (a name it is assigned to carries that
 * to the shell it reaches, if any).
 */
static void
scan_marks(struct scan *sc, size_t off, size_t len, int shapes)
{
	enum path_part kind = path_part_kind(sc->code + off, len);

	if (kind == PART_CRED)
		add(sc, R_CRED_READ, off);
	else if (kind != PART_NONE)
		wait_part(sc, kind, off, 0);
	else
		marks_scan(sc->code, off, len, shapes, sc->out);
}

/* The assignment whose value the literal in frame f is part of, if any. */
static struct frame *
assigned_to(struct scan *sc, const struct frame *f)
{
	size_t k = sc->innermost[FR_ASSIGN];

	if (k == 0 || !f->collect || sc->fr[k - 1].buf != f->buf)
		return NULL;
	return &sc->fr[k - 1];
}

/*
 * Prose carries no findings where it goes nowhere: HELP = "..." or a
 * message. Its markers still count in a shell or eval, and wait with the
 * name it is assigned to, for the name to reach one. Most literals have
 * no marker at all, so the markers are looked for before the prose.
 */
static void
scan_literal(struct scan *sc, struct frame *f, size_t off, size_t len)
{
	struct frame *a = f != NULL ? assigned_to(sc, f) : NULL;
	struct findings *tmp = &sc->marks, *to;
	int hot = sc->in_shell > 0 || sc->in_eval > 0;
	size_t k;

	if (path_part_kind(sc->code + off, len) != PART_NONE) {
		scan_marks(sc, off, len, 0);	/* one word, never prose */
		return;
	}
	tmp->n = 0;
	marks_scan(sc->code, off, len, hot || a == NULL, tmp);
	if (tmp->n == 0)
		return;
	if (hot || !plain_prose(sc->code + off, len) ||
	    (a == NULL && f != NULL && f->collect))
		to = sc->out;
	else if (a != NULL)
		to = &a->held;
	else
		return;
	for (k = 0; k < tmp->n; k++)
		findings_add(to, tmp->v[k].rule, tmp->v[k].offset);
}

static int
ends_statement(const struct scan *sc, const struct token *t)
{
	if (t->kind == TOK_NEWLINE || t->kind == TOK_EOF ||
	    (t->kind == TOK_OP && (t->op == ';' || (!sc->py && t->op == '}'))))
		return 1;
	return !sc->py && (t->flags & TOKF_NL_BEFORE) &&
	    !js_continues(&sc->prev, t);
}

/*
 * ssh = home / ".ssh", ssh = os.path.join(home, ".ssh"): the statement
 * ends with the part, which the name holds until a use of it decides.
 */
static int
hold_part(struct scan *sc, const struct token *t)
{
	const struct frame *f = top(sc);
	size_t k = sc->part.assign;

	if (k == 0 || sc->part.after_sep)
		return 0;
	if (t->kind == TOK_OP && t->op == ')' && !sc->part.closed &&
	    f != NULL && f->is_call && sc->nfr == k + 1 &&
	    (keeps_path(sc, f) ||
	    text_is(sc, f->off, f->callee_len, "join"))) {
		sc->part.closed = 1;
		return 1;
	}
	if (sc->nfr != k || sc->innermost[FR_ASSIGN] != k ||
	    !ends_statement(sc, t))
		return 0;
	sc->fr[k - 1].held_part = sc->part.kind;
	sc->part.kind = PART_NONE;
	return 1;
}

/* The part after ".ssh" or ".config" decides; t is the next token. */
static void
advance_part(struct scan *sc, const struct token *t)
{
	const char *next = sc->code + t->cstart;
	size_t n = t->cend - t->cstart;
	int is_next = sc->part.after_sep && t->kind == TOK_STRING;

	if (sc->part.kind == PART_NONE)
		return;
	if (!sc->part.after_sep && t->kind == TOK_OP &&
	    (t->op == ',' || t->op == '/')) {
		sc->part.after_sep = 1;
		return;
	}
	if (hold_part(sc, t))
		return;
	if (sc->part.from_name && t->kind == TOK_OP && t->op == '=') {
		sc->part.kind = PART_NONE;	/* the name is assigned anew */
		return;
	}
	if (sc->part.kind == PART_SSH &&
	    !(is_next && ssh_file_is_public(next, n)))
		add(sc, R_CRED_READ, sc->part.off);
	else if (sc->part.kind == PART_CONFIG && is_next &&
	    path_part_is_gcloud(next, n))
		add(sc, R_CRED_READ, t->cstart);
	sc->part.kind = PART_NONE;
}

static int
decoder_literal(const struct scan *sc, const struct token *t)
{
	static const char *const names[] = {
		"base64", "base64url", "base32", "hex", "rot13", "rot_13",
		"zlib", "bz2", "uu", NULL,
	};
	size_t k, n = t->cend - t->cstart;

	for (k = 0; names[k] != NULL; k++)
		if (n == strlen(names[k]) &&
		    lower_eq(sc->code + t->cstart, names[k], n))
			return 1;
	return 0;
}

static void
on_string(struct scan *sc, const struct token *t, const struct recent *r)
{
	struct frame *f = top(sc);
	struct arg *a;
	size_t len = t->cend - t->cstart;
	unsigned how = 0;
	int tagged = !sc->py && sc->prev.kind == TOK_IDENT &&
	    sc->prev.id == I_DOLLAR && sc->code[t->start] == '`' &&
	    !(t->flags & TOKF_TPL_CONT) && sc->nfr < DEPTH_MAX;

	if (t->flags & TOKF_TPL_CONT) {
		size_t k = sc->innermost[FR_TEMPLATE];

		if (sc->untracked_tpl > 0)
			sc->untracked_tpl--;
		else if (k != 0)
			while (sc->nfr >= k)
				pop_frame(sc);
		f = top(sc);
	}
	if (tagged) {
		f = push_frame(sc, FR_TAGGED);
		f->off = sc->prev.start;
		f->buf = new_buf(sc);
		f->owns_buf = 1;
		f->collect = 1;
		f->prose = 0;
		sc->in_shell++;
	}

	if (sc->py && (t->flags & TOKF_LINE_START) && f == NULL) {
		sc->deferred = *t;	/* a docstring if the line ends here */
		sc->has_deferred = 1;
	} else if (f == NULL || !(f->prose || f->prose_arg))
		scan_literal(sc, f, t->cstart, len);

	if (t->flags & TOKF_RAW)
		how |= SHB_RAW;
	if (t->flags & TOKF_FSTRING)
		how |= SHB_FSTRING;
	if (f != NULL && (f->open == FR_BRACKET || f->argv) &&
	    !(t->flags & (TOKF_TPL_OPEN | TOKF_TPL_CONT)))
		how |= SHB_ARGV;
	if (f != NULL && f->collect)
		shbuf_text(frame_buf(sc, f), sc->code, t->cstart, len, how);
	if (f != NULL) {
		count(sc, r, 0);
		a = f->argi < NARGS ? &f->a[f->argi] : NULL;
		if (a != NULL && a->ntok == 1) {
			a->is_str = 1;
			a->lit_off = t->cstart;
			a->lit_len = len;
			a->root = path_is_rootish(sc->code + t->cstart, len, 0);
			a->home_var = !a->root &&
			    path_is_rootish(sc->code + t->cstart, len, 1);
		}
		if (f->kw_mode) {
			f->has_mode = 1;
			f->mode_off = t->cstart;
			f->mode_len = len;
		}
		/* Buffer.from(s, "base64"), also kept by the name assigned */
		if ((sc->in_eval > 0 || sc->in_shell > 0 ||
		    (sc->innermost[FR_ASSIGN] != 0 && f->is_call &&
		    text_is(sc, f->off, f->callee_len, "from"))) &&
		    decoder_literal(sc, t)) {
			f->seen |= SEEN_DECODER;
			if (f->argi < NARGS)
				f->a[f->argi].seen |= SEEN_DECODER;
		}
	}
	if ((t->flags & TOKF_TPL_OPEN) &&
	    (sc->untracked_tpl > 0 || sc->nfr >= DEPTH_MAX)) {
		/* Counted, like brackets past the limit: a template opened
		 * in one of these is counted too, so the order holds. */
		sc->untracked_tpl++;
	} else if (t->flags & TOKF_TPL_OPEN) {
		int collect = (f = top(sc)) != NULL && f->collect;

		f = push_frame(sc, FR_TEMPLATE);
		f->off = t->start;
		f->collect = collect;
	} else if ((f = top(sc)) != NULL && f->open == FR_TAGGED)
		pop_frame(sc);
}

static void
on_value(struct scan *sc, const struct token *t, const struct recent *r)
{
	struct frame *f = top(sc);

	if (f != NULL && f->collect)
		shbuf_hole(frame_buf(sc, f), t->start);
	count(sc, r, 0);
}

static void
pop_all(struct scan *sc)
{
	while (sc->nfr > 0)
		pop_frame(sc);
}

/* Python: a logical line starts at this indentation; deeper loops ended. */
static void
line_start(struct scan *sc, unsigned indent)
{
	loops_dedent(&sc->loops, indent, sc->out);
	sc->walk_line = 0;
	sc->indent = indent;
	sc->line_n = 0;
	sc->stmt_start = 1;
}

/* JS: does the statement go on after a line break before t? */
static int
js_continues(const struct recent *prev, const struct token *t)
{
	if (prev->kind == TOK_OP && prev->op != ')' && prev->op != ']' &&
	    prev->op != '}')
		return 1;
	if (t->kind != TOK_OP)
		return 0;
	return t->op >= 256 || strchr(".+-*/%?:|&,<>=", t->op) != NULL;
}

static void
feed_lhs(struct scan *sc, const struct recent *r)
{
	if (sc->stmt_start) {
		sc->lhs = LHS_START;
		sc->stmt_start = 0;
	}
	switch (sc->lhs) {
	case LHS_START:
	case LHS_DECL:
		if (r->kind == TOK_IDENT && r->id == I_DECL &&
		    sc->lhs == LHS_START && !sc->py)
			sc->lhs = LHS_DECL;
		else if (r->kind == TOK_IDENT && callable(r->id) &&
		    r->id != I_KEYWORD) {
			sc->lhs = LHS_NAME;
			sc->lhs_off = r->start;
			sc->lhs_len = r->end - r->start;
		} else
			sc->lhs = LHS_NONE;
		break;
	case LHS_NAME:
		sc->lhs = r->kind == TOK_OP && r->op == '.' ? LHS_DOT :
		    LHS_NONE;
		break;
	case LHS_DOT:
		if (r->kind == TOK_IDENT) {
			sc->lhs = LHS_NAME;
			sc->lhs_off = r->start;
			sc->lhs_len = r->end - r->start;
		} else
			sc->lhs = LHS_NONE;
		break;
	case LHS_NONE:
		break;
	}
}

static void
advance_chain(struct scan *sc, const struct recent *r)
{
	switch (sc->chain) {
	case CH_PATH:
		sc->chain = r->kind == TOK_OP && r->op == '.' ? CH_DOT :
		    CH_NONE;
		break;
	case CH_DOT:
		if (r->kind == TOK_IDENT) {
			sc->chain = CH_METHOD;
			sc->chain_method = r->id;
			sc->chain_off = r->start;
		} else
			sc->chain = CH_NONE;
		break;
	case CH_METHOD:
		if (!(r->kind == TOK_OP && r->op == '('))
			sc->chain = CH_NONE;
		break;
	case CH_NONE:
		break;
	}
}

static void
step(struct scan *sc, const struct token *t)
{
	struct recent r;
	struct frame *f;
	enum chain_state chain_before = sc->chain;

	if (sc->has_deferred) {
		sc->has_deferred = 0;
		if (t->kind != TOK_NEWLINE && t->kind != TOK_EOF)
			scan_marks(sc, sc->deferred.cstart,
			    sc->deferred.cend - sc->deferred.cstart, 1);
	}
	advance_part(sc, t);
	if (sc->py && (t->flags & TOKF_LINE_START))
		line_start(sc, t->indent);
	if (!sc->py && (t->flags & TOKF_NL_BEFORE)) {
		while ((f = top(sc)) != NULL && f->open == FR_ASSIGN &&
		    !js_continues(&sc->prev, t))
			pop_frame(sc);
		if ((f = top(sc)) == NULL || f->open == FR_BRACE)
			sc->stmt_start = 1;
	}

	memset(&r, 0, sizeof(r));
	r.kind = t->kind;
	r.op = t->op;
	r.start = t->start;
	r.end = t->end;
	r.cstart = t->cstart;
	r.cend = t->cend;
	r.hash = t->hash;
	r.one = t->kind == TOK_NUMBER && t->end - t->start == 1 &&
	    sc->code[t->start] == '1';
	if (t->kind == TOK_IDENT) {
		r.id = ident_id(sc, t->start, t->end, t->hash);
		r.qual = I_NONE;
		if (sc->prev.kind == TOK_OP && sc->prev.op == '.')
			r.qual = sc->prev2.kind == TOK_IDENT ? sc->prev2.id :
			    sc->prev2.kind == TOK_OP && sc->prev2.op == ')' ?
			    Q_EXPR : I_OTHER;
		note_alias(sc, t);
	}

	if (sc->pending_loop == PL_CONDITION) {
		sc->pending_loop = PL_NONE;
		if (t->kind == TOK_OP && t->op == '{')
			sc->pending_loop = PL_BLOCK;
		else
			loops_open(&sc->loops, 0, sc->nfr, 1);
	}
	if (chain_before != CH_NONE)
		advance_chain(sc, &r);

	if (t->kind == TOK_OP && (sc->untracked > 0 || sc->nfr >= DEPTH_MAX)) {
		if (t->op == '(' || t->op == '[' || t->op == '{') {
			sc->untracked++;
			goto done;
		}
		if (sc->untracked > 0 &&
		    (t->op == ')' || t->op == ']' || t->op == '}')) {
			sc->untracked--;
			goto done;
		}
	}
	switch (t->kind) {
	case TOK_IDENT:
		on_ident(sc, t, &r);
		break;
	case TOK_STRING:
		on_string(sc, t, &r);
		break;
	case TOK_NUMBER:
	case TOK_REGEX:
		on_value(sc, t, &r);
		break;
	case TOK_OP:
		on_op(sc, t, &r);
		break;
	case TOK_NEWLINE:
		pop_all(sc);
		sc->untracked = 0;
		sc->stmt_start = 1;
		break;
	case TOK_EOF:
		break;
	}
done:
	if (!(t->kind == TOK_IDENT || (t->kind == TOK_OP && t->op < 256 &&
	    strchr(".()[]", t->op) != NULL)))
		sc->chain_seen = 0;
	if (sc->pending_loop == PL_BLOCK)
		sc->pending_loop = PL_NONE;
	feed_lhs(sc, &r);
	if (t->kind == TOK_OP && t->op == '~')
		sc->complement = !sc->complement;
	else if (!(t->kind == TOK_IDENT || (t->kind == TOK_OP && t->op == '.')))
		sc->complement = 0;
	if (sc->py && sc->line_n < 5)
		sc->line[sc->line_n] = r;
	if (sc->py)
		sc->line_n++;
	sc->prev3 = sc->prev2;
	sc->prev2 = sc->prev;
	sc->prev = r;
}

static void
finish(struct scan *sc)
{
	pop_all(sc);
	loops_free(&sc->loops, sc->out);
	if (sc->has_rev_site &&
	    ((sc->py && sc->saw_connect && sc->fileno_dup) ||
	    (!sc->py && sc->saw_net && (sc->saw_pipe || sc->stdio_sock))))
		add(sc, R_REVERSE_SHELL, sc->rev_site);
}

static void
free_scan(struct scan *sc)
{
	size_t i;

	for (i = 0; i < sc->bufcap; i++)
		shbuf_free(&sc->bufs[i]);
	free(sc->bufs);
	free(sc->fr);
	findings_free(&sc->marks);
	vars_free(&sc->vars);
}

int
validate_scan(const struct lang *lang, const char *code, size_t len,
    struct findings *out)
{
	struct scan sc;
	struct lexer lx;
	struct token t;
	size_t first = out->n;

	if (lang == NULL || lang->name == NULL) {
		errno = EINVAL;
		return -1;
	}
	memset(&sc, 0, sizeof(sc));
	if (strcmp(lang->name, "python") == 0)
		sc.py = 1;
	else if (strcmp(lang->name, "node") != 0) {
		errno = EINVAL;
		return -1;
	}
	sc.code = code;
	sc.len = len;
	sc.out = out;
	sc.stmt_start = 1;
	vars_init(&sc.vars, code);
	lex_init(&lx, sc.py ? LEX_PYTHON : LEX_NODE, code, len);
	do {
		lex_next(&lx, &t);
		step(&sc, &t);
	} while (t.kind != TOK_EOF);
	finish(&sc);
	free_scan(&sc);
	lex_free(&lx);
	findings_locate(out, first, code, len);
	return 0;
}

/*
 * Names and what they hold, as far as a linear scan can follow them: a
 * command line with findings (reported when the name reaches a shell),
 * decoded or downloaded data, a socket's descriptor, / or the home
 * directory, a module or function (import subprocess as sp, sp =
 * subprocess, run = os.system), ~/.ssh waiting for its next part. A name
 * hands what it holds on through NAME = OTHER and through for loops over
 * it; any other assignment makes it forget. The table is scan_vars.c.
 */
#include <string.h>

#include "frames.h"
#include "scan.h"
#include "scan_shell.h"
#include "values.h"

enum ident
value_ident(const struct scan *sc, size_t start, size_t end, unsigned h)
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
void
value_note_alias(struct scan *sc, const struct token *t)
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

/* for c in cmds, for (const c of cmds): c holds what cmds holds. */
void
value_loop_var(struct scan *sc, const struct recent *var, const struct recent *in,
    const struct recent *list)
{
	struct value val;
	const struct var *v;

	if (var->kind != TOK_IDENT || in->kind != TOK_IDENT ||
	    list->kind != TOK_IDENT ||
	    !(scan_text_is(sc, in->start, in->end - in->start, "in") ||
	    scan_text_is(sc, in->start, in->end - in->start, "of")) ||
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
void
value_for_of(struct scan *sc)
{
	value_loop_var(sc, &sc->prev3, &sc->prev2, &sc->prev);
}

/* A name that was assigned a flagged command line reaches a shell. */
void
value_promote(struct scan *sc, struct var *v)
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
void
value_assign(struct scan *sc, const struct frame *f)
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

/*
 * Does what a name holds reach the frame f, as it stands here? It does in
 * an eval, a shell or a dup2, and at the head of an assignment's value
 * (code = payload.decode(), code = await res.text()); elsewhere the name
 * is at most an argument of something else (n = len(payload)).
 */
int
value_taint_flows(const struct scan *sc, const struct frame *f)
{
	if (sc->in_eval > 0 || sc->in_shell > 0)
		return 1;
	if (f == NULL)
		return 0;
	if (f->kind == K_DUP2)
		return 1;
	return f->open == FR_ASSIGN && f->argi == 0 && (f->cur_ntok == 0 ||
	    (f->cur_ntok == 1 && sc->prev.kind == TOK_IDENT &&
	    scan_text_is(sc, sc->prev.start, sc->prev.end - sc->prev.start,
	    "await")));
}

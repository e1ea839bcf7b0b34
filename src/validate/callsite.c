/*
 * A call opens: what kind it is (calls.c's table; unknown callees named
 * like messages are prose), where its literals go (a shell buffer of its
 * own, the enclosing one for shlex.split, nowhere for prose), whether it
 * starts a process inside an endless loop, and Path("...").method(...)
 * chains, where the method decides.
 */


#include "calls.h"
#include "callsite.h"
#include "frames.h"
#include "loops.h"
#include "scan.h"
#include "scan_shbuf.h"

/* Unknown callees whose arguments are prose: ValueError, assertIn... */
static int
prose_name(const struct scan *sc, const struct recent *r)
{
	size_t o = r->start, l = r->end - r->start;

	if (scan_text_ends(sc, o, l, "Error") || scan_text_ends(sc, o, l, "Exception") ||
	    scan_text_ends(sc, o, l, "Warning") || scan_text_starts(sc, o, l, "assert"))
		return 1;
	return !sc->py && l > 2 && scan_text_starts(sc, o, l, "to") &&
	    sc->code[o + 2] >= 'A' && sc->code[o + 2] <= 'Z';
}

static enum kind
kind_of(const struct scan *sc, const struct recent *c)
{
	enum kind k = call_kind(sc->py, c->id, c->qual);

	return k == K_CALL && c->id == I_OTHER && prose_name(sc, c) ? K_PROSE :
	    k;
}

int
callsite_callable(enum ident id)
{
	return !(id == I_KEYWORD || id == I_WHILE || id == I_FOR ||
	    id == I_BLOCKER || id == I_DECL || id == I_DEF || id == I_TRUE);
}

/*
 * Path("/etc/x").METHOD( : the method decides. Returns the call's kind,
 * K_OPEN for Path(...).open(, where the path is the part before the dot.
 */
static enum kind
path_method(struct scan *sc, enum kind kind, int *on_path)
{
	*on_path = 0;
	sc->chain = CH_NONE;
	switch (sc->chain_method) {
	case I_WRITEFILE:
	case I_REMOVE:
	case I_RENAME:
		if (sc->chain_sys)
			scan_add(sc, R_SYS_WRITE, sc->chain_off);
		break;
	case I_CHMOD:
		if (sc->chain_sys || sc->chain_root || sc->chain_sens)
			scan_add(sc, R_PRIV_CHANGE, sc->chain_off);
		break;
	case I_OPEN:
		*on_path = 1;
		return K_OPEN;
	case I_WALK:
		/* Path("/").rglob("*") */
		if (sc->chain_root)
			sc->walk_line = 1;
		break;
	default:
		break;
	}
	return kind;
}

/*
 * A shell call: its own buffer, where its command starts (os.execv's
 * second argument) and ends (execFile's third), whether each literal is
 * one word, and whether it starts a process an endless loop would repeat.
 */
static void
open_shell(struct scan *sc, struct frame *f, const struct recent *p)
{
	f->buf = frame_new_buf(sc);
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
	    scan_text_starts(sc, p->start, p->end - p->start, "posix_spawn")))
		loops_fork(&sc->loops, f->off);
}

/*
 * What the kind of call sets up as it opens; the frame below f is its
 * parent, if any.
 */
static void
open_kind(struct scan *sc, struct frame *f, const struct recent *p)
{
	const struct frame *parent = sc->nfr >= 2 ? &sc->fr[sc->nfr - 2] : NULL;

	switch (f->kind) {
	case K_SHELL:
		open_shell(sc, f, p);
		break;
	case K_SPLIT:
		/* subprocess.run(shlex.split("...")): the text is the command */
		if (parent != NULL && parent->collect) {
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

/* NAME( or EXPR)( is a call, unless NAME is a keyword or follows def. */
static int
is_call(const struct scan *sc, const struct recent *p)
{
	return (p->kind == TOK_IDENT && callsite_callable(p->id) &&
	    !(sc->prev2.kind == TOK_IDENT && sc->prev2.id == I_DEF)) ||
	    (p->kind == TOK_OP && (p->op == ')' || p->op == ']'));
}

void
callsite_open(struct scan *sc, const struct token *t)
{
	const struct recent *p = &sc->prev;
	const struct frame *parent = frame_top(sc);
	struct frame *f;
	int call = is_call(sc, p), named = call && p->kind == TOK_IDENT;
	int on_path = 0, parent_collect = parent != NULL && parent->collect;
	enum kind kind = named ? kind_of(sc, p) : call ? K_CALL : K_NONE;

	if (sc->chain == CH_METHOD)
		kind = path_method(sc, kind, &on_path);
	f = frame_push(sc, FR_PAREN);	/* parent may have moved */
	f->complement ^= sc->complement;
	f->is_call = call;
	f->kind = kind;
	f->off = named ? p->start : t->start;
	f->collect = !call && parent_collect;
	if (call) {
		f->callee = p->id;
		f->qual = p->qual;
		f->callee_len = named ? p->end - p->start : 0;
		/* help=dedent("..."): still the enclosing prose */
		f->prose = kind == K_PROSE || (named && p->id == I_TEXTFN &&
		    f->prose);
		f->buf = -1;
	}
	f->path_shift = on_path;
	f->path_sys = on_path && sc->chain_sys;
	if (named && p->id == I_THEN)
		f->then_seen |= f->outer_chain;
	if (!sc->py && p->kind == TOK_IDENT && p->id == I_WHILE)
		f->loopcond = LC_WHILE;
	else if (!sc->py && p->kind == TOK_IDENT && p->id == I_FOR)
		f->loopcond = LC_FOR;
	open_kind(sc, f, p);
}

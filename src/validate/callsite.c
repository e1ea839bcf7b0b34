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

void
callsite_open(struct scan *sc, const struct token *t)
{
	const struct recent *p = &sc->prev;
	struct frame *f, *parent = frame_top(sc);
	int is_call, parent_collect = parent != NULL && parent->collect;
	enum kind kind = K_NONE;
	int chain = sc->chain == CH_METHOD;

	is_call = (p->kind == TOK_IDENT && callsite_callable(p->id) &&
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
				scan_add(sc, R_SYS_WRITE, sc->chain_off);
			break;
		case I_CHMOD:
			if (sc->chain_sys || sc->chain_root || sc->chain_sens)
				scan_add(sc, R_PRIV_CHANGE, sc->chain_off);
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
	f = frame_push(sc, FR_PAREN);
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

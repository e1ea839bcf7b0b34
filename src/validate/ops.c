/*
 * Operators, where most of the structure is: brackets open and close
 * frames, a comma moves to the next argument (and decides whether the
 * next literals are the command), a semicolon ends a statement, NAME =
 * opens an assignment's value (in a call, a keyword argument), and a
 * Python colon ends the head of a while or for loop. Any other operator
 * is a hole in a command line being built.
 */
#include "callsite.h"
#include "close.h"
#include "frames.h"
#include "loops.h"
#include "ops.h"
#include "scan.h"
#include "scan_shbuf.h"
#include "values.h"

/* True, or 1: the condition of an infinite while loop. */
static int
is_truthy(const struct recent *r)
{
	return r->id == I_TRUE || r->one;
}

/* x[...] is a subscript, [...] a list: a list of literals is an argv. */
static void
open_bracket(struct scan *sc, const struct token *t)
{
	const struct recent *p = &sc->prev;
	struct frame *f = frame_top(sc);
	int subscript = p->kind == TOK_IDENT || p->kind == TOK_STRING ||
	    (p->kind == TOK_OP && (p->op == ')' || p->op == ']'));

	if (f != NULL && f->collect && subscript)
		shbuf_hole(frame_buf(sc, f), t->start);
	f = frame_push(sc, FR_BRACKET);
	f->collect = !subscript && f->buf >= 0 && sc->nfr >= 2 &&
	    sc->fr[sc->nfr - 2].collect;
	f->off = t->start;
}

static void
open_brace(struct scan *sc, const struct token *t)
{
	struct frame *f = frame_top(sc);

	if (f != NULL && f->collect)
		shbuf_hole(frame_buf(sc, f), t->start);
	f = frame_push(sc, FR_BRACE);
	f->off = t->start;
	f->prose = 0;	/* a block is code, even in it("x", () => {}) */
	if (sc->pending_loop == PL_BLOCK) {
		f->is_loop = 1;
		loops_open(&sc->loops, 0, sc->nfr, 0);
	}
	sc->stmt_start = 1;
}

/*
 * The next argument: os.execv(path, ["sh", ...]) starts the command at
 * its second, execFile("sh", [...], opts) ends it before its third.
 */
static void
comma(struct scan *sc, struct frame *f)
{
	if (f->open == FR_ASSIGN && !sc->py) {
		frame_close(sc);	/* let a = 1, b = 2 */
		return;
	}
	f->argi++;
	f->cur_ntok = 0;
	f->prose_arg = 0;
	f->kw_mode = 0;
	f->stdio_key = 0;
	if (f->owns_buf && f->skip > 0 && f->argi == (unsigned)f->skip &&
	    !f->kw)
		f->collect = 1;
	else if (f->owns_buf && f->arity > 0 && f->argi >= (unsigned)f->arity)
		f->collect = 0;
	else if (f->collect)
		shbuf_space(frame_buf(sc, f));
}

static void
semicolon(struct scan *sc, const struct recent *r)
{
	struct frame *f;

	while ((f = frame_top(sc)) != NULL && f->open == FR_ASSIGN)
		frame_close(sc);
	if (!sc->py)
		loops_end_statement(&sc->loops, sc->nfr, sc->out);
	if (f != NULL && f->loopcond != LC_NONE)
		frame_count(sc, r, 0);
	sc->stmt_start = 1;
}

/* Python: f(NAME=...): the keyword arguments begin; mode= and target= count. */
static int
keyword_argument(struct scan *sc, struct frame *f)
{
	const struct recent *p = &sc->prev;
	size_t n = p->end - p->start;

	if (f == NULL || !f->is_call || !sc->py || p->kind != TOK_IDENT ||
	    sc->prev2.kind != TOK_OP ||
	    (sc->prev2.op != '(' && sc->prev2.op != ','))
		return 0;
	f->kw = 1;
	f->argi = NARGS;
	if (f->owns_buf)
		f->collect = 0;
	f->kw_mode = scan_text_is(sc, p->start, n, "mode");
	f->kw_target |= scan_text_is(sc, p->start, n, "target");
	f->prose_arg = p->id == I_PROSEKEY;
	return 1;
}

/* NAME = at a statement's start: the value that follows is a frame. */
static int
assignment(struct scan *sc, struct frame *f)
{
	if (sc->lhs != LHS_NAME ||
	    !(f == NULL || (!sc->py && f->open == FR_BRACE)))
		return 0;
	f = frame_push(sc, FR_ASSIGN);
	f->name_off = sc->lhs_off;
	f->name_len = sc->lhs_len;
	f->buf = frame_new_buf(sc);
	f->owns_buf = 1;
	f->collect = 1;
	f->prose = 0;
	return 1;
}

/* Python: the head of a while True or for ... in ... loop ends. */
static int
loop_head(struct scan *sc)
{
	const struct recent *l = sc->line;

	if (l[0].id == I_WHILE &&
	    ((sc->line_n == 2 && is_truthy(&l[1])) ||
	    (sc->line_n == 4 && l[1].op == '(' && is_truthy(&l[2]) &&
	    l[3].op == ')'))) {
		loops_open(&sc->loops, sc->indent, 0, 0);
		return 1;
	}
	if (sc->line_n < 4 ||
	    !scan_text_is(sc, l[0].start, l[0].end - l[0].start, "for"))
		return 0;
	if (sc->line_n == 4)
		value_loop_var(sc, &l[1], &l[2], &l[3]);
	if (sc->walk_line)
		loops_walk(&sc->loops, sc->indent);
	return 1;
}

/* KEY: in a call or a dict: help: "..." makes the value prose. */
static void
colon_in(struct scan *sc, struct frame *f)
{
	const struct recent *p = &sc->prev;

	if (!sc->py && f->open == FR_BRACE && p->kind == TOK_IDENT &&
	    p->id == I_STDIO)
		f->stdio_key = 1;
	if ((p->kind == TOK_IDENT && p->id == I_PROSEKEY) ||
	    (p->kind == TOK_STRING && p->cend - p->cstart < 16 &&
	    value_ident(sc, p->cstart, p->cend,
	    lex_hash((const unsigned char *)sc->code + p->cstart,
	    p->cend - p->cstart)) == I_PROSEKEY))
		f->prose_arg = 1;
}

void
op_token(struct scan *sc, const struct token *t, const struct recent *r)
{
	struct frame *f = frame_top(sc);

	switch (t->op) {
	case '(':
		callsite_open(sc, t);
		return;
	case '[':
		open_bracket(sc, t);
		return;
	case '{':
		open_brace(sc, t);
		return;
	case ')':
		frame_close_to(sc, FR_PAREN);
		return;
	case ']':
		frame_close_to(sc, FR_BRACKET);
		return;
	case '}':
		frame_close_to(sc, FR_BRACE);
		sc->stmt_start = 1;
		return;
	case ',':
		if (f != NULL)
			comma(sc, f);
		return;
	case ';':
		semicolon(sc, r);
		return;
	case '=':
		if (keyword_argument(sc, f) || assignment(sc, f))
			return;
		break;
	case ':':
		if (sc->py && f == NULL && loop_head(sc))
			return;
		if (f != NULL)
			colon_in(sc, f);
		break;
	default:
		break;
	}
	if (f != NULL && f->collect && t->op != '+')
		shbuf_hole(frame_buf(sc, f), t->start);
	frame_count(sc, r, 0);
}

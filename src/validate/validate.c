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
#include "callsite.h"
#include "close.h"
#include "ops.h"
#include "frames.h"
#include "literals.h"
#include "loops.h"
#include "scan.h"
#include "scan_shbuf.h"
#include "validate.h"
#include "values.h"

/* mode & ~stat.S_ISUID clears the bit: only mode | stat.S_ISUID sets it. */
static int
in_complement(struct scan *sc)
{
	const struct frame *f = frame_top(sc);

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

/* then(eval): the promise's value is run. */
static void
then_eval(struct scan *sc, const struct frame *f, const struct token *t)
{
	const struct recent *p = &sc->prev;

	if (f == NULL || !f->is_call || f->callee != I_THEN ||
	    p->kind != TOK_OP || (p->op != '(' && p->op != ','))
		return;
	if (f->then_seen & SEEN_DOWNLOAD)
		scan_add(sc, R_DOWNLOAD_EXEC, t->start);
	if (f->then_seen & SEEN_DECODER)
		scan_add(sc, R_DECODE_EXEC, t->start);
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
	    scan_text_is(sc, t->start, n, "null") ||
	    scan_text_is(sc, t->start, n, "undefined"))
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
	    scan_text_is(sc, sc->prev2.start, sc->prev2.end - sc->prev2.start,
	    "env") && (scan_text_is(sc, t->start, n, "HOME") ||
	    scan_text_is(sc, t->start, n, "USERPROFILE"));
}

static void
on_ident(struct scan *sc, const struct token *t, const struct recent *r)
{
	struct frame *f = frame_top(sc);
	struct var *v = NULL;
	unsigned bits = ident_bits(sc, r);

	if (f != NULL && f->collect)
		shbuf_hole(frame_buf(sc, f), t->start);
	if (sc->vars.npend + sc->vars.ntaint + sc->vars.nroot +
	    sc->vars.npart > 0)
		v = vars_find_hashed(&sc->vars, t->start, t->end - t->start,
		    t->hash);
	if (v != NULL && v->taint != 0 && value_taint_flows(sc, f))
		bits |= v->taint;
	frame_count(sc, r, bits);
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
		scan_add(sc, R_CRYPTO_MINER, t->start);
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
		value_promote(sc, v);
	if (v != NULL && v->part != PART_NONE)
		literal_wait_part(sc, v->part, t->start, 1);
	if (f != NULL && f->argi < NARGS && ((v != NULL && v->root &&
	    r->qual == I_NONE) || env_home(sc, t)))
		f->a[f->argi].root = 1;
}

static void
on_value(struct scan *sc, const struct token *t, const struct recent *r)
{
	struct frame *f = frame_top(sc);

	if (f != NULL && f->collect)
		shbuf_hole(frame_buf(sc, f), t->start);
	frame_count(sc, r, 0);
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

/* The statement's left-hand side so far ends in this name. */
static void
lhs_name(struct scan *sc, const struct recent *r)
{
	sc->lhs = LHS_NAME;
	sc->lhs_off = r->start;
	sc->lhs_len = r->end - r->start;
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
		else if (r->kind == TOK_IDENT && callsite_callable(r->id) &&
		    r->id != I_KEYWORD)
			lhs_name(sc, r);
		else
			sc->lhs = LHS_NONE;
		break;
	case LHS_NAME:
		sc->lhs = r->kind == TOK_OP && r->op == '.' ? LHS_DOT :
		    LHS_NONE;
		break;
	case LHS_DOT:
		if (r->kind == TOK_IDENT)
			lhs_name(sc, r);
		else
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

/* fetch(u).then(...): a name, a dot or a bracket goes on with the chain. */
static int
continues_chain(const struct token *t)
{
	if (t->kind == TOK_IDENT)
		return 1;
	if (t->kind != TOK_OP)
		return 0;
	switch (t->op) {
	case '.': case '(': case ')': case '[': case ']':
		return 1;
	default:
		return 0;
	}
}

/* What the token before t left waiting: a docstring, a path part, a line. */
static void
before(struct scan *sc, const struct token *t)
{
	struct frame *f;

	if (sc->has_deferred) {
		sc->has_deferred = 0;
		if (t->kind != TOK_NEWLINE && t->kind != TOK_EOF)
			literal_marks(sc, sc->deferred.cstart,
			    sc->deferred.cend - sc->deferred.cstart, 1);
	}
	if (sc->part.kind != PART_NONE)
		literal_advance(sc, t);
	if (sc->py && (t->flags & TOKF_LINE_START))
		line_start(sc, t->indent);
	if (!sc->py && (t->flags & TOKF_NL_BEFORE)) {
		while ((f = frame_top(sc)) != NULL && f->open == FR_ASSIGN &&
		    !js_continues(&sc->prev, t))
			frame_close(sc);
		if ((f = frame_top(sc)) == NULL || f->open == FR_BRACE)
			sc->stmt_start = 1;
	}
}

/* The token as the scan remembers it: a name's meaning, what precedes it. */
static void
remember(struct scan *sc, const struct token *t, struct recent *r)
{
	memset(r, 0, sizeof(*r));
	r->kind = t->kind;
	r->op = t->op;
	r->start = t->start;
	r->end = t->end;
	r->cstart = t->cstart;
	r->cend = t->cend;
	r->hash = t->hash;
	r->one = t->kind == TOK_NUMBER && t->end - t->start == 1 &&
	    sc->code[t->start] == '1';
	if (t->kind != TOK_IDENT)
		return;
	r->id = value_ident(sc, t->start, t->end, t->hash);
	r->qual = I_NONE;
	if (sc->prev.kind == TOK_OP && sc->prev.op == '.')
		r->qual = sc->prev2.kind == TOK_IDENT ? sc->prev2.id :
		    sc->prev2.kind == TOK_OP && sc->prev2.op == ')' ? Q_EXPR :
		    I_OTHER;
	value_note_alias(sc, t);
}

/*
 * Brackets past DEPTH_MAX are counted, not pushed, and so are the closers
 * that match them. Returns whether t was counted.
 */
static int
untracked(struct scan *sc, const struct token *t)
{
	if (t->kind != TOK_OP || (sc->untracked == 0 && sc->nfr < DEPTH_MAX))
		return 0;
	if (t->op == '(' || t->op == '[' || t->op == '{') {
		sc->untracked++;
		return 1;
	}
	if (sc->untracked > 0 &&
	    (t->op == ')' || t->op == ']' || t->op == '}')) {
		sc->untracked--;
		return 1;
	}
	return 0;
}

static void
dispatch(struct scan *sc, const struct token *t, const struct recent *r)
{
	switch (t->kind) {
	case TOK_IDENT:
		on_ident(sc, t, r);
		break;
	case TOK_STRING:
		literal_string(sc, t, r);
		break;
	case TOK_NUMBER:
	case TOK_REGEX:
		on_value(sc, t, r);
		break;
	case TOK_OP:
		op_token(sc, t, r);
		break;
	case TOK_NEWLINE:
		frame_close_all(sc);
		sc->untracked = 0;
		sc->stmt_start = 1;
		break;
	case TOK_EOF:
		break;
	}
}

/* What t leaves for the tokens after it. */
static void
after(struct scan *sc, const struct token *t, const struct recent *r)
{
	if (!continues_chain(t))
		sc->chain_seen = 0;
	if (sc->pending_loop == PL_BLOCK)
		sc->pending_loop = PL_NONE;
	feed_lhs(sc, r);
	if (t->kind == TOK_OP && t->op == '~')
		sc->complement = !sc->complement;
	else if (!(t->kind == TOK_IDENT || (t->kind == TOK_OP && t->op == '.')))
		sc->complement = 0;
	if (sc->py && sc->line_n < 5)
		sc->line[sc->line_n] = *r;
	if (sc->py)
		sc->line_n++;
	sc->prev3 = sc->prev2;
	sc->prev2 = sc->prev;
	sc->prev = *r;
}

static void
step(struct scan *sc, const struct token *t)
{
	struct recent r;
	enum chain_state chain_before = sc->chain;

	before(sc, t);
	remember(sc, t, &r);
	if (sc->pending_loop == PL_CONDITION) {
		/* JS: the body of an endless loop: a block, or one statement */
		sc->pending_loop = PL_NONE;
		if (t->kind == TOK_OP && t->op == '{')
			sc->pending_loop = PL_BLOCK;
		else
			loops_open(&sc->loops, 0, sc->nfr, 1);
	}
	if (chain_before != CH_NONE)
		advance_chain(sc, &r);
	if (!untracked(sc, t))
		dispatch(sc, t, &r);
	after(sc, t, &r);
}

static void
finish(struct scan *sc)
{
	frame_close_all(sc);
	loops_free(&sc->loops, sc->out);
	if (sc->has_rev_site &&
	    ((sc->py && sc->saw_connect && sc->fileno_dup) ||
	    (!sc->py && sc->saw_net && (sc->saw_pipe || sc->stdio_sock))))
		scan_add(sc, R_REVERSE_SHELL, sc->rev_site);
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

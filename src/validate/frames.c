/*
 * The bracket stack. Each open bracket, template literal ${, tagged
 * template and assignment value is a frame: the call it belongs to, the
 * shell buffer its literals go to, and a summary of its first NARGS
 * arguments (one literal, one number, a name, / or the home directory).
 * A closer finds its frame through per-kind links (innermost, below), not
 * by a search; a closed frame hands the call to verdict.c, the value to
 * values.c, and what it mentioned to its parent. Frames past DEPTH_MAX
 * are counted by the token loop, never pushed, so memory stays bounded.
 */
#include <string.h>

#include "../util.h"
#include "frames.h"
#include "scan.h"
#include "scan_shbuf.h"

/* A list or tuple display: [a, b], (a, b). */
static int
frame_is_list(const struct frame *f)
{
	return f->open == FR_BRACKET || (f->open == FR_PAREN && !f->is_call);
}

struct shbuf *
frame_buf(struct scan *sc, const struct frame *f)
{
	return f->buf >= 0 ? &sc->bufs[f->buf] : NULL;
}

struct frame *
frame_push(struct scan *sc, enum frame_open open)
{
	struct frame *f, *parent = frame_top(sc);

	if (sc->nfr == sc->frcap) {
		sc->fr = xgrow(sc->fr, sc->nfr, &sc->frcap, sizeof(*sc->fr));
		parent = frame_top(sc);
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

int
frame_new_buf(struct scan *sc)
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
void
frame_count(struct scan *sc, const struct recent *r, unsigned seen)
{
	struct frame *f = frame_top(sc);
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

int
frame_endless(const struct frame *f)
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

const struct frame *
frame_unlink(struct scan *sc)
{
	const struct frame *f = &sc->fr[--sc->nfr];

	sc->innermost[f->open] = f->below;
	return f;
}

void
frame_release(struct scan *sc, const struct frame *f)
{
	findings_free(&sc->fr[sc->nfr].held);
	if (f->owns_buf)
		sc->nbuf--;
	if (f->kind == K_SHELL || f->open == FR_TAGGED)
		sc->in_shell--;
	if (f->kind == K_EVAL)
		sc->in_eval--;
}

/* What the closed frame f mentioned, and whether it was / (root). */
void
frame_hand_up(struct scan *sc, const struct frame *f, int root)
{
	struct frame *parent = frame_top(sc);
	struct arg *pa;

	if (parent == NULL)
		return;
	/* [["sudo", "id"], ["ls"]]: a list of commands, not one */
	if (frame_is_list(f) && frame_is_list(parent) && f->collect &&
	    parent->collect)
		shbuf_sep(frame_buf(sc, parent));
	parent->seen |= f->seen;
	parent->cur_ntok += 2;
	if (parent->argi < NARGS) {
		pa = &parent->a[parent->argi];
		pa->ntok += 2;
		pa->seen |= f->seen;
		pa->root = root;
		pa->home_var = 0;
		pa->is_name = 0;
	}
}

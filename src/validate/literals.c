/*
 * String literals: where their text goes (a shell buffer, a name, prose),
 * the markers in it (scan_strings.c), templates and tagged templates as
 * frames, and path components joined part by part (".ssh", then what is
 * joined to it decides). Prose carries no findings unless it reaches a
 * shell or an eval.
 */
#include <string.h>

#include "close.h"
#include "frames.h"
#include "literals.h"
#include "scan.h"
#include "scan_shbuf.h"
#include "verdict.h"

/* A path component that the next token judges: ".ssh", ".config". */
void
literal_wait_part(struct scan *sc, enum path_part kind, size_t off, int from_name)
{
	const struct frame *f = frame_top(sc);

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
void
literal_marks(struct scan *sc, size_t off, size_t len, int shapes)
{
	enum path_part kind = path_part_kind(sc->code + off, len);

	if (kind == PART_CRED)
		scan_add(sc, R_CRED_READ, off);
	else if (kind != PART_NONE)
		literal_wait_part(sc, kind, off, 0);
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
		literal_marks(sc, off, len, 0);	/* one word, never prose */
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
	const struct frame *f = frame_top(sc);
	size_t k = sc->part.assign;

	if (k == 0 || sc->part.after_sep)
		return 0;
	if (t->kind == TOK_OP && t->op == ')' && !sc->part.closed &&
	    f != NULL && f->is_call && sc->nfr == k + 1 &&
	    (call_keeps_path(sc, f) ||
	    scan_text_is(sc, f->off, f->callee_len, "join"))) {
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
void
literal_advance(struct scan *sc, const struct token *t)
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
		scan_add(sc, R_CRED_READ, sc->part.off);
	else if (sc->part.kind == PART_CONFIG && is_next &&
	    path_part_is_gcloud(next, n))
		scan_add(sc, R_CRED_READ, t->cstart);
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

	if (n < 2 || n > 9)
		return 0;
	for (k = 0; names[k] != NULL; k++)
		if (n == strlen(names[k]) &&
		    lower_eq(sc->code + t->cstart, names[k], n))
			return 1;
	return 0;
}

/*
 * JS: the literal opens a template's next chunk (the frames of its ${
 * close) or a tagged template $`...` (a shell command line of its own).
 * Returns the frame the literal is in.
 */
static struct frame *
enter(struct scan *sc, const struct token *t)
{
	struct frame *f;
	size_t k = sc->innermost[FR_TEMPLATE];

	if (t->flags & TOKF_TPL_CONT) {
		if (sc->untracked_tpl > 0)
			sc->untracked_tpl--;
		else if (k != 0)
			while (sc->nfr >= k)
				frame_close(sc);
		return frame_top(sc);
	}
	if (sc->py || sc->prev.kind != TOK_IDENT || sc->prev.id != I_DOLLAR ||
	    sc->code[t->start] != '`' || sc->nfr >= DEPTH_MAX)
		return frame_top(sc);
	f = frame_push(sc, FR_TAGGED);
	f->off = sc->prev.start;
	f->buf = frame_new_buf(sc);
	f->owns_buf = 1;
	f->collect = 1;
	f->prose = 0;
	sc->in_shell++;
	return f;
}

/* The literal in a shell buffer: as a command line, or as one argv word. */
static void
collect(struct scan *sc, struct frame *f, const struct token *t)
{
	unsigned how = 0;

	if (t->flags & TOKF_RAW)
		how |= SHB_RAW;
	if (t->flags & TOKF_FSTRING)
		how |= SHB_FSTRING;
	if ((f->open == FR_BRACKET || f->argv) &&
	    !(t->flags & (TOKF_TPL_OPEN | TOKF_TPL_CONT)))
		how |= SHB_ARGV;
	shbuf_text(frame_buf(sc, f), sc->code, t->cstart, t->cend - t->cstart,
	    how);
}

/* The literal as an argument: its text, /, a mode=, a decoder's name. */
static void
summarize(struct scan *sc, struct frame *f, const struct token *t)
{
	struct arg *a = f->argi < NARGS ? &f->a[f->argi] : NULL;
	const char *p = sc->code + t->cstart;
	size_t len = t->cend - t->cstart;

	if (a != NULL && a->ntok == 1) {
		a->is_str = 1;
		a->lit_off = t->cstart;
		a->lit_len = len;
		a->root = path_is_rootish(p, len, 0);
		a->home_var = !a->root && path_is_rootish(p, len, 1);
	}
	if (f->kw_mode) {
		f->has_mode = 1;
		f->mode_off = t->cstart;
		f->mode_len = len;
	}
	/* Buffer.from(s, "base64"), also kept by the name assigned */
	if ((sc->in_eval > 0 || sc->in_shell > 0 ||
	    (sc->innermost[FR_ASSIGN] != 0 && f->is_call &&
	    scan_text_is(sc, f->off, f->callee_len, "from"))) &&
	    decoder_literal(sc, t)) {
		f->seen |= SEEN_DECODER;
		if (a != NULL)
			a->seen |= SEEN_DECODER;
	}
}

/* JS: the literal ends at ${ (a template frame opens) or ends $`...`. */
static void
leave(struct scan *sc, const struct token *t)
{
	struct frame *f = frame_top(sc);
	int collect = f != NULL && f->collect;

	if ((t->flags & TOKF_TPL_OPEN) &&
	    (sc->untracked_tpl > 0 || sc->nfr >= DEPTH_MAX)) {
		/* Counted, like brackets past the limit: a template opened
		 * in one of these is counted too, so the order holds. */
		sc->untracked_tpl++;
	} else if (t->flags & TOKF_TPL_OPEN) {
		f = frame_push(sc, FR_TEMPLATE);
		f->off = t->start;
		f->collect = collect;
	} else if (f != NULL && f->open == FR_TAGGED)
		frame_close(sc);
}

void
literal_string(struct scan *sc, const struct token *t, const struct recent *r)
{
	struct frame *f = enter(sc, t);

	if (sc->py && (t->flags & TOKF_LINE_START) && f == NULL) {
		sc->deferred = *t;	/* a docstring if the line ends here */
		sc->has_deferred = 1;
	} else if (f == NULL || !(f->prose || f->prose_arg))
		scan_literal(sc, f, t->cstart, t->cend - t->cstart);
	if (f != NULL && f->collect)
		collect(sc, f, t);
	if (f != NULL) {
		frame_count(sc, r, 0);
		summarize(sc, f, t);
	}
	leave(sc, t);
}

/*
 * A lexer for Python and JavaScript that knows just enough of each to tell
 * code from strings from comments: string prefixes, triple quotes and
 * f-string expressions in Python; template literals, regular expression
 * literals and both comment forms in JavaScript. It never fails: malformed
 * input (unterminated strings or comments, NUL bytes, invalid UTF-8) ends a
 * token at the newline or the end of the buffer, and no read goes past len.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../util.h"
#include "scan_lex.h"

/* Character classes, per language: bit 0 starts a name, bit 1 continues one. */
#define ID_START	0x1
#define ID_CHAR		0x2

static unsigned char py_class[256], js_class[256];
static int classes_built;

static void
build_classes(void)
{
	int c;

	for (c = 0; c < 256; c++) {
		int start = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    c == '_' || c >= 0x80;
		int digit = c >= '0' && c <= '9';

		py_class[c] = (start ? ID_START | ID_CHAR : 0) |
		    (digit ? ID_CHAR : 0);
		js_class[c] = py_class[c];
	}
	js_class['$'] = ID_START | ID_CHAR;
	classes_built = 1;
}

static int
is_ident_start(int c, enum lex_lang lang)
{
	return ((lang == LEX_PYTHON ? py_class : js_class)[c] & ID_START) != 0;
}

static int
is_ident_char(int c, enum lex_lang lang)
{
	return ((lang == LEX_PYTHON ? py_class : js_class)[c] & ID_CHAR) != 0;
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* The index of the newline that ends the comment at i, or n. */
static size_t
skip_line(const unsigned char *s, size_t i, size_t n)
{
	const unsigned char *nl = memchr(s + i, '\n', n - i);

	return nl != NULL ? (size_t)(nl - s) : n;
}

/*
 * A name's hash from its length and its first and last eight bytes (or
 * four, or three single bytes): two loads and a few multiplies however
 * long the name, where a byte-at-a-time hash would chain a multiply per
 * byte through the lexer's hottest loop. Names that differ only in their
 * middle collide; every table that uses it compares the names too.
 */
unsigned
lex_hash(const unsigned char *p, size_t n)
{
	uint64_t a = 0, b = 0, h;
	uint32_t x, y;

	if (n >= 8) {
		memcpy(&a, p, 8);
		memcpy(&b, p + n - 8, 8);
	} else if (n >= 4) {
		memcpy(&x, p, 4);
		memcpy(&y, p + n - 4, 4);
		a = x;
		b = y;
	} else if (n > 0)
		a = (uint64_t)p[0] | (uint64_t)p[n / 2] << 8 |
		    (uint64_t)p[n - 1] << 16;
	h = (a ^ (uint64_t)n << 56) * 0x9e3779b97f4a7c15ULL;
	h ^= b * 0xc2b2ae3d27d4eb4fULL;
	h ^= h >> 31;
	h *= 0xbf58476d1ce4e5b9ULL;
	return (unsigned)(h ^ h >> 32);
}

void
lex_init(struct lexer *lx, enum lex_lang lang, const char *code, size_t len)
{
	memset(lx, 0, sizeof(*lx));
	lx->s = (const unsigned char *)code;
	lx->len = len;
	lx->lang = lang;
	lx->at_line_start = 1;
	lx->regex_ok = 1;
	if (!classes_built)
		build_classes();
}

void
lex_free(struct lexer *lx)
{
	free(lx->tpl);
	lx->tpl = NULL;
}

/* An identifier from i: the hottest loop of the scan. */
static void
lex_ident(struct lexer *lx, struct token *t, size_t i)
{
	const unsigned char *cls = lx->lang == LEX_PYTHON ? py_class : js_class;
	const unsigned char *s = lx->s;
	size_t j = i, n = lx->len;

	while (j < n && (cls[s[j]] & ID_CHAR))
		j++;
	t->kind = TOK_IDENT;
	t->start = i;
	t->end = j;
	t->hash = lex_hash(s + i, j - i);
	lx->pos = j;
}

static void
lex_number(struct lexer *lx, struct token *t, size_t i)
{
	size_t j = i;

	while (j < lx->len && (is_ident_char(lx->s[j], lx->lang) ||
	    lx->s[j] == '.'))
		j++;
	t->kind = TOK_NUMBER;
	t->start = i;
	t->end = j;
	lx->pos = j;
}

static void
lex_op(struct lexer *lx, struct token *t, size_t i)
{
	const unsigned char *s = lx->s;
	size_t n = lx->len, len = 1;
	int c = s[i], next = i + 1 < n ? s[i + 1] : 0;
	int op = c;

	if ((c == '=' || c == '!') && next == '=') {
		op = OP_COMPARE;
		len = i + 2 < n && s[i + 2] == '=' ? 3 : 2;
	} else if ((c == '<' || c == '>') && next == '=') {
		op = OP_COMPARE;
		len = 2;
	} else if ((c == '=' || c == '-') && next == '>') {
		op = OP_ARROW;
		len = 2;
	} else if (next == '=' && strchr("+-*/%&|^:@", c) != NULL) {
		op = OP_AUGMENTED;
		len = 2;
	} else if (c == '?' && next == '.' && lx->lang == LEX_NODE &&
	    !(i + 2 < n && is_digit(s[i + 2]))) {
		op = '.';		/* a?.b reads like a.b here */
		len = 2;
	}
	t->kind = TOK_OP;
	t->op = op;
	t->start = i;
	t->end = i + len;
	lx->pos = i + len;
}

/* Skip a quoted string inside an f-string expression; stop at a newline. */
static size_t
py_skip_inner(const unsigned char *s, size_t n, size_t i)
{
	int q = s[i];

	for (i++; i < n; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == q)
			return i + 1;
		else if (s[i] == '\n')
			return i;
	}
	return n;
}

/* The end of an f-string replacement field whose '{' is just before i. */
static size_t
py_fexpr(const unsigned char *s, size_t n, size_t i, int triple)
{
	int depth = 1;

	while (i < n) {
		int c = s[i];

		if (c == '\'' || c == '"') {
			i = py_skip_inner(s, n, i);
			continue;
		}
		if (c == '\n' && !triple)
			return i;
		if (c == '(' || c == '[' || c == '{')
			depth++;
		else if (c == ')' || c == ']' || c == '}') {
			if (--depth == 0)
				return i + 1;
		}
		i++;
	}
	return n;
}

static void
py_string(struct lexer *lx, struct token *t, size_t start, size_t q,
    unsigned flags)
{
	const unsigned char *s = lx->s;
	size_t n = lx->len, i;
	int quote = s[q];
	int triple = q + 2 < n && s[q + 1] == quote && s[q + 2] == quote;

	t->kind = TOK_STRING;
	t->flags |= flags;
	t->start = start;
	i = q + (triple ? 3 : 1);
	t->cstart = i;
	for (;;) {
		int c;

		if (i >= n) {
			t->cend = t->end = n;
			break;
		}
		c = s[i];
		if (c == '\\') {
			i = i + 2 > n ? n : i + 2;
			continue;
		}
		if (c == '\n' && !triple) {
			t->cend = t->end = i;	/* unterminated */
			break;
		}
		if (c == quote) {
			if (!triple) {
				t->cend = i;
				t->end = i + 1;
				break;
			}
			if (i + 2 < n && s[i + 1] == quote &&
			    s[i + 2] == quote) {
				t->cend = i;
				t->end = i + 3;
				break;
			}
		}
		if ((flags & TOKF_FSTRING) && c == '{') {
			if (i + 1 < n && s[i + 1] == '{')
				i += 2;
			else
				i = py_fexpr(s, n, i + 1, triple);
			continue;
		}
		i++;
	}
	lx->pos = t->end;
}

/* An identifier of 1-2 prefix letters right before a quote opens a string. */
static unsigned
py_prefix(const unsigned char *s, size_t i, size_t j, size_t n)
{
	unsigned flags = 0;
	size_t k;

	if (j - i > 2 || j >= n || (s[j] != '\'' && s[j] != '"'))
		return 0;
	for (k = i; k < j; k++) {
		switch (s[k]) {
		case 'r': case 'R':
			flags |= TOKF_RAW;
			break;
		case 'f': case 'F':
			flags |= TOKF_FSTRING;
			break;
		case 'b': case 'B': case 'u': case 'U':
			break;
		default:
			return 0;
		}
	}
	return flags | 0x100;		/* nonzero even for b"" and u"" */
}

/* What skipping before a token did: found it, look again, or made one. */
enum skip {
	SKIP_TOKEN,		/* a token starts at lx->pos */
	SKIP_AGAIN,		/* something was skipped: look again */
	SKIP_DONE,		/* t is a NEWLINE or EOF token */
};

/*
 * Python, at the start of a line outside brackets: its indentation; a
 * blank line or a comment line is skipped whole.
 */
static enum skip
py_indent(struct lexer *lx, struct token *t)
{
	const unsigned char *s = lx->s;
	size_t n = lx->len, i = lx->pos;
	unsigned ind = 0;

	for (; i < n; i++) {
		if (s[i] == ' ')
			ind++;
		else if (s[i] == '\t')
			ind = (ind / 8 + 1) * 8;
		else if (s[i] == '\f')
			ind = 0;
		else if (s[i] != '\r')
			break;
	}
	lx->pos = i;
	if (i < n && s[i] == '\n') {	/* blank line */
		lx->pos = i + 1;
		return SKIP_AGAIN;
	}
	if (i < n && s[i] == '#') {
		lx->pos = skip_line(s, i, n);
		return SKIP_AGAIN;
	}
	lx->at_line_start = 0;
	if (i < n) {
		t->flags |= TOKF_LINE_START;
		t->indent = ind;
	}
	return SKIP_TOKEN;
}

/* Python: blanks, comments, line continuations and logical line ends. */
static enum skip
py_skip(struct lexer *lx, struct token *t)
{
	const unsigned char *s = lx->s;
	size_t n = lx->len, i = lx->pos;
	int c;

	if (i >= n) {
		t->flags = 0;
		t->start = t->end = n;
		t->kind = lx->line_open ? TOK_NEWLINE : TOK_EOF;
		lx->line_open = 0;
		return SKIP_DONE;
	}
	c = s[i];
	if (c == ' ' || c == '\t' || c == '\f' || c == '\r' || c == '\v' ||
	    c == '\0') {
		lx->pos = i + 1;
		return SKIP_AGAIN;
	}
	if (c == '\n') {
		lx->pos = i + 1;
		if (lx->depth > 0)
			return SKIP_AGAIN;
		lx->at_line_start = 1;
		if (!lx->line_open)
			return SKIP_AGAIN;
		lx->line_open = 0;
		t->kind = TOK_NEWLINE;
		t->start = i;
		t->end = i + 1;
		return SKIP_DONE;
	}
	if (c == '#') {
		lx->pos = skip_line(s, i, n);
		return SKIP_AGAIN;
	}
	if (c == '\\' && i + 1 < n && s[i + 1] == '\n') {
		lx->pos = i + 2;
		return SKIP_AGAIN;
	}
	if (c == '\\' && i + 2 < n && s[i + 1] == '\r' && s[i + 2] == '\n') {
		lx->pos = i + 3;
		return SKIP_AGAIN;
	}
	return SKIP_TOKEN;
}

/* Python: the token at i; a name of one or two letters may open a string. */
static void
py_token(struct lexer *lx, struct token *t, size_t i)
{
	const unsigned char *s = lx->s;
	size_t n = lx->len, j;
	int c = s[i];
	unsigned pf;

	lx->line_open = 1;
	if (py_class[c] & ID_START) {
		lex_ident(lx, t, i);
		j = t->end;
		if (j - i <= 2 && (pf = py_prefix(s, i, j, n)) != 0) {
			t->hash = 0;
			py_string(lx, t, i, j, pf & (TOKF_RAW | TOKF_FSTRING));
		}
		return;
	}
	if (is_digit(c) || (c == '.' && i + 1 < n && is_digit(s[i + 1]))) {
		lex_number(lx, t, i);
		return;
	}
	if (c == '\'' || c == '"') {
		py_string(lx, t, i, i, 0);
		return;
	}
	lex_op(lx, t, i);
	if (c == '(' || c == '[' || c == '{')
		lx->depth++;
	else if ((c == ')' || c == ']' || c == '}') && lx->depth > 0)
		lx->depth--;
}

static void
py_next(struct lexer *lx, struct token *t)
{
	enum skip k;

	for (;;) {
		if (lx->at_line_start && lx->depth == 0 &&
		    py_indent(lx, t) == SKIP_AGAIN)
			continue;
		if ((k = py_skip(lx, t)) == SKIP_DONE)
			return;
		if (k == SKIP_TOKEN)
			break;
	}
	py_token(lx, t, lx->pos);
}

static int
js_regex_keyword(const unsigned char *p, size_t n)
{
	static const char *const kw[] = {
		"return", "typeof", "case", "do", "else", "in", "of", "new",
		"delete", "void", "throw", "instanceof", "yield", "await", NULL,
	};
	size_t k;

	for (k = 0; kw[k] != NULL; k++)
		if (strlen(kw[k]) == n && memcmp(kw[k], p, n) == 0)
			return 1;
	return 0;
}

static void
js_string(struct lexer *lx, struct token *t, size_t i)
{
	const unsigned char *s = lx->s;
	size_t n = lx->len, j;
	int quote = s[i];

	t->kind = TOK_STRING;
	t->start = i;
	t->cstart = i + 1;
	for (j = i + 1; ; ) {
		if (j >= n) {
			t->cend = t->end = n;
			break;
		}
		if (s[j] == '\\') {
			j = j + 2 > n ? n : j + 2;
			continue;
		}
		if (s[j] == '\n') {
			t->cend = t->end = j;	/* unterminated */
			break;
		}
		if (s[j] == quote) {
			t->cend = j;
			t->end = j + 1;
			break;
		}
		j++;
	}
	lx->pos = t->end;
}

/* A template chunk: from after '`' or a "${...}", up to '`' or "${". */
static void
js_template(struct lexer *lx, struct token *t, size_t i, unsigned flags)
{
	const unsigned char *s = lx->s;
	size_t n = lx->len, j;

	t->kind = TOK_STRING;
	t->flags |= flags;
	t->start = i - 1;
	t->cstart = i;
	for (j = i; ; ) {
		if (j >= n) {
			t->cend = t->end = n;
			break;
		}
		if (s[j] == '\\') {
			j = j + 2 > n ? n : j + 2;
			continue;
		}
		if (s[j] == '`') {
			t->cend = j;
			t->end = j + 1;
			break;
		}
		if (s[j] == '$' && j + 1 < n && s[j + 1] == '{') {
			t->cend = j;
			t->end = j + 2;
			t->flags |= TOKF_TPL_OPEN;
			lx->tpl = xgrow(lx->tpl, lx->ntpl, &lx->tplcap,
			    sizeof(*lx->tpl));
			lx->tpl[lx->ntpl++] = lx->brace;
			break;
		}
		j++;
	}
	lx->pos = t->end;
}

/* A regular expression, or 0 when the line ends first ('/' was division). */
static int
js_regex(struct lexer *lx, struct token *t, size_t i)
{
	const unsigned char *s = lx->s;
	size_t n = lx->len, j;
	int in_class = 0;

	for (j = i + 1; j < n; j++) {
		int c = s[j];

		if (c == '\n')
			return 0;
		if (c == '\\') {
			j++;
			continue;
		}
		if (c == '[')
			in_class = 1;
		else if (c == ']')
			in_class = 0;
		else if (c == '/' && !in_class)
			break;
	}
	if (j >= n)
		return 0;
	for (j++; j < n && is_ident_char(s[j], LEX_NODE); j++)
		;
	t->kind = TOK_REGEX;
	t->start = i;
	t->end = j;
	lx->pos = j;
	return 1;
}

/* JavaScript: blanks, line breaks, comments and a first-line #!. */
static enum skip
js_skip(struct lexer *lx, struct token *t)
{
	const unsigned char *s = lx->s;
	size_t n = lx->len, i = lx->pos;
	int c, next;

	if (i >= n) {
		t->kind = TOK_EOF;
		t->start = t->end = n;
		return SKIP_DONE;
	}
	c = s[i];
	next = i + 1 < n ? s[i + 1] : 0;
	if (c == '\n') {
		lx->nl_before = 1;
		lx->pos = i + 1;
		return SKIP_AGAIN;
	}
	if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f' ||
	    c == '\0') {
		lx->pos = i + 1;
		return SKIP_AGAIN;
	}
	if ((c == '/' && next == '/') || (c == '#' && next == '!' && i == 0)) {
		lx->pos = skip_line(s, i, n);
		return SKIP_AGAIN;
	}
	if (c != '/' || next != '*')
		return SKIP_TOKEN;
	for (i += 2; i < n; i++) {
		if (s[i] == '\n')
			lx->nl_before = 1;
		else if (s[i] == '*' && i + 1 < n && s[i + 1] == '/')
			break;
	}
	lx->pos = i < n ? i + 2 : n;
	return SKIP_AGAIN;
}

/* JavaScript: the operator at i; braces count, for templates' "}". */
static void
js_op(struct lexer *lx, struct token *t, size_t i)
{
	int c = lx->s[i];

	lex_op(lx, t, i);
	if (c == '{')
		lx->brace++;
	else if (c == '}' && lx->brace > 0)
		lx->brace--;
	/*
	 * After ')' and ']' a '/' divides; after '}' it is more often a
	 * statement that starts with a regular expression than a division.
	 */
	lx->regex_ok = !(t->op == ')' || t->op == ']');
}

static void
js_next(struct lexer *lx, struct token *t)
{
	const unsigned char *s = lx->s;
	size_t n = lx->len, i;
	enum skip k;
	int c;

	while ((k = js_skip(lx, t)) == SKIP_AGAIN)
		;
	if (k == SKIP_DONE)
		return;
	i = lx->pos;
	c = s[i];
	if (lx->nl_before)
		t->flags |= TOKF_NL_BEFORE;
	lx->nl_before = 0;

	if (c == '}' && lx->ntpl > 0 && lx->tpl[lx->ntpl - 1] == lx->brace) {
		lx->ntpl--;
		js_template(lx, t, i + 1, TOKF_TPL_CONT);
		lx->regex_ok = (t->flags & TOKF_TPL_OPEN) != 0;
	} else if (c == '`') {
		js_template(lx, t, i + 1, 0);
		lx->regex_ok = (t->flags & TOKF_TPL_OPEN) != 0;
	} else if (c == '\'' || c == '"') {
		js_string(lx, t, i);
		lx->regex_ok = 0;
	} else if (c == '/' && lx->regex_ok && js_regex(lx, t, i)) {
		lx->regex_ok = 0;
	} else if (is_ident_start(c, LEX_NODE)) {
		lex_ident(lx, t, i);
		lx->regex_ok = js_regex_keyword(s + t->start,
		    t->end - t->start);
	} else if (is_digit(c) ||
	    (c == '.' && i + 1 < n && is_digit(s[i + 1]))) {
		lex_number(lx, t, i);
		lx->regex_ok = 0;
	} else
		js_op(lx, t, i);
}

void
lex_next(struct lexer *lx, struct token *t)
{
	memset(t, 0, sizeof(*t));
	if (lx->lang == LEX_PYTHON)
		py_next(lx, t);
	else
		js_next(lx, t);
}

/* Small helpers over the scan's state: reporting, and the code's text. */
#include <string.h>

#include "scan.h"

void
scan_add(struct scan *sc, enum rule_index r, size_t off)
{
	findings_add(sc->out, rule_get(r), off);
}

int
scan_text_is(const struct scan *sc, size_t off, size_t len, const char *s)
{
	return strlen(s) == len && memcmp(sc->code + off, s, len) == 0;
}

int
scan_text_ends(const struct scan *sc, size_t off, size_t len, const char *s)
{
	size_t n = strlen(s);

	return len >= n && memcmp(sc->code + off + len - n, s, n) == 0;
}

int
scan_text_starts(const struct scan *sc, size_t off, size_t len, const char *s)
{
	size_t n = strlen(s);

	return len >= n && memcmp(sc->code + off, s, n) == 0;
}

/* JS: does the statement go on after a line break before t? */
int
js_continues(const struct recent *prev, const struct token *t)
{
	if (prev->kind == TOK_OP && prev->op != ')' && prev->op != ']' &&
	    prev->op != '}')
		return 1;
	if (t->kind != TOK_OP)
		return 0;
	return t->op >= 256 || strchr(".+-*/%?:|&,<>=", t->op) != NULL;
}

/*
 * The end mark scanner. The mark's only \001 bytes are its first and its
 * last, so bytes held back after a mismatch can hold no other start of a
 * mark: they go out as they are and the scan goes on from the byte that
 * did not match. Each byte is looked at once (twice at most after a
 * mismatch); nothing is buffered beyond the held-back prefix and digits.
 */
#include <stdio.h>
#include <string.h>

#include "endmark.h"

void
endmark_init(struct endmark *m, const char *nonce)
{
	memset(m, 0, sizeof(*m));
	snprintf(m->prefix, sizeof(m->prefix), "\001SBX%.*sEND",
	    TRAILER_NONCE_LEN, nonce);
}

/* The held-back bytes were the program's after all. */
static void
release(struct endmark *m, endmark_emit emit, void *ctx)
{
	if (m->matched > 0)
		emit(ctx, m->prefix, m->matched);
	if (m->ndigits > 0)
		emit(ctx, m->digits, m->ndigits);
	m->matched = m->ndigits = 0;
}

/* One byte of a possible mark: 1 when it belongs to it. */
static int
take(struct endmark *m, char c)
{
	if (m->matched == 0)
		return c == '\001' ? (m->matched = 1) : 0;
	if (m->matched < ENDMARK_PREFIX_LEN) {
		if (c != m->prefix[m->matched])
			return 0;
		m->matched++;
		return 1;
	}
	if (c >= '0' && c <= '9' && m->ndigits < sizeof(m->digits)) {
		m->digits[m->ndigits++] = c;
		return 1;
	}
	if (c == '\001' && m->ndigits > 0) {
		int status = 0;
		size_t i;

		for (i = 0; i < m->ndigits; i++)
			status = status * 10 + (m->digits[i] - '0');
		if (status > 255)
			return 0;
		m->seen = 1;
		m->status = status;
		return 1;
	}
	return 0;
}

void
endmark_scan(struct endmark *m, const char *p, size_t n, endmark_emit emit,
    void *ctx)
{
	size_t i, from = 0;	/* program bytes not yet emitted: [from, i) */

	for (i = 0; i < n && !m->seen; i++) {
		int held = m->matched > 0;

		if (!held && p[i] != '\001')
			continue;
		if (!held && i > from)
			emit(ctx, p + from, i - from);
		if (take(m, p[i])) {
			from = i + 1;
			continue;
		}
		release(m, emit, ctx);
		from = i;
		/* The byte that broke the match may start a mark itself. */
		if (take(m, p[i]))
			from = i + 1;
	}
	if (!m->seen && m->matched == 0 && n > from)
		emit(ctx, p + from, n - from);
}

void
endmark_flush(struct endmark *m, endmark_emit emit, void *ctx)
{
	if (!m->seen)
		release(m, emit, ctx);
}

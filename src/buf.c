/*
 * struct buf: data[off..len) is what is still to be written. Space is
 * reclaimed by moving the pending tail to the front only when the buffer
 * would otherwise grow, so streaming reuses one fixed allocation.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "util.h"

void
buf_reserve(struct buf *b, size_t n)
{
	if (b->cap - b->len >= n)
		return;
	if (b->off > 0) {
		memmove(b->data, b->data + b->off, b->len - b->off);
		b->len -= b->off;
		b->off = 0;
		if (b->cap - b->len >= n)
			return;
	}
	while (b->cap - b->len < n)
		b->cap = b->cap ? b->cap * 2 : 65536;
	b->data = xrealloc(b->data, b->cap);
}

void
buf_append(struct buf *b, const void *p, size_t n)
{
	/* An empty buffer has no data yet: NULL + 0 is undefined in C. */
	if (n == 0)
		return;
	buf_reserve(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
}

void
buf_consume(struct buf *b, size_t n)
{
	b->off += n;
	if (b->off == b->len)
		b->off = b->len = 0;
}

size_t
buf_pending(const struct buf *b)
{
	return b->len - b->off;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}

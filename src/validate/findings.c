/*
 * Findings as a list: appending, and turning byte offsets into the lines
 * and columns editors want. Lines are counted at '\n'; a column counts
 * characters, each valid UTF-8 sequence or stray byte being one, a tab
 * one. A list stops growing at FINDINGS_MAX entries, which bounds memory
 * on hostile input: code with that many findings is flagged anyway.
 */
#include <stdlib.h>
#include <string.h>

#include "../json.h"
#include "../util.h"
#include "findings.h"

#define FINDINGS_MAX	100000

void
findings_add(struct findings *f, const struct rule *r, size_t off)
{
	if (f->n >= FINDINGS_MAX)
		return;
	f->v = xgrow(f->v, f->n, &f->cap, sizeof(*f->v));
	f->v[f->n].rule = r;
	f->v[f->n].line = f->v[f->n].column = 0;
	f->v[f->n].offset = off;
	f->n++;
}

void
findings_free(struct findings *f)
{
	free(f->v);
	f->v = NULL;
	f->n = f->cap = 0;
}

static int
by_offset(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;

	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	return 0;
}

/* Offsets only grow once sorted, so one walk over the code does it. */
void
findings_locate(struct findings *out, size_t first, const char *code,
    size_t len)
{
	const unsigned char *s = (const unsigned char *)code;
	size_t i, k, pos = 0, line = 1, col_pos = 0, col = 1, kept = first;

	if (out->n - first > 1)
		qsort(out->v + first, out->n - first, sizeof(*out->v),
		    by_offset);
	for (i = first; i < out->n; i++) {
		struct finding fd = out->v[i];
		size_t off = fd.offset > len ? len : fd.offset;
		const unsigned char *nl;
		int dup = 0;

		while (pos < off &&
		    (nl = memchr(s + pos, '\n', off - pos)) != NULL) {
			pos = (size_t)(nl - s) + 1;
			line++;
			col_pos = pos;
			col = 1;
		}
		pos = off;
		while (col_pos < off) {
			size_t n = utf8_sequence_length(s + col_pos,
			    len - col_pos);

			col_pos += n == 0 ? 1 : n;
			col++;
		}
		fd.line = line;
		fd.column = col;
		for (k = kept; k-- > first && out->v[k].line == line; )
			if (out->v[k].rule == fd.rule)
				dup = 1;
		if (!dup)
			out->v[kept++] = fd;
	}
	out->n = kept;
}

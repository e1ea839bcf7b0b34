/*
 * The command line that code hands to a shell, rebuilt from its literals.
 * Escapes are undone (\" is a quote to the shell), f-string fields and
 * other code become one \1 byte, and each argv element is quoted to stay
 * one word. Segments remember where each stretch came from, so a match
 * anywhere in the line maps back to a byte of the code. Growth is by
 * doubling; nothing is bounded but the literals themselves.
 */
#include <stdlib.h>
#include <string.h>

#include "../util.h"
#include "scan_shbuf.h"

static void
reserve(struct shbuf *sb, size_t n)
{
	if (sb->len + n <= sb->cap)
		return;
	sb->cap = sb->cap * 2 > sb->len + n + 64 ? sb->cap * 2 :
	    sb->len + n + 64;
	sb->b = xrealloc(sb->b, sb->cap);
}

static void
push_seg(struct shbuf *sb, size_t soff)
{
	sb->seg = xgrow(sb->seg, sb->nseg, &sb->segcap, sizeof(*sb->seg));
	sb->seg[sb->nseg].boff = sb->len;
	sb->seg[sb->nseg].soff = soff;
	sb->nseg++;
}

void
shbuf_reset(struct shbuf *sb)
{
	sb->len = sb->nseg = sb->ntok = 0;
	sb->last = SHB_NONE;
	sb->nstr = 0;
}

void
shbuf_free(struct shbuf *sb)
{
	free(sb->b);
	free(sb->seg);
	free(sb->tok);
	memset(sb, 0, sizeof(*sb));
}

static void
put(struct shbuf *sb, int c)
{
	sb->b[sb->len++] = (char)c;
}

/*
 * Copy a literal's text, undoing the language's escapes so that \" is a
 * quote to the shell. A new segment starts wherever the copy and the code
 * stop advancing together. With SHB_ARGV the text is one argument (an
 * element of ["sh", "-c", "..."]) and is quoted to stay one word.
 */
/* The escape \\ at s[i] (i + 1 < len): what the language makes of it. */
static size_t
put_escape(struct shbuf *sb, const char *s, size_t off, size_t i)
{
	push_seg(sb, off + i);
	switch (s[i + 1]) {
	case 'n':
		put(sb, '\n');
		break;
	case 't': case 'r': case 'f': case 'v':
		put(sb, ' ');
		break;
	case '\n':
		break;		/* a continued line */
	default:
		put(sb, s[i + 1]);
		break;
	}
	push_seg(sb, off + i + 2);
	return i + 2;
}

/* An f-string's { at s[i]: {{ is a brace, a {field} is code (a hole). */
static size_t
put_field(struct shbuf *sb, const char *s, size_t off, size_t i, size_t len)
{
	size_t j;
	int depth = 0;

	if (i + 1 < len && s[i + 1] == '{') {
		put(sb, '{');
		push_seg(sb, off + i + 2);
		return i + 2;
	}
	for (j = i; j < len; j++) {
		if (s[j] == '{')
			depth++;
		else if (s[j] == '}' && --depth == 0) {
			j++;
			break;
		}
	}
	push_seg(sb, off + i);
	put(sb, 1);
	push_seg(sb, off + j);
	return j;
}

void
shbuf_text(struct shbuf *sb, const char *code, size_t off, size_t len,
    unsigned how)
{
	const char *s = code + off;
	size_t i = 0;
	int q = 0;

	if ((how & SHB_ARGV) && memchr(s, '\'', len) == NULL)
		q = '\'';
	else if ((how & SHB_ARGV) && memchr(s, '"', len) == NULL &&
	    memchr(s, '\\', len) == NULL)
		q = '"';
	reserve(sb, len + 2);
	if (q) {
		push_seg(sb, off > 0 ? off - 1 : 0);
		put(sb, q);
	}
	push_seg(sb, off);
	while (i < len) {
		if (s[i] == '\\' && !(how & SHB_RAW) && i + 1 < len)
			i = put_escape(sb, s, off, i);
		else if (s[i] == '{' && (how & SHB_FSTRING))
			i = put_field(sb, s, off, i, len);
		else
			put(sb, s[i++]);
	}
	if (q) {
		push_seg(sb, off + len);
		put(sb, q);
	}
	sb->last = SHB_TEXT;
	sb->nstr++;
}

void
shbuf_hole(struct shbuf *sb, size_t soff)
{
	if (sb->last == SHB_HOLE)
		return;
	reserve(sb, 1);
	push_seg(sb, soff);
	sb->b[sb->len++] = 1;
	sb->last = SHB_HOLE;
}

void
shbuf_space(struct shbuf *sb)
{
	reserve(sb, 1);
	sb->b[sb->len++] = ' ';
	sb->last = SHB_SPACE;
}

void
shbuf_unhole(struct shbuf *sb, size_t soff)
{
	if (sb->last != SHB_HOLE || sb->nseg == 0 ||
	    sb->seg[sb->nseg - 1].boff + 1 != sb->len ||
	    sb->seg[sb->nseg - 1].soff < soff)
		return;
	sb->len--;
	sb->nseg--;
	sb->last = SHB_SPACE;
}

void
shbuf_sep(struct shbuf *sb)
{
	reserve(sb, 1);
	sb->b[sb->len++] = ';';
	sb->last = SHB_SPACE;
}

size_t
shbuf_source(const struct shbuf *sb, size_t pos)
{
	size_t lo = 0, hi = sb->nseg;

	if (hi == 0)
		return 0;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (sb->seg[mid].boff <= pos)
			lo = mid;
		else
			hi = mid;
	}
	return sb->seg[lo].soff + (pos - sb->seg[lo].boff);
}

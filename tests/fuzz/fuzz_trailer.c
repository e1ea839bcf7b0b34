/*
 * The stdout scanner that takes BOOT's trailer (facts, then the files as
 * base64 ustar) off the program's output. The first input byte picks the
 * spool cap and whether -o is on; the rest is stdout, fed in odd-sized
 * pieces with replays in between, as the run loop does. Invariant: the
 * program output that comes out is exactly the input up to the last
 * marker (found here by a plain search), or all of it when there is no
 * marker, unless the scanner says output was lost; with -o, outdir.c's
 * guard holds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/outfiles.h"
#include "../../src/trailer.h"
#include "fuzz.h"
#include "outdir.h"

#define NONCE	"0123456789abcdef0123456789abcdef"

struct sink {
	char	*b;
	size_t	 len, cap;
};

static void
emit(void *ctx, const char *p, size_t n)
{
	struct sink *s = ctx;

	if (s->len + n > s->cap) {
		s->cap = (s->len + n) * 2;
		s->b = realloc(s->b, s->cap);
		FUZZ_ASSERT(s->b != NULL, "out of memory");
	}
	memcpy(s->b + s->len, p, n);
	s->len += n;
}

static void
replay(struct trailer *t, struct sink *s, size_t most)
{
	char buf[4096];
	size_t n;

	while ((n = trailer_replay(t, buf, most < sizeof(buf) ? most :
	    sizeof(buf))) > 0) {
		emit(s, buf, n);
		if (most < sizeof(buf))
			break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t sizes[] = { 1, 7, 43, 44, 45, 511, 4096 };
	static const uint64_t spool_caps[] = { 64, 1000, 1 << 20 };
	char marker[TRAILER_MARKER_LEN + 1], why[1024];
	const struct trailer_facts *f;
	struct outfiles *o = NULL;
	struct sink s = { NULL, 0, 0 };
	struct trailer *t;
	const char *in;
	size_t len, off = 0, k = 0, n, cut, i;

	if (size == 0)
		return 0;
	if (data[0] & 4)
		FUZZ_ASSERT(outfiles_open(outdir_begin(), 1 << 20, 64, &o, why,
		    sizeof(why)) == 0, "outfiles_open: %s", why);
	t = trailer_new(NONCE, spool_caps[(data[0] & 3) % 3], o);
	in = (const char *)data + 1;
	len = size - 1;
	while (off < len) {
		n = sizes[k++ % (sizeof(sizes) / sizeof(sizes[0]))];
		n = n < len - off ? n : len - off;
		FUZZ_ASSERT(trailer_scan(t, in + off, n, emit, &s) == 0,
		    "trailer_scan failed");
		off += n;
		replay(t, &s, 100);
	}
	trailer_end(t, emit, &s);
	replay(t, &s, (size_t)-1);
	f = trailer_facts(t);

	trailer_marker(NONCE, marker);
	cut = len;
	for (i = len; i-- > 0; )
		if (len - i >= TRAILER_MARKER_LEN &&
		    memcmp(in + i, marker, TRAILER_MARKER_LEN) == 0) {
			cut = i;
			break;
		}
	if (!f->lost_output) {
		FUZZ_ASSERT(s.len == cut &&
		    (cut == 0 || memcmp(s.b, in, cut) == 0),
		    "%zu bytes of output came out, the last marker is at %zu "
		    "of %zu", s.len, cut, len);
	} else
		FUZZ_ASSERT(s.len <= len, "more output than input");
	FUZZ_ASSERT(!f->found || cut < len, "a trailer found without a marker");
	trailer_free(t);
	if (o != NULL) {
		outfiles_close(o);
		outdir_end();
	}
	free(s.b);
	return 0;
}

/*
 * The stdout scanner (docs: /work/design/seams.md, Seam 1). BOOT ends the
 * program's stdout with "<marker>facts\n[base64 of a ustar]". The program
 * can learn the nonce, so it can print markers too; but it is dead when
 * BOOT writes its trailer, and neither the facts nor base64 can hold the
 * marker's \001, so the trailer is what follows the LAST marker.
 *
 * Bytes that may be the start of a marker are held back (at most
 * TRAILER_MARKER_LEN - 1 of them, and they are always a prefix of the
 * marker, so no buffer is needed). After a marker everything goes to an
 * unlinked spool file until EOF (then it was the trailer) or the next
 * marker (then it was program output, replayed from the file in order).
 * While a replay is pending, new output also goes through the file, so
 * order is kept and memory stays flat; the file is reset whenever it is
 * replayed to its end. Each byte is looked at once.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "outfiles.h"
#include "trailer.h"
#include "util.h"

#define STAGE		8192
#define MAX_FACTS_LINE	256

struct trailer {
	char		 marker[TRAILER_MARKER_LEN + 1];
	size_t		 matched;	/* marker bytes seen so far */
	int		 spooling;	/* a candidate marker is in the file */
	int		 overflow;	/* the candidate passed spool_max */
	uint64_t	 spool_max;
	struct outfiles	*files;

	int		 fd;		/* the spool, -1 until needed */
	uint64_t	 end;		/* bytes in the file */
	uint64_t	 replay;	/* replayed up to here */
	uint64_t	 confirmed;	/* program output up to here */
	uint64_t	 candidate;	/* where the last marker starts */

	char		 stage[STAGE];
	size_t		 staged;
	struct trailer_facts facts;
};

void
trailer_marker(const char *nonce, char out[TRAILER_MARKER_LEN + 1])
{
	snprintf(out, TRAILER_MARKER_LEN + 1, "\001SBX%.*sTRAILER\001",
	    TRAILER_NONCE_LEN, nonce);
}

struct trailer *
trailer_new(const char *nonce, uint64_t spool_max, struct outfiles *files)
{
	struct trailer *t = xmalloc(sizeof(*t));

	memset(t, 0, sizeof(*t));
	trailer_marker(nonce, t->marker);
	t->spool_max = spool_max;
	t->files = files;
	t->fd = -1;
	return t;
}

static int
open_spool(struct trailer *t)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];

	if (t->fd != -1)
		return 0;
	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	snprintf(path, sizeof(path), "%s/sbx-spool.XXXXXX", dir);
	if ((t->fd = mkstemp(path)) == -1)
		return -1;
	(void)unlink(path);
	(void)set_cloexec(t->fd);
	return 0;
}

static int
spool_write(struct trailer *t, const char *p, size_t len)
{
	ssize_t n;

	if (open_spool(t) == -1)
		return -1;
	while (len > 0) {
		n = pwrite(t->fd, p, len, (off_t)t->end);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		t->end += (uint64_t)n;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Staged bytes go to the caller while nothing waits in the file, else
 * behind what waits (as confirmed output outside a candidate, tentative
 * inside one, dropped past the spool cap).
 */
static int
flush_stage(struct trailer *t, trailer_emit emit, void *ctx)
{
	size_t n = t->staged;

	t->staged = 0;
	if (n == 0)
		return 0;
	if (!t->spooling && t->replay == t->end) {
		emit(ctx, t->stage, n);
		return 0;
	}
	if (t->spooling &&
	    (t->overflow || t->end - t->candidate + n > t->spool_max)) {
		t->overflow = 1;
		return 0;
	}
	if (spool_write(t, t->stage, n) == -1)
		return -1;
	if (!t->spooling)
		t->confirmed = t->end;
	return 0;
}

static int
stage(struct trailer *t, const char *p, size_t n, trailer_emit emit, void *ctx)
{
	while (n > 0) {
		size_t k = STAGE - t->staged;

		k = k < n ? k : n;
		memcpy(t->stage + t->staged, p, k);
		t->staged += k;
		p += k;
		n -= k;
		if (t->staged == STAGE && flush_stage(t, emit, ctx) == -1)
			return -1;
	}
	return 0;
}

/* A whole marker was seen (staged already when spooling). */
static int
on_marker(struct trailer *t, trailer_emit emit, void *ctx)
{
	if (flush_stage(t, emit, ctx) == -1)
		return -1;
	if (t->spooling) {
		if (t->overflow) {
			/* The candidate's tail was dropped: the marker itself was
			 * not kept either. */
			t->facts.lost_output = 1;
			t->overflow = 0;
			t->confirmed = t->end;
			t->candidate = t->end;
			return spool_write(t, t->marker, TRAILER_MARKER_LEN);
		}
		t->candidate = t->end - TRAILER_MARKER_LEN;
		t->confirmed = t->candidate;
		return 0;
	}
	t->spooling = 1;
	t->candidate = t->end;
	return spool_write(t, t->marker, TRAILER_MARKER_LEN);
}

int
trailer_scan(struct trailer *t, const char *p, size_t len, trailer_emit emit,
    void *ctx)
{
	const size_t mlen = TRAILER_MARKER_LEN;
	size_t i, run = 0;

	for (i = 0; i < len; i++) {
		const char *next;
		char c;

		if (t->matched == 0) {
			if ((next = memchr(p + i, '\001', len - i)) == NULL)
				break;
			i = (size_t)(next - p);
		}
		c = p[i];
		/* Emit the plain run before this byte. */
		if (stage(t, p + run, i - run, emit, ctx) == -1)
			return -1;
		run = i + 1;
		if (c == t->marker[t->matched]) {
			if (t->spooling && stage(t, &c, 1, emit, ctx) == -1)
				return -1;
			if (++t->matched == mlen) {
				/* A marker ends with the \001 it starts with:
				 * output "<marker less its last byte>" then
				 * BOOT's marker shares that byte, and the
				 * last marker is the one it begins. */
				t->matched = 1;
				if (on_marker(t, emit, ctx) == -1)
					return -1;
			}
			continue;
		}
		/* A mismatch: held bytes were output (only outside a
		 * candidate were they held); none of them but the first is
		 * \001, so the match restarts at most at this byte. */
		if (!t->spooling &&
		    stage(t, t->marker, t->matched, emit, ctx) == -1)
			return -1;
		t->matched = 0;
		if (c == '\001') {
			if (t->spooling && stage(t, &c, 1, emit, ctx) == -1)
				return -1;
			t->matched = 1;
		} else
			run = i;
	}
	if (stage(t, p + run, len - run, emit, ctx) == -1)
		return -1;
	return flush_stage(t, emit, ctx);
}

size_t
trailer_replay(struct trailer *t, char *buf, size_t len)
{
	ssize_t n;

	if (t->replay >= t->confirmed)
		return 0;
	if (len > t->confirmed - t->replay)
		len = (size_t)(t->confirmed - t->replay);
	do
		n = pread(t->fd, buf, len, (off_t)t->replay);
	while (n == -1 && errno == EINTR);
	if (n <= 0) {
		/* The spool cannot be read back: what it held is lost. */
		t->facts.lost_output = 1;
		t->replay = t->confirmed;
		n = 0;
	} else
		t->replay += (uint64_t)n;
	if (t->replay == t->end && !t->spooling) {
		(void)ftruncate(t->fd, 0);
		t->replay = t->confirmed = t->end = t->candidate = 0;
	}
	return (size_t)n;
}

static int
parse_u64(const char *s, const char *key, int *have, uint64_t *v)
{
	size_t k = strlen(key);
	const char *p;

	if (strncmp(s, key, k) != 0)
		return -1;
	p = s + k;
	*have = 0;
	*v = 0;
	if (*p == '-' && (p[1] == ' ' || p[1] == '\0'))
		return 0;
	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (*v > (UINT64_MAX - 9) / 10)
			return -1;
		*v = *v * 10 + (uint64_t)(*p - '0');
	}
	if (*p != ' ' && *p != '\0')
		return -1;
	*have = 1;
	return 0;
}

/* "cpu=<ns|-> mem=<bytes|-> status=<n>": all fields, or none. */
static int
parse_facts(struct trailer_facts *f, char *line)
{
	char *mem, *status;
	uint64_t v;

	if ((mem = strstr(line, " mem=")) == NULL ||
	    (status = strstr(line, " status=")) == NULL || status < mem)
		return -1;
	*mem++ = '\0';
	*status++ = '\0';
	if (parse_u64(line, "cpu=", &f->have_cpu, &f->cpu_ns) == -1 ||
	    parse_u64(mem, "mem=", &f->have_mem, &f->mem_bytes) == -1 ||
	    parse_u64(status, "status=", &f->have_status, &v) == -1 ||
	    !f->have_status || v > 255) {
		f->have_cpu = f->have_mem = f->have_status = 0;
		return -1;
	}
	f->status = (int)v;
	return 0;
}

struct b64 {
	unsigned	 bits, nbits;
	int		 done, bad;
};

/* -1: not base64; -2: ignored (line breaks). */
static signed char b64_table[256];

static void
b64_init(void)
{
	static const char alphabet[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	int i;

	if (b64_table['A'] == 0 && b64_table['B'] == 1)
		return;
	memset(b64_table, -1, sizeof(b64_table));
	for (i = 0; i < 64; i++)
		b64_table[(unsigned char)alphabet[i]] = (signed char)i;
	b64_table['\n'] = b64_table['\r'] = -2;
}

/* Decode in place: out may be in; returns the bytes decoded. */
static size_t
b64_decode(struct b64 *d, const char *in, size_t len, char *out)
{
	size_t i, n = 0;
	int v;

	b64_init();
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)in[i];

		if ((v = b64_table[c]) == -2)
			continue;
		if (c == '=') {
			d->done = 1;
			continue;
		}
		if (d->done || v < 0) {
			d->bad = 1;
			break;
		}
		d->bits = (d->bits << 6 | (unsigned)v) & 0xffffff;
		d->nbits += 6;
		if (d->nbits >= 8) {
			d->nbits -= 8;
			out[n++] = (char)(d->bits >> d->nbits & 0xff);
		}
	}
	return n;
}

void
trailer_end(struct trailer *t, trailer_emit emit, void *ctx)
{
	char buf[65536], line[MAX_FACTS_LINE + 1];
	uint64_t pos;
	struct b64 d = { 0, 0, 0, 0 };
	ssize_t n;
	size_t i, got;

	if (!t->spooling) {
		/* Held bytes were output after all. */
		if (stage(t, t->marker, t->matched, emit, ctx) == -1 ||
		    flush_stage(t, emit, ctx) == -1)
			t->facts.lost_output = 1;
		t->matched = 0;
		return;
	}
	(void)flush_stage(t, emit, ctx);
	t->spooling = 0;
	pos = t->candidate + TRAILER_MARKER_LEN;
	do
		n = pread(t->fd, line, MAX_FACTS_LINE, (off_t)pos);
	while (n == -1 && errno == EINTR);
	if (n <= 0)
		goto done;
	line[n] = '\0';
	for (i = 0; i < (size_t)n && line[i] != '\n'; i++)
		if (line[i] == '\0')
			break;
	if (i == (size_t)n || line[i] != '\n')
		goto done;
	line[i] = '\0';
	if (parse_facts(&t->facts, line) == -1)
		goto done;
	t->facts.found = 1;
	pos += i + 1;
	while (t->files != NULL && pos < t->end && !d.bad) {
		do
			n = pread(t->fd, buf, sizeof(buf), (off_t)pos);
		while (n == -1 && errno == EINTR);
		if (n <= 0)
			break;
		pos += (uint64_t)n;
		got = b64_decode(&d, buf, (size_t)n, buf);
		outfiles_feed(t->files, buf, got);
	}
	t->facts.bad_base64 = d.bad;
	if (d.bad && t->files != NULL)
		outfiles_fail(t->files, "the files came back damaged (not "
		    "base64); what was complete before the damage is kept");
done:
	if (t->files != NULL && t->facts.found)
		outfiles_finish(t->files);
	/* The trailer is spent; only confirmed output remains to replay. */
	t->end = t->candidate;
	if (t->replay >= t->confirmed && t->fd != -1) {
		(void)ftruncate(t->fd, 0);
		t->replay = t->confirmed = t->end = t->candidate = 0;
	}
}

const struct trailer_facts *
trailer_facts(const struct trailer *t)
{
	return &t->facts;
}

void
trailer_free(struct trailer *t)
{
	if (t == NULL)
		return;
	if (t->fd != -1)
		close(t->fd);
	free(t);
}

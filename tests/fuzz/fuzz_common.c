/*
 * The pieces of the fuzz harness every target links: the die() wrapper
 * and an independent UTF-8 decoder (written from RFC 3629's table, so a
 * bug in json.c's validator is not repeated here).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

jmp_buf		 refusal;
volatile int	 refusal_armed;
char		 refusal_message[4096];

void
__wrap_die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(refusal_message, sizeof(refusal_message), fmt, ap);
	va_end(ap);
	if (!refusal_armed) {
		fprintf(stderr, "fuzz: die() where no refusal is expected: "
		    "sbx: %s\n", refusal_message);
		abort();
	}
	refusal_armed = 0;
	longjmp(refusal, 1);
}

void
fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	fputs("fuzz: invariant broken: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

size_t
ref_utf8(const unsigned char *s, size_t avail, uint32_t *cp)
{
	uint32_t c, min;
	size_t need, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		need = 2;
		c = s[0] & 0x1f;
		min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		need = 3;
		c = s[0] & 0x0f;
		min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		need = 4;
		c = s[0] & 0x07;
		min = 0x10000;
	} else
		return 0;
	if (avail < need)
		return 0;
	for (i = 1; i < need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return need;
}

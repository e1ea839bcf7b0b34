/*
 * The JSON string encoder on arbitrary bytes. What json.h promises: the
 * output is one valid JSON string (RFC 8259, checked by the small strict
 * decoder below, not by json.c) and valid UTF-8, and it decodes to the
 * input with each byte that is not part of valid UTF-8 (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF) replaced by
 * U+FFFD. The same input also goes through escape_line(), whose promise
 * is one line of valid UTF-8 without control characters, within its size.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/json.h"
#include "../../src/util.h"
#include "fuzz.h"

static const unsigned char replacement[] = { 0xef, 0xbf, 0xbd };

static void
put_utf8(unsigned char *out, size_t *o, uint32_t c)
{
	if (c < 0x80)
		out[(*o)++] = (unsigned char)c;
	else if (c < 0x800) {
		out[(*o)++] = (unsigned char)(0xc0 | c >> 6);
		out[(*o)++] = (unsigned char)(0x80 | (c & 0x3f));
	} else if (c < 0x10000) {
		out[(*o)++] = (unsigned char)(0xe0 | c >> 12);
		out[(*o)++] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
		out[(*o)++] = (unsigned char)(0x80 | (c & 0x3f));
	} else {
		out[(*o)++] = (unsigned char)(0xf0 | c >> 18);
		out[(*o)++] = (unsigned char)(0x80 | (c >> 12 & 0x3f));
		out[(*o)++] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
		out[(*o)++] = (unsigned char)(0x80 | (c & 0x3f));
	}
}

static int
hex4(const unsigned char *s, uint32_t *v)
{
	int i;

	*v = 0;
	for (i = 0; i < 4; i++) {
		unsigned char c = s[i];

		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			*v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			*v |= c - 'A' + 10;
		else
			return -1;
	}
	return 0;
}

/*
 * Decode the JSON text s[0..len), which must be exactly one string, into
 * out (room for len bytes: decoding never grows). -1 where it is not
 * valid JSON, with the offset in *at.
 */
static int
decode(const unsigned char *s, size_t len, unsigned char *out, size_t *olen,
    size_t *at)
{
	size_t i = 1, o = 0, n;
	uint32_t c, lo;

	*at = 0;
	if (len < 2 || s[0] != '"')
		return -1;
	while (i < len && s[i] != '"') {
		*at = i;
		if (s[i] < 0x20)
			return -1;
		if (s[i] != '\\') {
			if ((n = ref_utf8(s + i, len - i, &c)) == 0)
				return -1;
			memcpy(out + o, s + i, n);
			o += n;
			i += n;
			continue;
		}
		if (i + 1 >= len)
			return -1;
		switch (s[i + 1]) {
		case '"': case '\\': case '/': out[o++] = s[i + 1]; i += 2; continue;
		case 'b': out[o++] = '\b'; i += 2; continue;
		case 'f': out[o++] = '\f'; i += 2; continue;
		case 'n': out[o++] = '\n'; i += 2; continue;
		case 'r': out[o++] = '\r'; i += 2; continue;
		case 't': out[o++] = '\t'; i += 2; continue;
		case 'u': break;
		default: return -1;
		}
		if (i + 6 > len || hex4(s + i + 2, &c) == -1)
			return -1;
		i += 6;
		if (c >= 0xdc00 && c <= 0xdfff)
			return -1;	/* a lone low surrogate */
		if (c >= 0xd800 && c <= 0xdbff) {
			if (i + 6 > len || s[i] != '\\' || s[i + 1] != 'u' ||
			    hex4(s + i + 2, &lo) == -1 || lo < 0xdc00 ||
			    lo > 0xdfff)
				return -1;
			c = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
			i += 6;
		}
		put_utf8(out, &o, c);
	}
	if (i + 1 != len)
		return -1;	/* no closing quote, or bytes after it */
	*olen = o;
	return 0;
}

/* The input with each byte outside valid UTF-8 as U+FFFD: room 3 * len. */
static size_t
expected(const unsigned char *s, size_t len, unsigned char *out)
{
	size_t i = 0, o = 0, n;
	uint32_t c;

	while (i < len) {
		if ((n = ref_utf8(s + i, len - i, &c)) == 0) {
			memcpy(out + o, replacement, 3);
			o += 3;
			i++;
			continue;
		}
		memcpy(out + o, s + i, n);
		o += n;
		i += n;
	}
	return o;
}

static void
check_escape_line(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), out[256];
	size_t len, i, n, room = 1 + (size ? data[0] : 0) % sizeof(out);
	uint32_t c;

	memcpy(s, data, size);
	s[size] = '\0';
	escape_line(s, out, room);
	len = strlen(out);
	FUZZ_ASSERT(len < room, "escape_line wrote %zu bytes into %zu", len,
	    room);
	for (i = 0; i < len; i += n) {
		n = ref_utf8((const unsigned char *)out + i, len - i, &c);
		FUZZ_ASSERT(n != 0, "escape_line left invalid UTF-8 at %zu", i);
		FUZZ_ASSERT(c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0),
		    "escape_line left control character U+%04X at %zu",
		    (unsigned)c, i);
	}
	free(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *want, *got;
	char *text = NULL;
	size_t textlen = 0, wantlen, gotlen, at;
	FILE *mem;

	mem = open_memstream(&text, &textlen);
	FUZZ_ASSERT(mem != NULL, "open_memstream");
	json_put_string(mem, (const char *)data, size);
	FUZZ_ASSERT(fclose(mem) == 0, "fclose");

	got = malloc(textlen + 1);
	FUZZ_ASSERT(decode((unsigned char *)text, textlen, got, &gotlen,
	    &at) == 0, "not a valid JSON string at byte %zu of %zu", at,
	    textlen);
	want = malloc(3 * size + 1);
	wantlen = expected(data, size, want);
	FUZZ_ASSERT(gotlen == wantlen && memcmp(got, want, wantlen) == 0,
	    "decodes to %zu bytes, not the %zu expected", gotlen, wantlen);
	free(want);
	free(got);
	free(text);
	check_escape_line(data, size);
	return 0;
}

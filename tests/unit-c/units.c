/*
 * C-level regression cases for helpers that the command line cannot reach
 * directly. Built with ASan+UBSan (make build/test-units), so undefined
 * behaviour is a failure, not a quiet success. TAP output, one case per
 * line; exits 1 when any case fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/buf.h"
#include "../../src/endmark.h"
#include "../../src/util.h"

static int failed, cases;

static void
ok(int cond, const char *what)
{
	cases++;
	printf("%s %d - %s\n", cond ? "ok" : "not ok", cases, what);
	if (!cond)
		failed = 1;
}

static void
escapes(const char *in, const char *want)
{
	char out[256], what[512];

	escape_line(in, out, sizeof(out));
	snprintf(what, sizeof(what), "escape_line gives '%s' (got '%s')", want,
	    out);
	ok(strcmp(out, want) == 0, what);
}

static void
collect(void *ctx, const char *p, size_t n)
{
	buf_append(ctx, p, n);
}

/*
 * The end mark scanner on `in`, cut into two reads at every point: the
 * program's bytes come out as `want`, and the mark is seen with `status`
 * (or not, status -1), however the reads fall.
 */
static void
endmarks(const char *in, size_t len, const char *want, size_t want_len,
    int status, const char *what)
{
	const char *nonce = "0123456789abcdef0123456789abcdef";
	struct endmark m;
	struct buf got = { 0 };
	size_t cut;
	int good = 1;

	for (cut = 0; cut <= len; cut++) {
		endmark_init(&m, nonce);
		got.off = got.len = 0;
		endmark_scan(&m, in, cut, collect, &got);
		endmark_scan(&m, in + cut, len - cut, collect, &got);
		endmark_flush(&m, collect, &got);
		if (got.len != want_len || (want_len > 0 &&
		    memcmp(got.data, want, want_len) != 0) ||
		    m.seen != (status >= 0) || (status >= 0 && m.status != status))
			good = 0;
	}
	buf_free(&got);
	ok(good, what);
}

#define MARK(st)	"\001SBX0123456789abcdef0123456789abcdefEND" st "\001"
#define ENDMARKS(in, want, status, what) \
	endmarks(in, sizeof(in) - 1, want, sizeof(want) - 1, status, what)

int
main(void)
{
	struct buf b = { 0 };
	char small[6];

	/* UBSan: "applying zero offset to null pointer" before the fix. */
	buf_append(&b, "", 0);
	ok(b.data == NULL && buf_pending(&b) == 0,
	    "an empty chunk appended to an empty buffer leaves it empty");
	buf_append(&b, "ab", 2);
	buf_append(&b, NULL, 0);
	ok(buf_pending(&b) == 2 && memcmp(b.data, "ab", 2) == 0,
	    "an empty chunk appended to a full buffer changes nothing");
	buf_free(&b);

	escapes("plain 'value'", "plain 'value'");
	escapes("a\nb\rc\td", "a\\nb\\rc\\td");
	escapes("\x1b[31mred", "\\x1b[31mred");
	escapes("del\x7f", "del\\x7f");
	escapes("caf\xc3\xa9 \xe2\x82\xac", "caf\xc3\xa9 \xe2\x82\xac");
	escapes("c1 \xc2\x9b", "c1 \\xc2\\x9b");
	escapes("bad \xff\xc3", "bad \\xff\\xc3");
	escape_line("abc\n", small, 5);
	ok(strcmp(small, "abc") == 0, "escape_line never cuts an escape in half");

	ENDMARKS("hello\n" MARK("0"), "hello\n", 0,
	    "an end mark after the output: the output, status 0");
	ENDMARKS(MARK("143"), "", 143, "an end mark alone: status 143");
	ENDMARKS("a" MARK("7") "after", "a", 7,
	    "what follows an end mark is dropped");
	ENDMARKS("\001\001SBX\001SBX0123\001" MARK("1"),
	    "\001\001SBX\001SBX0123\001", 1,
	    "starts of a mark that break off are output, the mark after them is seen");
	ENDMARKS("x\001SBX0123456789abcdef0123456789abcdefEND12",
	    "x\001SBX0123456789abcdef0123456789abcdefEND12", -1,
	    "a mark cut off by EOF is output as it was");
	ENDMARKS("\001SBX0123456789abcdef0123456789abcdefEND256\001",
	    "\001SBX0123456789abcdef0123456789abcdefEND256\001", -1,
	    "a status over 255 is no mark");
	ENDMARKS("\001SBX0123456789abcdef0123456789abcdefEND1234\001",
	    "\001SBX0123456789abcdef0123456789abcdefEND1234\001", -1,
	    "four digits are no mark");
	ENDMARKS("\001SBX0123456789abcdef0123456789abcdefEND\001" MARK("3"),
	    "\001SBX0123456789abcdef0123456789abcdefEND\001", 3,
	    "a mark without a status is output; a real one after it is seen");
	ENDMARKS("\001SBXffffffffffffffffffffffffffffffffEND0\001",
	    "\001SBXffffffffffffffffffffffffffffffffEND0\001", -1,
	    "a mark with another nonce is output");
	escape_line("ab\xc3\xa9", small, 4);
	ok(strcmp(small, "ab") == 0, "escape_line never cuts a character in half");

	printf("1..%d\n", cases);
	return failed;
}

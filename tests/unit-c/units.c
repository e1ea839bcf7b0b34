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
	escape_line("ab\xc3\xa9", small, 4);
	ok(strcmp(small, "ab") == 0, "escape_line never cuts a character in half");

	printf("1..%d\n", cases);
	return failed;
}

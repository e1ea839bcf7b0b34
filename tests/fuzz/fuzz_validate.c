/*
 * The validator on arbitrary bytes. The first byte picks the scanner:
 * 'p' Python, 'j' JavaScript, 's' the shell scanner on the rest as one
 * command line (what os.system("...") hands it); any other byte picks by
 * its value modulo 3. Run with -timeout=2: the validator promises time
 * linear in the code, so a slow input is a finding.
 *
 * Invariants, besides the sanitizers: every finding names a rule, lies
 * within the code (offset <= length), has the line and column that an
 * independent count from the offset gives (lines at '\n', a column per
 * valid UTF-8 sequence or stray byte), findings are in order, and no rule
 * appears twice on a line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/findings.h"
#include "../../src/lang.h"
#include "../../src/scan_shbuf.h"
#include "../../src/scan_shell.h"
#include "../../src/validate.h"
#include "fuzz.h"

static void
locate(const unsigned char *code, size_t len, size_t off, size_t *line,
    size_t *col)
{
	size_t i, start = 0, n;
	uint32_t cp;

	*line = 1;
	for (i = 0; i < off; i++)
		if (code[i] == '\n') {
			(*line)++;
			start = i + 1;
		}
	*col = 1;
	/* A character that starts before off counts, even if off is inside
	 * it. */
	for (i = start; i < off; i += n, (*col)++)
		if ((n = ref_utf8(code + i, len - i, &cp)) == 0)
			n = 1;
}

static void
check(const struct findings *f, const unsigned char *code, size_t len)
{
	size_t i, k, line, col;

	for (i = 0; i < f->n; i++) {
		const struct finding *fd = &f->v[i];

		FUZZ_ASSERT(fd->rule != NULL && fd->rule->id != NULL &&
		    fd->rule->message != NULL, "finding %zu has no rule", i);
		FUZZ_ASSERT(fd->offset <= len, "%s at offset %zu of %zu bytes",
		    fd->rule->id, fd->offset, len);
		locate(code, len, fd->offset, &line, &col);
		FUZZ_ASSERT(fd->line == line && fd->column == col,
		    "%s at offset %zu: %zu:%zu, the code says %zu:%zu",
		    fd->rule->id, fd->offset, fd->line, fd->column, line, col);
		FUZZ_ASSERT(i == 0 || f->v[i - 1].offset <= fd->offset,
		    "findings out of order at %zu", i);
		for (k = i; k-- > 0 && f->v[k].line == fd->line; )
			FUZZ_ASSERT(f->v[k].rule != fd->rule,
			    "%s twice on line %zu", fd->rule->id, fd->line);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct lang python = { .name = "python" };
	static const struct lang node = { .name = "node" };
	struct findings f = { 0 };
	struct shbuf sb;
	unsigned char *code;
	size_t len;
	int which;

	if (size == 0)
		return 0;
	which = data[0] == 'p' ? 0 : data[0] == 'j' ? 1 : data[0] == 's' ? 2 :
	    data[0] % 3;
	len = size - 1;
	/* A copy of exactly len bytes: ASan sees any read past the end. */
	code = malloc(len ? len : 1);
	memcpy(code, data + 1, len);
	if (which < 2) {
		FUZZ_ASSERT(validate_scan(which == 0 ? &python : &node,
		    (const char *)code, len, &f) == 0, "validate_scan failed");
	} else {
		memset(&sb, 0, sizeof(sb));
		shbuf_text(&sb, (const char *)code, 0, len, SHB_RAW);
		shell_scan(&sb, &f);
		shbuf_free(&sb);
		findings_locate(&f, 0, (const char *)code, len);
	}
	check(&f, code, len);
	findings_free(&f);
	free(code);
	return 0;
}

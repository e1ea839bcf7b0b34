/*
 * The validator on arbitrary bytes. The first byte picks the scanner:
 * 'p' Python, 'j' JavaScript, 's' the shell scanner on the rest as one
 * command line (what os.system("...") hands it); 'P', 'J' and 'S' do the
 * same with the rest repeated to REPEAT_TO bytes, so that time that grows
 * faster than the code shows even from a short input; any other byte
 * picks by its value modulo 3, without repeating. Run with -timeout=2:
 * the validator promises time linear in the code, so a slow input is a
 * finding.
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

#include "../../src/lang.h"
#include "../../src/validate/findings.h"
#include "../../src/validate/rules.h"
#include "../../src/validate/scan_shbuf.h"
#include "../../src/validate/scan_shell.h"
#include "../../src/validate/validate.h"
#include "fuzz.h"

#define REPEAT_TO	(128 * 1024)

/*
 * Where the walk stands: the next character starts at pos. A column is 1
 * + the characters that start between the line's start and the offset,
 * so one that straddles an offset counts for it.
 */
struct walk {
	size_t	 pos, line, col;
};

static void
walk_to(struct walk *w, const unsigned char *code, size_t len, size_t off)
{
	uint32_t cp;
	size_t n;

	while (w->pos < off) {
		if (code[w->pos] == '\n') {
			w->line++;
			w->col = 1;
			w->pos++;
			continue;
		}
		if ((n = ref_utf8(code + w->pos, len - w->pos, &cp)) == 0)
			n = 1;
		w->pos += n;
		w->col++;
	}
}

/* Findings come sorted, so one walk over the code places them all. */
static void
check(const struct findings *f, const unsigned char *code, size_t len)
{
	struct walk w = { 0, 1, 1 };
	size_t i, k;

	for (i = 0; i < f->n; i++) {
		const struct finding *fd = &f->v[i];

		FUZZ_ASSERT(fd->rule != NULL && fd->rule->id != NULL &&
		    fd->rule->message != NULL, "finding %zu has no rule", i);
		FUZZ_ASSERT(fd->offset <= len, "%s at offset %zu of %zu bytes",
		    fd->rule->id, fd->offset, len);
		FUZZ_ASSERT(i == 0 || f->v[i - 1].offset <= fd->offset,
		    "findings out of order at %zu", i);
		walk_to(&w, code, len, fd->offset);
		FUZZ_ASSERT(fd->line == w.line && fd->column == w.col,
		    "%s at offset %zu: %zu:%zu, the code says %zu:%zu",
		    fd->rule->id, fd->offset, fd->line, fd->column, w.line,
		    w.col);
		/* At most one per rule and line bounds this loop. */
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
	static const char modes[] = "pjsPJS";
	unsigned char *code;
	const char *p;
	size_t len, times = 1, i;
	int which;

	if (size == 0)
		return 0;
	p = strchr(modes, data[0]);
	which = p != NULL && data[0] != '\0' ? (int)(p - modes) : data[0] % 3;
	len = size - 1;
	if (which >= 3 && len > 0) {
		times = (REPEAT_TO + len - 1) / len;
		len *= times;
	}
	/* A copy of exactly len bytes: ASan sees any read past the end. */
	code = malloc(len ? len : 1);
	for (i = 0; i < times; i++)
		memcpy(code + i * (size - 1), data + 1, size - 1);
	which %= 3;
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

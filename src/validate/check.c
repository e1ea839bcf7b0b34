/*
 * The output of sbx --check and --validate. The text form is the one
 * compilers use, so editors and CI annotators jump to the line without
 * configuration; the JSON form carries the same fields plus the rule's
 * name and severity. Every string goes through json_put_string, so file
 * names with odd bytes still make valid JSON.
 */
#include <stdio.h>
#include <string.h>

#include "../json.h"
#include "check.h"
#include "findings.h"
#include "rules.h"

void
check_print_text(FILE *out, const char *display_name, const struct findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		fprintf(out, "%s:%zu:%zu: %s: %s\n", display_name, f->v[i].line,
		    f->v[i].column, f->v[i].rule->id, f->v[i].rule->message);
}

static void
put_field(FILE *out, const char *key, const char *value)
{
	fprintf(out, "\"%s\":", key);
	json_put_string(out, value, strlen(value));
}

void
check_print_json(FILE *out, const char *display_name, const struct findings *f)
{
	const struct rule *r;
	size_t i;

	if (f->n == 0) {
		fputs("[]\n", out);
		return;
	}
	fputs("[\n", out);
	for (i = 0; i < f->n; i++) {
		r = f->v[i].rule;
		putc('{', out);
		put_field(out, "file", display_name);
		fprintf(out, ",\"line\":%zu,\"column\":%zu,", f->v[i].line,
		    f->v[i].column);
		put_field(out, "rule", r->id);
		putc(',', out);
		put_field(out, "name", r->name);
		putc(',', out);
		put_field(out, "severity", r->severity);
		putc(',', out);
		put_field(out, "message", r->message);
		fputs(i + 1 < f->n ? "},\n" : "}\n", out);
	}
	fputs("]\n", out);
}

/*
 * Option parsing, the engine argv and --dry-run's quoting. The input is
 * NUL-separated words: leading SBX_NAME=VALUE words become the
 * environment, the rest is sbx's argv. A refusal (die) is an answer.
 * When parsing succeeds for a run, the argv is built as main.c does and
 * printed as --dry-run prints it; that line, split by a POSIX shell's
 * rules (the splitter below, which knows the quoting the printer may
 * use: bare words, '...', "..." and $'...'), must be one line and give
 * back the argv exactly. A bare first word that a shell would read as an
 * assignment or a reserved word does not give it back.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <getopt.h>

#include "../../src/argv.h"
#include "../../src/cli.h"
#include "../../src/lang.h"
#include "fuzz.h"

#define MAX_WORDS	64

extern char **environ;

static struct lang_table languages;
/* Static: they live across the longjmp of a refusal. */
static struct sbx_opts opts;
static char *words[MAX_WORDS + 2];

struct split {
	char	**v;
	size_t	  n;
	char	  why[128];
};

static int
is_hex(int c)
{
	return isxdigit((unsigned char)c);
}

static int
hex_value(int c)
{
	return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

/* $'...' from just after the opening quote: -1 on what POSIX leaves
 * unspecified or a shell reads differently. */
static int
dollar_single(const char **pp, char *w, size_t *o, char *why, size_t whylen)
{
	const char *p = *pp;
	int v, k;

	for (;;) {
		if (*p == '\0') {
			snprintf(why, whylen, "unterminated $'");
			return -1;
		}
		if (*p == '\'')
			break;
		if (*p != '\\') {
			w[(*o)++] = *p++;
			continue;
		}
		p++;
		switch (*p) {
		case 'n': w[(*o)++] = '\n'; p++; break;
		case 't': w[(*o)++] = '\t'; p++; break;
		case 'r': w[(*o)++] = '\r'; p++; break;
		case 'a': w[(*o)++] = '\a'; p++; break;
		case 'b': w[(*o)++] = '\b'; p++; break;
		case 'f': w[(*o)++] = '\f'; p++; break;
		case 'v': w[(*o)++] = '\v'; p++; break;
		case 'e': w[(*o)++] = 0x1b; p++; break;
		case '\\': case '\'': case '"': case '?':
			w[(*o)++] = *p++;
			break;
		case 'x':
			p++;
			for (v = 0, k = 0; k < 2 && is_hex(*p); k++, p++)
				v = v * 16 + hex_value(*p);
			if (k == 0 || is_hex(*p)) {
				/* POSIX: more than two digits is unspecified
				 * (ksh93 reads them all). */
				snprintf(why, whylen, "\\x with %s hex digits",
				    k == 0 ? "no" : "more than two");
				return -1;
			}
			w[(*o)++] = (char)v;
			break;
		default:
			if (*p >= '0' && *p <= '7') {
				for (v = 0, k = 0; k < 3 && *p >= '0' &&
				    *p <= '7'; k++, p++)
					v = v * 8 + (*p - '0');
				w[(*o)++] = (char)v;
				break;
			}
			snprintf(why, whylen, "\\%c in $'...'", *p ? *p : '0');
			return -1;
		}
	}
	*pp = p + 1;
	return 0;
}

/* POSIX's reserved words, and those bash and ksh add. */
static const char *const reserved[] = { "!", "{", "}", "case", "coproc",
	"do", "done", "elif", "else", "esac", "fi", "for", "function", "if",
	"in", "select", "then", "time", "until", "while", NULL };

/* NAME=... with NAME a shell name: an assignment in command position. */
static int
is_assignment(const char *w, size_t n)
{
	size_t i;

	if (n == 0 || !(isalpha((unsigned char)w[0]) || w[0] == '_'))
		return 0;
	for (i = 0; i < n; i++) {
		if (w[i] == '=')
			return 1;
		if (!isalnum((unsigned char)w[i]) && w[i] != '_')
			return 0;
	}
	return 0;
}

/*
 * One line of shell words into s->v. Characters a shell would act on
 * (globs, $, `, redirections, ...) outside quotes are an error: the
 * printer must quote them.
 */
static int
split(const char *line, struct split *s)
{
	const char *p = line;
	size_t len = strlen(line), o;
	char *w;
	int quoted;

	s->v = calloc(len + 1, sizeof(*s->v));
	s->n = 0;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\n' && p[1] == '\0')
			return 0;
		if (*p == '\0') {
			snprintf(s->why, sizeof(s->why), "no newline at the end");
			return -1;
		}
		w = malloc(len + 1);
		o = 0;
		quoted = 0;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\n') {
			if (*p == '\'') {
				const char *end = strchr(p + 1, '\'');

				if (end == NULL) {
					snprintf(s->why, sizeof(s->why),
					    "unterminated '");
					free(w);
					return -1;
				}
				memcpy(w + o, p + 1, (size_t)(end - p - 1));
				o += (size_t)(end - p - 1);
				p = end + 1;
				quoted = 1;
			} else if (p[0] == '$' && p[1] == '\'') {
				p += 2;
				if (dollar_single(&p, w, &o, s->why,
				    sizeof(s->why)) == -1) {
					free(w);
					return -1;
				}
				quoted = 1;
			} else if (*p == '"') {
				for (p++; *p != '"'; p++) {
					if (*p == '\0' || *p == '$' ||
					    *p == '`') {
						snprintf(s->why, sizeof(s->why),
						    "%s in \"...\"", *p ?
						    "an expansion" : "unterminated");
						free(w);
						return -1;
					}
					if (*p == '\\' && strchr("$`\"\\",
					    p[1]) != NULL)
						p++;
					w[o++] = *p;
				}
				p++;
				quoted = 1;
			} else if (*p == '\\') {
				if (p[1] == '\0' || p[1] == '\n') {
					snprintf(s->why, sizeof(s->why),
					    "a backslash at the end");
					free(w);
					return -1;
				}
				w[o++] = p[1];
				p += 2;
				quoted = 1;
			} else if (strchr("|&;<>()$`*?[#~", *p) != NULL &&
			    !(*p == '#' && o > 0) && !(*p == '~' && o > 0)) {
				snprintf(s->why, sizeof(s->why),
				    "'%c' outside quotes", *p);
				free(w);
				return -1;
			} else
				w[o++] = *p++;
		}
		w[o] = '\0';
		if (s->n == 0 && !quoted) {
			size_t i;

			for (i = 0; reserved[i] != NULL; i++)
				if (strcmp(w, reserved[i]) == 0) {
					snprintf(s->why, sizeof(s->why),
					    "'%s' first is a reserved word", w);
					free(w);
					return -1;
				}
			if (is_assignment(w, o)) {
				snprintf(s->why, sizeof(s->why),
				    "'%s' first is an assignment", w);
				free(w);
				return -1;
			}
		}
		s->v[s->n++] = w;
	}
}

static void
split_free(struct split *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
}

static void
check_dry_run(const struct sbx_opts *o)
{
	static const struct container_id id = { "sbx-fuzz-1", "host:1" };
	struct argv a = { 0 };
	struct split s;
	char workdir[4096], *line = NULL;
	size_t linelen = 0, i;
	FILE *mem;

	if (o->workspace != NULL)
		argv_workdir(o->workspace, workdir, sizeof(workdir));
	argv_build_run(&a, o, &id, o->workspace != NULL ? workdir : NULL);
	mem = open_memstream(&line, &linelen);
	FUZZ_ASSERT(mem != NULL, "open_memstream");
	argv_print_quoted(mem, &a);
	FUZZ_ASSERT(fclose(mem) == 0, "fclose");
	FUZZ_ASSERT(strlen(line) == linelen && strchr(line, '\n') ==
	    line + linelen - 1, "--dry-run printed more than one line: %.300s",
	    line);
	memset(&s, 0, sizeof(s));
	FUZZ_ASSERT(split(line, &s) == 0, "--dry-run line does not split: "
	    "%s: %.300s", s.why, line);
	FUZZ_ASSERT(s.n == a.n, "%zu words printed, %zu split", a.n, s.n);
	for (i = 0; i < a.n; i++)
		FUZZ_ASSERT(strcmp(s.v[i], a.v[i]) == 0, "word %zu is '%s', "
		    "printed as '%s'", i, a.v[i], s.v[i]);
	split_free(&s);
	free(line);
	argv_free(&a);
}

static void
clear_sbx_environment(void)
{
	for (;;) {
		char **e, *name;

		for (e = environ; *e != NULL; e++)
			if (strncmp(*e, "SBX_", 4) == 0)
				break;
		if (*e == NULL)
			return;
		/* The whole name, however long: a cut one would never match. */
		name = strndup(*e, strcspn(*e, "="));
		if (name == NULL)
			fuzz_fail("out of memory");
		unsetenv(name);
		free(name);
	}
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char why[1024];

	(void)argc;
	(void)argv;
	/* The built-in languages only: no language file of this machine. */
	setenv("HOME", "/nonexistent", 1);
	setenv("XDG_CONFIG_HOME", "/nonexistent", 1);
	clear_sbx_environment();
	if (lang_table_load(&languages, why, sizeof(why)) == -1)
		fuzz_fail("lang_table_load: %s", why);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1), *p, *end = copy + size, *eq;
	int argc = 0;

	memcpy(copy, data, size);
	copy[size] = '\0';
	clear_sbx_environment();
	words[argc++] = "sbx";
	for (p = copy; p <= end && argc <= MAX_WORDS; p += strlen(p) + 1) {
		if (argc == 1 && strncmp(p, "SBX_", 4) == 0 &&
		    (eq = strchr(p, '=')) != NULL) {
			*eq = '\0';
			setenv(p, eq + 1, 1);
			continue;
		}
		words[argc++] = p;
	}
	words[argc] = NULL;

	optind = 0;	/* glibc: start afresh */
	refusal_armed = 1;
	if (setjmp(refusal) == 0) {
		cli_parse(argc, words, &languages, &opts);
		refusal_armed = 0;
		if (opts.mode == MODE_RUN)
			check_dry_run(&opts);
	}
	refusal_armed = 0;
	free(opts.env);
	free(opts.excludes);
	free(copy);
	return 0;
}

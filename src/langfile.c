/*
 * The language file format (sbx-languages(5)): "[name]" opens an entry,
 * "key = value" lines fill it, "#" starts a comment line. An entry whose
 * name is already known changes that entry, key by key; a new name must
 * say at least image, file and run. Values that are commands are words
 * split at blanks, a word in single quotes kept whole.
 *
 * The file is the user's, but a mistake in it must stop the run with the
 * line to fix rather than run code some other way than the user meant.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "lang.h"
#include "langfile.h"
#include "util.h"

#ifndef SBX_SYSCONFDIR
#define SBX_SYSCONFDIR	"/etc"
#endif

#define LANGFILE_MAX	(1 << 20)	/* a language file, not a data file */
#define NAME_MAX_LEN	64
#define ENTRIES_MAX	1000	/* keeps every lookup small */

enum key {
	KEY_ALIASES, KEY_IMAGE, KEY_FILE, KEY_KIND, KEY_RUN, KEY_COMPILE,
	KEY_VALIDATE, KEY_DEPS, NKEYS
};

static const char *const key_names[NKEYS] = {
	"aliases", "image", "file", "kind", "run", "compile", "validate", "deps"
};

#define KNOWN_KEYS	"aliases, image, file, kind, run, compile, validate, deps"

struct parser {
	struct lang_table *table;
	const char	*path;
	size_t		 line;
	char		*why;
	size_t		 why_len;
	const char	*section;	/* NULL before the first [name] */
	size_t		 section_line;
	int		 given[NKEYS];
};

static int	fail(struct parser *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

static int
fail(struct parser *p, size_t line, const char *fmt, ...)
{
	char what[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(p->why, p->why_len, "%s:%zu: %s", p->path, line, what);
	return -1;
}

static int
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '+' || c == '.' || c == '_' ||
	    c == '-';
}

static int
valid_name(const char *s)
{
	size_t n = 0;

	if (*s == '-' || *s == '.' || *s == '\0')
		return 0;
	for (; s[n] != '\0'; n++)
		if (!is_name_char(s[n]))
			return 0;
	return n <= NAME_MAX_LEN;
}

static char *
keep_string(struct parser *p, const char *s, size_t n)
{
	char *c = xmalloc(n + 1);

	memcpy(c, s, n);
	c[n] = '\0';
	return lang_table_keep(p->table, c);
}

/*
 * Blank-separated words; 'quoted' words kept whole, quotes removed.
 * Returns a NULL-terminated array the table owns, or NULL with why set.
 */
static const char *const *
split_words(struct parser *p, const char *v, size_t *count)
{
	const char **words = NULL;
	size_t n = 0, cap = 0;

	for (;;) {
		struct buf w = { 0 };
		int quoted = 0;

		while (*v == ' ' || *v == '\t')
			v++;
		if (*v == '\0')
			break;
		while (*v != '\0' && (quoted || (*v != ' ' && *v != '\t'))) {
			if (*v == '\'')
				quoted = !quoted;
			else
				buf_append(&w, v, 1);
			v++;
		}
		if (quoted) {
			buf_free(&w);
			free(words);
			fail(p, p->line, "a quote (') is not closed");
			return NULL;
		}
		words = xgrow(words, n + 1, &cap, sizeof(*words));
		words[n++] = keep_string(p, w.len ? w.data : "", w.len);
		buf_free(&w);
	}
	words = xgrow(words, n + 1, &cap, sizeof(*words));
	words[n] = NULL;
	*count = n;
	return lang_table_keep(p->table, words);
}

static struct lang *
current(struct parser *p)
{
	return lang_table_entry(p->table, p->section);
}

static int
one_of(const char *v, const char *a, const char *b)
{
	return strcmp(v, a) == 0 || strcmp(v, b) == 0;
}

static int
set_key(struct parser *p, enum key k, const char *v)
{
	struct lang *l = current(p);
	const char *const *words;
	size_t n;

	if (p->given[k])
		return fail(p, p->line, "'%s' is given twice in [%s]",
		    key_names[k], p->section);
	p->given[k] = 1;
	if ((words = split_words(p, v, &n)) == NULL)
		return -1;
	if (k == KEY_ALIASES) {
		for (n = 0; words[n] != NULL; n++)
			if (!valid_name(words[n]))
				return fail(p, p->line, "'%s' is no name for a "
				    "language (letters, digits, + . _ -)",
				    words[n]);
		l->aliases = words;
		return 0;
	}
	if (k == KEY_RUN || k == KEY_COMPILE) {
		if (n == 0)
			return fail(p, p->line, "'%s' needs a command",
			    key_names[k]);
		if (k == KEY_RUN)
			l->run_command = words;
		else
			l->compile_command = words;
		return 0;
	}
	if (n != 1)
		return fail(p, p->line, "'%s' takes one word, not %zu",
		    key_names[k], n);
	v = words[0];
	switch (k) {
	case KEY_IMAGE:
		if (*v == '-')
			return fail(p, p->line, "an image name does not start "
			    "with '-'");
		l->image = v;
		l->builtin_image = 0;
		break;
	case KEY_FILE:
		if (!valid_name(v))
			return fail(p, p->line, "'file' is a plain file name "
			    "such as main.lua (letters, digits, + . _ -)");
		l->stdin_name = v;
		break;
	case KEY_KIND:
		if (strcmp(v, "script") == 0)
			l->kind = LANG_SCRIPT;
		else if (strcmp(v, "compile") == 0)
			l->kind = LANG_COMPILE;
		else if (strcmp(v, "stream") == 0 && l->stream_command != NULL)
			l->kind = LANG_STREAM;
		else
			return fail(p, p->line, "kind is 'script' or 'compile'"
			    "%s, not '%s'", l->stream_command != NULL ?
			    " (or 'stream')" : "", v);
		break;
	case KEY_VALIDATE:
		if (!one_of(v, "python", "node") && strcmp(v, "none") != 0)
			return fail(p, p->line, "validate is python, node or "
			    "none, not '%s'", v);
		l->scanner = strcmp(v, "none") == 0 ? NULL : v;
		break;
	case KEY_DEPS:
		if (!one_of(v, "pip", "npm") && strcmp(v, "none") != 0)
			return fail(p, p->line, "deps is pip, npm or none, not "
			    "'%s'", v);
		l->deps_manager = strcmp(v, "none") == 0 ? NULL : v;
		break;
	default:
		break;
	}
	return 0;
}

/* The entry the last section left must be one sbx can run. */
static int
finish_section(struct parser *p)
{
	struct lang *l;
	const char *missing = NULL;

	if (p->section == NULL)
		return 0;
	l = current(p);
	if (l->image == NULL)
		missing = "image";
	else if (l->stdin_name == NULL)
		missing = "file";
	else if (l->run_command == NULL)
		missing = "run";
	else if (l->kind == LANG_COMPILE && l->compile_command == NULL)
		missing = "compile";
	if (missing != NULL)
		return fail(p, p->section_line, "[%s] has no '%s'", l->name,
		    missing);
	if (p->given[KEY_COMPILE] && l->kind != LANG_COMPILE)
		return fail(p, p->section_line, "[%s] has a compile command "
		    "but is not of kind compile; add 'kind = compile'",
		    l->name);
	return 0;
}

static int
open_section(struct parser *p, char *s, size_t n)
{
	char origin[4200];
	struct lang *l;

	if (finish_section(p) == -1)
		return -1;
	if (n < 2 || s[n - 1] != ']')
		return fail(p, p->line, "a section is [name]");
	s[n - 1] = '\0';
	s++;
	if (!valid_name(s))
		return fail(p, p->line, "'%s' is no name for a language "
		    "(letters, digits, + . _ -; at most %d)", s, NAME_MAX_LEN);
	if (lang_find(p->table, s) == NULL && p->table->n >= ENTRIES_MAX)
		return fail(p, p->line, "more than %d languages", ENTRIES_MAX);
	l = lang_table_entry(p->table, s);
	p->section = l->name;
	p->section_line = p->line;
	memset(p->given, 0, sizeof(p->given));
	snprintf(origin, sizeof(origin), "%s:%zu", p->path, p->line);
	l->origin = keep_string(p, origin, strlen(origin));
	return 0;
}

static int
parse_line(struct parser *p, char *s)
{
	char *eq, *key, *end;
	size_t n;
	int k;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r'))
		s[--n] = '\0';
	if (n == 0 || *s == '#')
		return 0;
	for (end = s; *end != '\0'; end++)
		if ((unsigned char)*end < ' ' && *end != '\t')
			return fail(p, p->line, "a control character is in "
			    "this line");
	if (*s == '[')
		return open_section(p, s, n);
	if ((eq = strchr(s, '=')) == NULL)
		return fail(p, p->line, "expected '[name]' or 'key = value'");
	if (p->section == NULL)
		return fail(p, p->line, "'key = value' before any [name]");
	key = s;
	end = eq;
	while (end > key && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	*end = '\0';
	for (k = 0; k < NKEYS; k++)
		if (strcmp(key, key_names[k]) == 0)
			return set_key(p, (enum key)k, eq + 1);
	return fail(p, p->line, "unknown key '%s' (the keys: %s)", key,
	    KNOWN_KEYS);
}

int
langfile_load(struct lang_table *t, const char *path, int must_exist,
    char *why, size_t len)
{
	struct parser p;
	char *text, *line, *next;
	size_t size;
	int fd, rc = 0;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		if (errno == ENOENT && !must_exist)
			return 0;
		snprintf(why, len, "cannot read the language file %s: %s",
		    path, strerror(errno));
		return -1;
	}
	if (read_all(fd, LANGFILE_MAX, &text, &size) == -1) {
		snprintf(why, len, "cannot read the language file %s: %s",
		    path, errno == EFBIG ? "it is over 1 MiB" : strerror(errno));
		close(fd);
		return -1;
	}
	close(fd);
	memset(&p, 0, sizeof(p));
	p.table = t;
	p.path = lang_table_keep(t, xstrdup(path));
	p.why = why;
	p.why_len = len;
	if (memchr(text, '\0', size) != NULL)
		rc = fail(&p, 1, "a NUL byte: this is no language file");
	for (line = text; rc == 0 && line < text + size; line = next) {
		p.line++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		else
			next = text + size;
		rc = parse_line(&p, line);
	}
	if (rc == 0)
		rc = finish_section(&p);
	free(text);
	return rc;
}

int
langfile_load_all(struct lang_table *t, char *why, size_t len)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	const char *given = getenv("SBX_LANGUAGES");
	char path[4096];

	if (langfile_load(t, SBX_SYSCONFDIR "/sbx/languages", 0, why,
	    len) == -1)
		return -1;
	path[0] = '\0';
	if (xdg != NULL && *xdg == '/')
		snprintf(path, sizeof(path), "%s/sbx/languages", xdg);
	else if (home != NULL && *home == '/')
		snprintf(path, sizeof(path), "%s/.config/sbx/languages", home);
	if (path[0] != '\0' && langfile_load(t, path, 0, why, len) == -1)
		return -1;
	if (given != NULL && *given != '\0' &&
	    langfile_load(t, given, 1, why, len) == -1)
		return -1;
	return 0;
}

/*
 * Shell command lines that code hands to a shell (os.system, subprocess,
 * child_process, ...), read the way sh reads them: words, quotes and
 * operators. Rules look at commands, not words: "sudo" is a finding where
 * it is the command, never as echo's argument or inside a quoted message;
 * the argument of sh -c and eval is read again as a command line of its
 * own. $( ), <( ) and backticks nest to a fixed depth (past it they read
 * as separators). Nothing here reads outside the buffer.
 */
#include <stdlib.h>
#include <string.h>

#include "../util.h"
#include "forkbomb.h"
#include "findings.h"
#include "rules.h"
#include "scan_shell.h"
#include "scan_strings.h"

enum cmd_class {
	C_OTHER,
	C_SUDO,
	C_ENV,
	C_PREFIX,
	C_TIMEOUT,
	C_COMMAND,
	C_SHELL,
	C_INTERP,
	C_EVAL,
	C_SOURCE,
	C_DOWNLOAD,
	C_RM,
	C_FIND,
	C_CHMOD,
	C_CHOWN,
	C_SETCAP,
	C_TEE,
	C_DD,
	C_COPY,
	C_MOVE,
	C_SED,
	C_TOUCH,
	C_MKFS,
	C_NETCAT,
	C_NETCLIENT,
	C_SOCAT,
	C_OPENSSL,
	C_MOUNT,
	C_ESCAPE,
	C_MINER,
};

struct command {
	const char	*name;
	enum cmd_class	 cls;
	const char	*valflags;	/* one-letter options with a value */
};

static const struct command commands[] = {
	{ "sudo", C_SUDO, "ugCDhprtTU" },
	{ "doas", C_SUDO, "uC" },
	{ "pkexec", C_SUDO, "" },
	{ "env", C_ENV, "uCS" },
	{ "nohup", C_PREFIX, "" },
	{ "exec", C_PREFIX, "a" },
	{ "builtin", C_PREFIX, "" },
	{ "time", C_PREFIX, "fo" },
	{ "nice", C_PREFIX, "n" },
	{ "ionice", C_PREFIX, "cnp" },
	{ "setsid", C_PREFIX, "" },
	{ "stdbuf", C_PREFIX, "ioe" },
	{ "chronic", C_PREFIX, "" },
	{ "unbuffer", C_PREFIX, "" },
	{ "xargs", C_PREFIX, "nILPsdEa" },
	{ "busybox", C_PREFIX, "" },
	{ "if", C_PREFIX, "" },
	{ "elif", C_PREFIX, "" },
	{ "then", C_PREFIX, "" },
	{ "else", C_PREFIX, "" },
	{ "while", C_PREFIX, "" },
	{ "until", C_PREFIX, "" },
	{ "do", C_PREFIX, "" },
	{ "!", C_PREFIX, "" },
	{ "timeout", C_TIMEOUT, "sk" },
	{ "command", C_COMMAND, "" },
	{ "sh", C_SHELL, "" },
	{ "bash", C_SHELL, "" },
	{ "dash", C_SHELL, "" },
	{ "zsh", C_SHELL, "" },
	{ "ksh", C_SHELL, "" },
	{ "ash", C_SHELL, "" },
	{ "mksh", C_SHELL, "" },
	{ "rbash", C_SHELL, "" },
	{ "fish", C_SHELL, "" },
	{ "csh", C_SHELL, "" },
	{ "tcsh", C_SHELL, "" },
	{ "perl", C_INTERP, "" },
	{ "ruby", C_INTERP, "" },
	{ "node", C_INTERP, "" },
	{ "nodejs", C_INTERP, "" },
	{ "php", C_INTERP, "" },
	{ "lua", C_INTERP, "" },
	{ "eval", C_EVAL, "" },
	{ "source", C_SOURCE, "" },
	{ ".", C_SOURCE, "" },
	{ "curl", C_DOWNLOAD, "" },
	{ "wget", C_DOWNLOAD, "" },
	{ "fetch", C_DOWNLOAD, "" },
	{ "rm", C_RM, "" },
	{ "find", C_FIND, "" },
	{ "chmod", C_CHMOD, "" },
	{ "chown", C_CHOWN, "" },
	{ "chgrp", C_CHOWN, "" },
	{ "setcap", C_SETCAP, "" },
	{ "tee", C_TEE, "" },
	{ "dd", C_DD, "" },
	{ "cp", C_COPY, "" },
	{ "install", C_COPY, "" },
	{ "ln", C_COPY, "" },
	{ "rsync", C_COPY, "" },
	{ "mv", C_MOVE, "" },
	{ "sed", C_SED, "" },
	{ "truncate", C_TOUCH, "" },
	{ "touch", C_TOUCH, "" },
	{ "mkdir", C_TOUCH, "" },
	{ "rmdir", C_TOUCH, "" },
	{ "unlink", C_TOUCH, "" },
	{ "shred", C_TOUCH, "" },
	{ "mke2fs", C_MKFS, "" },
	{ "mkswap", C_MKFS, "" },
	{ "wipefs", C_MKFS, "" },
	{ "fdisk", C_MKFS, "" },
	{ "sfdisk", C_MKFS, "" },
	{ "parted", C_MKFS, "" },
	{ "sgdisk", C_MKFS, "" },
	{ "blkdiscard", C_MKFS, "" },
	{ "nc", C_NETCAT, "" },
	{ "ncat", C_NETCAT, "" },
	{ "netcat", C_NETCAT, "" },
	{ "nc.traditional", C_NETCAT, "" },
	{ "nc.openbsd", C_NETCAT, "" },
	{ "telnet", C_NETCLIENT, "" },
	{ "socat", C_SOCAT, "" },
	{ "openssl", C_OPENSSL, "" },
	{ "mount", C_MOUNT, "" },
	{ "umount", C_ESCAPE, "" },
	{ "nsenter", C_ESCAPE, "" },
	{ "unshare", C_ESCAPE, "" },
	{ "pivot_root", C_ESCAPE, "" },
	{ "chroot", C_ESCAPE, "" },
	{ "capsh", C_ESCAPE, "" },
	{ "insmod", C_ESCAPE, "" },
	{ "modprobe", C_ESCAPE, "" },
	{ "kexec", C_ESCAPE, "" },
	{ "debugfs", C_ESCAPE, "" },
	{ "docker", C_ESCAPE, "" },
	{ "podman", C_ESCAPE, "" },
	{ "nerdctl", C_ESCAPE, "" },
	{ "ctr", C_ESCAPE, "" },
	{ "crictl", C_ESCAPE, "" },
	{ "runc", C_ESCAPE, "" },
	/* a GPU miner whose name is also a word: the others are markers */
	{ "t-rex", C_MINER, "" },
};
#define NCOMMANDS	(sizeof(commands) / sizeof(commands[0]))

#define MAXLEVEL	16
#define MAXWORDS	64
#define MAXNEST		4	/* sh -c "sh -c '...'" */

/* What precedes a command. */
enum sep {
	SEP_START,
	SEP_SEQ,		/* ; && || & or a newline */
	SEP_PIPE,
};

/* What a level of the command line is. */
enum subst {
	SUB_TOP,		/* the command line itself */
	SUB_PAREN,		/* ( ... ): a subshell */
	SUB_PROCESS,		/* <( ... ) */
	SUB_DOLLAR,		/* $( ... ) */
	SUB_BACKTICK,		/* ` ... ` */
};

/* One level of $( ), <( ), ( ) or backticks, and the command in it. */
struct level {
	enum subst	 open;
	int		 encl_shell;	/* the command around runs its output */
	size_t		 w[MAXWORDS];	/* token indexes of the words */
	unsigned	 nw;
	enum sep	 sep;		/* what precedes the command */
	unsigned	 ncmd;
	/* The pipeline being read. */
	int		 dl;		/* a download feeds it */
	size_t		 dl_off;
	int		 pshell;	/* a shell is in it */
	int		 pnet;		/* a network client is in it */
	size_t		 pnet_off;
};

/* One command line being read: the top one, or the text of sh -c '...'. */
struct parse {
	struct level	 lv[MAXLEVEL];
	int		 depth;
	int		 nest;
};

struct sh {
	struct shbuf	*sb;
	struct findings	*out;
	unsigned	 info;
};

static void
add_tok(struct shbuf *sb, enum shtok_type type, size_t off, size_t len)
{
	struct shtok *t;

	sb->tok = xgrow(sb->tok, sb->ntok, &sb->tokcap, sizeof(*sb->tok));
	t = &sb->tok[sb->ntok++];
	t->type = type;
	t->off = t->toff = off;
	t->len = t->tlen = len;
}

static int
is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' ||
	    c == '\0';
}

static int
is_delim(int c)
{
	return is_blank(c) || c == '\n' || c == ';' || c == '&' || c == '|' ||
	    c == '<' || c == '>' || c == '(' || c == ')' || c == '`';
}

/* The end of the quoted part that opens at i: past its closing quote. */
static size_t
skip_quoted(const char *b, size_t i, size_t to)
{
	int q = b[i];

	for (i++; i < to; i++) {
		if (q == '"' && b[i] == '\\')
			i++;
		else if (b[i] == q)
			return i + 1;
	}
	return to;
}

/*
 * The operator at b[i] (before to), appended: its length, or 0 when a
 * word starts there.
 */
static size_t
operator_at(struct shbuf *sb, size_t i, size_t to)
{
	const char *b = sb->b;
	int c = (unsigned char)b[i], next = i + 1 < to ? b[i + 1] : 0;
	enum shtok_type type;
	size_t len = 1;

	switch (c) {
	case '\n':
	case ';':
		type = ST_SEP;
		break;
	case '&':
		type = next == '>' ? ST_REDIR_OUT : ST_SEP;
		len = next == '&' || next == '>' ? 2 : 1;
		break;
	case '|':
		type = next == '|' ? ST_SEP : ST_PIPE;
		len = next == '|' || next == '&' ? 2 : 1;
		break;
	case '>':
		type = ST_REDIR_OUT;
		len = next == '>' || next == '&' || next == '|' ? 2 : 1;
		break;
	case '<':
		type = next == '(' ? ST_OPEN : ST_REDIR_IN;
		len = next == '(' || next == '<' || next == '&' ||
		    next == '>' ? 2 : 1;
		break;
	case '(':
		type = ST_OPEN;
		break;
	case ')':
		type = ST_CLOSE;
		break;
	case '`':
		type = ST_BACKTICK;
		break;
	case '$':
		if (next != '(')
			return 0;
		type = ST_OPEN;
		len = 2;
		break;
	default:
		return 0;
	}
	add_tok(sb, type, i, len);
	return len;
}

/* The word at b[i], appended: where it ends. A lone { or } separates. */
static size_t
word_at(struct shbuf *sb, size_t i, size_t to)
{
	const char *b = sb->b;
	size_t j;

	for (j = i; j < to && !is_delim((unsigned char)b[j]); ) {
		if (b[j] == '\'' || b[j] == '"')
			j = skip_quoted(b, j, to);
		else if (b[j] == '\\')
			j = j + 2 > to ? to : j + 2;
		else if (b[j] == '$' && j > i && j + 1 < to && b[j + 1] == '(')
			break;
		else
			j++;
	}
	if (j - i == 1 && (b[i] == '{' || b[i] == '}')) {
		add_tok(sb, ST_SEP, i, 1);
		return j;
	}
	add_tok(sb, ST_WORD, i, j - i);
	/* A word quoted whole reads as its contents. */
	if ((b[i] == '\'' || b[i] == '"') && skip_quoted(b, i, to) == j &&
	    j - i >= 2 && b[j - 1] == b[i]) {
		sb->tok[sb->ntok - 1].toff = i + 1;
		sb->tok[sb->ntok - 1].tlen = j - i - 2;
	}
	return j;
}

/* Cut b[from..to) into words and operators, appended to sb->tok. */
static void
tokenize(struct shbuf *sb, size_t from, size_t to)
{
	size_t i = from, len;

	while (i < to) {
		if (is_blank((unsigned char)sb->b[i]))
			i++;
		else if ((len = operator_at(sb, i, to)) > 0)
			i += len;
		else
			i = word_at(sb, i, to);
	}
}

static void
word(const struct sh *sh, size_t k, const char **p, size_t *l)
{
	*p = sh->sb->b + sh->sb->tok[k].toff;
	*l = sh->sb->tok[k].tlen;
}

static size_t
word_off(const struct sh *sh, size_t k)
{
	return sh->sb->tok[k].toff;
}

static int
word_is(const char *p, size_t l, const char *s)
{
	return strlen(s) == l && memcmp(p, s, l) == 0;
}

static int
has_prefix(const char *p, size_t l, const char *s)
{
	size_t n = strlen(s);

	return l >= n && memcmp(p, s, n) == 0;
}

/* Case-insensitive substring search. */
static int
contains(const char *p, size_t l, const char *s)
{
	size_t n = strlen(s), i;

	for (i = 0; i + n <= l; i++)
		if (lower_eq(p + i, s, n))
			return 1;
	return 0;
}

static int
is_flag(const char *p, size_t l)
{
	return l >= 2 && p[0] == '-';
}

static void
report(struct sh *sh, enum rule_index r, size_t boff)
{
	findings_add(sh->out, rule_get(r), shbuf_source(sh->sb, boff));
}

/* The last path component: what runs when the word is a command. */
static void
base_name(const char **p, size_t *l)
{
	const char *end = *p + *l, *b = end;

	while (b > *p && b[-1] != '/')
		b--;
	*l = (size_t)(end - b);
	*p = b;
}

static const struct command *
lookup(const char *p, size_t l)
{
	size_t i;

	base_name(&p, &l);
	if (l == 0 || memchr(p, 1, l) != NULL)
		return NULL;
	for (i = 0; i < NCOMMANDS; i++)
		if (commands[i].name[0] == p[0] &&
		    word_is(p, l, commands[i].name))
			return &commands[i];
	return NULL;
}

static enum cmd_class
classify(const char *p, size_t l)
{
	const struct command *c;

	if ((c = lookup(p, l)) != NULL)
		return c->cls;
	base_name(&p, &l);
	if (has_prefix(p, l, "python") || has_prefix(p, l, "pypy"))
		return C_INTERP;
	if (has_prefix(p, l, "mkfs"))
		return C_MKFS;
	return C_OTHER;
}

static const char *
valflags_of(const char *p, size_t l)
{
	const struct command *c = lookup(p, l);

	return c != NULL ? c->valflags : "";
}

/* The index of the first word after the options that start at i. */
static unsigned
skip_flags(const struct sh *sh, const size_t *w, unsigned i, unsigned n,
    const char *valflags)
{
	const char *p;
	size_t l;

	while (i < n) {
		word(sh, w[i], &p, &l);
		if (!is_flag(p, l))
			break;
		i++;
		if (word_is(p, l, "--"))
			break;
		if (l == 2 && p[1] != '-' && strchr(valflags, p[1]) != NULL)
			i++;
	}
	return i < n ? i : n;
}

static int
is_assignment(const char *p, size_t l)
{
	size_t i;

	if (l == 0 || !((p[0] >= 'a' && p[0] <= 'z') ||
	    (p[0] >= 'A' && p[0] <= 'Z') || p[0] == '_'))
		return 0;
	for (i = 1; i < l; i++) {
		if (p[i] == '=')
			return 1;
		if (!((p[i] >= 'a' && p[i] <= 'z') ||
		    (p[i] >= 'A' && p[i] <= 'Z') ||
		    (p[i] >= '0' && p[i] <= '9') || p[i] == '_'))
			return 0;
	}
	return 0;
}

static int
mode_sets_id(const char *p, size_t l)
{
	size_t i;

	for (i = 0; i < l; i++)
		if (p[i] < '0' || p[i] > '7')
			break;
	if (i == l)
		return l >= 4 && ((p[l - 4] - '0') & 6) != 0;
	for (i = 0; i + 1 < l; i++)
		if ((p[i] == '+' || p[i] == '=') && memchr(p + i, 's', l - i))
			return 1;
	return 0;
}

static int
mode_world_writable(const char *p, size_t l)
{
	size_t i, start;

	for (i = 0; i < l; i++)
		if (p[i] < '0' || p[i] > '7')
			break;
	if (i == l)
		return l > 0 && ((p[l - 1] - '0') & 2) != 0;
	/* Symbolic: clauses like "o+w" or "a=rwx", separated by commas. */
	for (start = 0; start < l; start = i + 1) {
		int others = 0, op = 0, w = 0;

		for (i = start; i < l && p[i] != ','; i++) {
			if (!op && (p[i] == 'o' || p[i] == 'a'))
				others = 1;
			else if (p[i] == '+' || p[i] == '=')
				op = 1;
			else if (op && p[i] == 'w')
				w = 1;
		}
		if (others && w)
			return 1;
	}
	return 0;
}

/* "-w", "-rx": chmod reads a leading dash and permission letters as a mode. */
static int
is_dash_mode(const char *p, size_t l)
{
	size_t i;

	for (i = 1; i < l; i++)
		if (strchr("rwxXst", p[i]) == NULL)
			return 0;
	return l >= 2;
}

static void
check_rm(struct sh *sh, const size_t *w, unsigned i, unsigned n)
{
	const char *p;
	size_t l;
	unsigned j;
	int opts = 1, recursive = 0, root = 0, sys = 0;

	for (j = i + 1; j < n; j++) {
		word(sh, w[j], &p, &l);
		if (opts && is_flag(p, l)) {
			if (word_is(p, l, "--"))
				opts = 0;
			else if (word_is(p, l, "--recursive"))
				recursive = 1;
			else if (p[1] != '-' && (memchr(p, 'r', l) != NULL ||
			    memchr(p, 'R', l) != NULL))
				recursive = 1;
			continue;
		}
		root |= path_is_rootish(p, l, 0);
		sys |= path_is_system(p, l);
	}
	if (recursive && root)
		report(sh, R_RM_ROOT, word_off(sh, w[i]));
	else if (sys)
		report(sh, R_SYS_WRITE, word_off(sh, w[i]));
}

static void
check_find(struct sh *sh, const size_t *w, unsigned i, unsigned n)
{
	const char *p;
	size_t l;
	unsigned j;
	int root = 0, del = 0;

	for (j = i + 1; j < n; j++) {
		word(sh, w[j], &p, &l);
		if (word_is(p, l, "-H") || word_is(p, l, "-L") ||
		    word_is(p, l, "-P"))
			continue;
		if (is_flag(p, l) || word_is(p, l, "!"))
			break;
		root |= path_is_rootish(p, l, 0);
	}
	for (; j < n; j++) {
		word(sh, w[j], &p, &l);
		if (word_is(p, l, "-delete"))
			del = 1;
		else if ((word_is(p, l, "-exec") ||
		    word_is(p, l, "-execdir")) && j + 1 < n) {
			word(sh, w[j + 1], &p, &l);
			del |= classify(p, l) == C_RM;
		}
	}
	if (root && del)
		report(sh, R_RM_ROOT, word_off(sh, w[i]));
}

static void
check_chmod(struct sh *sh, const size_t *w, unsigned i, unsigned n,
    enum cmd_class cls)
{
	const char *p, *mode = NULL;
	size_t l, ml = 0;
	unsigned j;
	int hit = 0;

	for (j = i + 1; j < n; j++) {
		word(sh, w[j], &p, &l);
		if (mode == NULL) {
			if (is_flag(p, l) && !(cls == C_CHMOD &&
			    is_dash_mode(p, l))) {
				if (has_prefix(p, l, "--reference")) {
					mode = p;
					ml = 0;
				}
				continue;
			}
			mode = p;
			ml = l;
			continue;
		}
		if (is_flag(p, l))
			continue;
		if (path_is_rootish(p, l, 0) || path_is_sensitive(p, l))
			hit = 1;
		else if (path_is_system(p, l) &&
		    (cls == C_CHOWN || mode_world_writable(mode, ml)))
			hit = 1;
		else if (cls == C_CHMOD && mode_sets_id(mode, ml))
			hit = 1;
	}
	if (hit)
		report(sh, R_PRIV_CHANGE, word_off(sh, w[i]));
}

/* Report a system path among the operands from j on (or only the last). */
static void
check_targets(struct sh *sh, const size_t *w, unsigned j, unsigned n,
    int last_only)
{
	const char *p;
	size_t l;
	size_t hit = (size_t)-1;
	int opts = 1;

	for (; j < n; j++) {
		word(sh, w[j], &p, &l);
		if (opts && is_flag(p, l)) {
			if (word_is(p, l, "--"))
				opts = 0;
			continue;
		}
		if (path_is_system(p, l)) {
			if (hit == (size_t)-1 || last_only)
				hit = w[j];
		} else if (last_only)
			hit = (size_t)-1;
	}
	if (hit != (size_t)-1)
		report(sh, R_SYS_WRITE, word_off(sh, hit));
}

static void
check_writers(struct sh *sh, const size_t *w, unsigned i, unsigned n,
    enum cmd_class cls)
{
	const char *p;
	size_t l;
	unsigned j;
	int inplace = 0;

	switch (cls) {
	case C_TEE:
	case C_TOUCH:
	case C_MKFS:
	case C_MOVE:
		check_targets(sh, w, i + 1, n, 0);
		break;
	case C_COPY:
		check_targets(sh, w, i + 1, n, 1);
		break;
	case C_DD:
		for (j = i + 1; j < n; j++) {
			word(sh, w[j], &p, &l);
			if (has_prefix(p, l, "of=") &&
			    path_is_system(p + 3, l - 3))
				report(sh, R_SYS_WRITE, word_off(sh, w[j]) + 3);
		}
		break;
	case C_SED:
		for (j = i + 1; j < n; j++) {
			word(sh, w[j], &p, &l);
			if (has_prefix(p, l, "--in-place") || (is_flag(p, l) &&
			    p[1] != '-' && memchr(p, 'i', l) != NULL))
				inplace = 1;
		}
		if (inplace)
			check_targets(sh, w, i + 1, n, 0);
		break;
	default:
		break;
	}
}

static void
check_network(struct sh *sh, struct level *L, const size_t *w, unsigned i,
    unsigned n, enum cmd_class cls)
{
	const char *p;
	size_t l;
	unsigned j;
	int exec = 0, net = cls != C_OPENSSL, sockexec = 0, socknet = 0;

	for (j = i + 1; j < n; j++) {
		word(sh, w[j], &p, &l);
		if (cls == C_NETCAT && (word_is(p, l, "--exec") ||
		    word_is(p, l, "--sh-exec") || word_is(p, l, "--lua-exec") ||
		    (is_flag(p, l) && p[1] != '-' &&
		    (p[l - 1] == 'e' || p[l - 1] == 'c'))))
			exec = 1;
		if (cls == C_SOCAT) {
			sockexec |= contains(p, l, "exec:") ||
			    contains(p, l, "system:");
			socknet |= contains(p, l, "tcp") ||
			    contains(p, l, "udp") || contains(p, l, "ssl");
		}
		if (cls == C_OPENSSL && word_is(p, l, "s_client"))
			net = 1;
	}
	if (exec || (sockexec && socknet))
		report(sh, R_REVERSE_SHELL, word_off(sh, w[i]));
	if (net && !L->pnet) {
		L->pnet = 1;
		L->pnet_off = word_off(sh, w[i]);
	}
}

static void	analyze(struct sh *, struct parse *, struct level *,
		    const size_t *, unsigned, enum sep, int);
static void	parse_text(struct sh *, size_t, int);

/* A shell or interpreter: fed by a download, or running "-c COMMAND". */
static void
check_shell(struct sh *sh, struct parse *P, struct level *L, const size_t *w,
    unsigned i, unsigned n, enum sep sep, int first, enum cmd_class cls)
{
	const char *p;
	size_t l, k;
	unsigned j;
	int dash_c = 0;

	if (sep == SEP_PIPE && L->dl) {
		report(sh, R_DOWNLOAD_EXEC, L->dl_off);
		L->dl = 0;
	}
	if (cls != C_SHELL)
		return;
	L->pshell = 1;
	for (j = i + 1; j < n; j++) {
		word(sh, w[j], &p, &l);
		if (l < 2 || (p[0] != '-' && p[0] != '+') || p[1] == '-')
			break;
		for (k = 1; k < l && p[k] >= 'a' && p[k] <= 'z'; k++)
			;
		if (k == l && p[l - 1] == 'c') {
			dash_c = 1;
			if (j + 1 < n)
				parse_text(sh, w[j + 1], P->nest + 1);
			break;
		}
	}
	if (!dash_c && first && P->depth == 0 && P->nest == 0)
		sh->info |= SHELL_SPAWNS_SHELL;
}

/*
 * The index of the word that is the command, past assignments, sudo and
 * other prefixes (env, nohup, timeout 5, command) and their options;
 * sudo is reported on the way. n when there is none, or for command -v.
 */
static unsigned
find_command(struct sh *sh, const size_t *w, unsigned n,
    enum cmd_class *cls)
{
	const char *p;
	size_t l;
	unsigned i = 0;

	while (i < n) {
		word(sh, w[i], &p, &l);
		if (is_assignment(p, l)) {
			i++;
			continue;
		}
		*cls = classify(p, l);
		if (*cls == C_SUDO)
			report(sh, R_SUDO, word_off(sh, w[i]));
		if (*cls == C_COMMAND && i + 1 < n) {
			word(sh, w[i + 1], &p, &l);
			if (word_is(p, l, "-v") || word_is(p, l, "-V"))
				return n;	/* a lookup, not a run */
			word(sh, w[i], &p, &l);
		}
		if (*cls == C_SUDO || *cls == C_ENV || *cls == C_PREFIX ||
		    *cls == C_COMMAND)
			i = skip_flags(sh, w, i + 1, n, valflags_of(p, l));
		else if (*cls == C_TIMEOUT) {
			i = skip_flags(sh, w, i + 1, n, "sk");
			if (i < n)
				i++;
		} else
			return i;
	}
	return n;
}

/* mount with anything but a listing or help. */
static void
check_mount(struct sh *sh, const size_t *w, unsigned i, unsigned n)
{
	const char *p;
	size_t l;
	unsigned j;

	for (j = i + 1; j < n; j++) {
		word(sh, w[j], &p, &l);
		if (!word_is(p, l, "-l") && !word_is(p, l, "-h") &&
		    !word_is(p, l, "--help") && !word_is(p, l, "-V") &&
		    !word_is(p, l, "--version")) {
			report(sh, R_SANDBOX_ESCAPE, word_off(sh, w[i]));
			return;
		}
	}
}

/* curl or wget: piped into a shell later, or run by $( ) in one now. */
static void
check_download(struct sh *sh, struct level *L, const size_t *w, unsigned i)
{
	if (!L->dl) {
		L->dl = 1;
		L->dl_off = word_off(sh, w[i]);
	}
	if (L->open != SUB_TOP && L->open != SUB_PAREN && L->encl_shell)
		report(sh, R_DOWNLOAD_EXEC, word_off(sh, w[i]));
}

/* Commands that are a finding by themselves. */
static int
command_finding(enum cmd_class cls, enum rule_index *r)
{
	switch (cls) {
	case C_SETCAP:
		*r = R_PRIV_CHANGE;
		return 1;
	case C_ESCAPE:
		*r = R_SANDBOX_ESCAPE;
		return 1;
	case C_MINER:
		*r = R_CRYPTO_MINER;
		return 1;
	default:
		return 0;
	}
}

static void
analyze(struct sh *sh, struct parse *P, struct level *L, const size_t *w,
    unsigned n, enum sep sep, int first)
{
	enum cmd_class cls = C_OTHER;
	enum rule_index r;
	unsigned i = find_command(sh, w, n, &cls), j;

	if (i >= n)
		return;
	if (command_finding(cls, &r)) {
		report(sh, r, word_off(sh, w[i]));
		return;
	}
	switch (cls) {
	case C_SHELL:
	case C_INTERP:
		check_shell(sh, P, L, w, i, n, sep, first, cls);
		break;
	case C_EVAL:
		for (j = i + 1; j < n; j++)
			parse_text(sh, w[j], P->nest + 1);
		break;
	case C_DOWNLOAD:
		check_download(sh, L, w, i);
		break;
	case C_RM:
		check_rm(sh, w, i, n);
		break;
	case C_FIND:
		check_find(sh, w, i, n);
		break;
	case C_CHMOD:
	case C_CHOWN:
		check_chmod(sh, w, i, n, cls);
		break;
	case C_TEE: case C_DD: case C_COPY: case C_MOVE: case C_SED:
	case C_TOUCH: case C_MKFS:
		check_writers(sh, w, i, n, cls);
		break;
	case C_NETCAT: case C_NETCLIENT: case C_SOCAT: case C_OPENSSL:
		check_network(sh, L, w, i, n, cls);
		break;
	case C_MOUNT:
		check_mount(sh, w, i, n);
		break;
	default:
		break;
	}
}

static void
end_command(struct sh *sh, struct parse *P, struct level *L)
{
	if (L->nw == 0)
		return;
	analyze(sh, P, L, L->w, L->nw, L->sep, L->ncmd == 0);
	L->ncmd++;
	L->nw = 0;
}

static void
end_pipeline(struct sh *sh, struct level *L)
{
	if (L->pshell && L->pnet)
		report(sh, R_REVERSE_SHELL, L->pnet_off);
	L->dl = L->pshell = L->pnet = 0;
}

/*
 * Does the command being read run what a substitution in it prints? It
 * does when it is a shell, an interpreter or eval (bash <(curl ...)), and
 * when the substitution is the command itself ($(curl ...) alone).
 */
static int
runs_substitution(const struct sh *sh, const struct level *L)
{
	const char *p;
	size_t l;
	unsigned i;
	int only_assignments = 1;

	for (i = 0; i < L->nw; i++) {
		enum cmd_class c;

		word(sh, L->w[i], &p, &l);
		c = classify(p, l);
		if (c == C_SHELL || c == C_INTERP || c == C_EVAL ||
		    c == C_SOURCE)
			return 1;
		if (!is_assignment(p, l))
			only_assignments = 0;
	}
	return only_assignments && L->nw == 0;
}

static void
open_level(struct sh *sh, struct parse *P, enum subst open)
{
	struct level *L = &P->lv[P->depth];
	int encl;

	if (P->depth + 1 >= MAXLEVEL) {
		end_command(sh, P, L);
		end_pipeline(sh, L);
		L->sep = SEP_SEQ;
		return;
	}
	encl = runs_substitution(sh, L);
	L = &P->lv[++P->depth];
	memset(L, 0, sizeof(*L));
	L->open = open;
	L->encl_shell = encl;
}

static void
close_level(struct sh *sh, struct parse *P)
{
	struct level *L = &P->lv[P->depth];

	end_command(sh, P, L);
	end_pipeline(sh, L);
	if (P->depth > 0)
		P->depth--;
	else
		L->sep = SEP_SEQ;
}

/*
 * Read tokens [from, to) as one command line. Levels are cleared as they
 * open rather than up front: struct parse is 10 KB.
 */
/* A word: the target of a redirection (redir), or the command's next. */
static void
add_word(struct sh *sh, struct level *L, size_t k, enum shtok_type redir)
{
	const char *p;
	size_t l;

	if (redir == ST_REDIR_OUT) {
		word(sh, k, &p, &l);
		if (path_is_system(p, l))
			report(sh, R_SYS_WRITE, word_off(sh, k));
	} else if (redir == ST_WORD && L->nw < MAXWORDS)
		L->w[L->nw++] = k;
}

/* An operator token k other than a redirection. */
static void
operator(struct sh *sh, struct parse *P, size_t k)
{
	struct level *L = &P->lv[P->depth];
	char c = sh->sb->b[sh->sb->tok[k].off];

	switch (sh->sb->tok[k].type) {
	case ST_SEP:
		end_command(sh, P, L);
		end_pipeline(sh, L);
		L->sep = SEP_SEQ;
		break;
	case ST_PIPE:
		end_command(sh, P, L);
		L->sep = SEP_PIPE;
		break;
	case ST_OPEN:
		open_level(sh, P, c == '<' ? SUB_PROCESS : c == '$' ?
		    SUB_DOLLAR : SUB_PAREN);
		break;
	case ST_CLOSE:
		close_level(sh, P);
		break;
	case ST_BACKTICK:
		if (L->open == SUB_BACKTICK)
			close_level(sh, P);
		else
			open_level(sh, P, SUB_BACKTICK);
		break;
	case ST_WORD:
	case ST_REDIR_OUT:
	case ST_REDIR_IN:
		break;
	}
}

static void
run(struct sh *sh, size_t from, size_t to, int nest)
{
	struct parse parse, *P = &parse;
	enum shtok_type type, redir = ST_WORD;	/* ST_WORD: none waits */
	size_t k;

	P->depth = 0;
	P->nest = nest;
	memset(&P->lv[0], 0, sizeof(P->lv[0]));
	for (k = from; k < to; k++) {
		type = sh->sb->tok[k].type;
		if (type == ST_WORD)
			add_word(sh, &P->lv[P->depth], k, redir);
		else if (type != ST_REDIR_OUT && type != ST_REDIR_IN)
			operator(sh, P, k);
		redir = type == ST_REDIR_OUT || type == ST_REDIR_IN ? type :
		    ST_WORD;
	}
	for (;;) {
		struct level *L = &P->lv[P->depth];

		end_command(sh, P, L);
		end_pipeline(sh, L);
		if (P->depth == 0)
			break;
		P->depth--;
	}
}

/* The text of word k is itself a command line: sh -c '...', eval '...'. */
static void
parse_text(struct sh *sh, size_t k, int nest)
{
	size_t from, to;

	if (nest > MAXNEST)
		return;
	from = sh->sb->ntok;
	tokenize(sh->sb, sh->sb->tok[k].toff,
	    sh->sb->tok[k].toff + sh->sb->tok[k].tlen);
	to = sh->sb->ntok;
	run(sh, from, to, nest);
}

unsigned
shell_scan(struct shbuf *sb, struct findings *out)
{
	struct sh shell, *sh = &shell;
	size_t at;

	if (sb->nstr == 0)
		return 0;
	sh->sb = sb;
	sh->out = out;
	sh->info = 0;
	if (fork_bomb_shape(sb->b, sb->len, &at))
		report(sh, R_FORK_BOMB, at);
	sb->ntok = 0;
	tokenize(sb, 0, sb->len);
	run(sh, 0, sb->ntok, 0);
	return sh->info;
}

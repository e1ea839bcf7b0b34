/*
 * String literals: which paths are the root, system directories or account
 * databases, and which substrings mark credential files, engine sockets,
 * reverse shells and miners. Markers are matched without regard to case
 * and only inside string literals, never in comments. Each marker (and
 * the shape of :(){ :|:& };:) is specific enough to be a finding on its
 * own: a bare path such as "/etc" is not, and is only judged where code
 * writes to it.
 */
#include <string.h>

#include "findings.h"
#include "forkbomb.h"
#include "rules.h"
#include "scan_strings.h"

#define M_BEFORE	0x1	/* the previous byte is not part of a word */
#define M_AFTER		0x2	/* the next byte is not part of a word */
#define M_NOT_PUB	0x4	/* not before ".pub": public keys are public */
#define M_STRATUM	0x8	/* followed by [0-9]?+[a-z]+:// */
#define M_AFTER_SLASH	0x10	/* a path component: the previous byte is '/' */
#define M_DIR		0x20	/* a whole directory: '/' or the end follows */
#define M_SSH		0x40	/* not before a public file of ~/.ssh */
#define M_ENVIRON	0x80	/* followed by a process and "/environ" */
#define M_PROGRAM	0x100	/* a program's name: the end or a blank follows */

struct marker {
	const char	*text;		/* lowercase */
	enum rule_index	 rule;
	unsigned	 flags;		/* M_* */
};

static const struct marker markers[] = {
	{ "/dev/tcp/", R_REVERSE_SHELL, 0 },
	{ "/dev/udp/", R_REVERSE_SHELL, 0 },

	{ "/etc/shadow", R_CRED_READ, M_AFTER },
	{ "/etc/gshadow", R_CRED_READ, M_AFTER },
	{ "/etc/master.passwd", R_CRED_READ, 0 },
	{ "/.ssh", R_CRED_READ, M_DIR | M_SSH },
	{ ".ssh/", R_CRED_READ, M_BEFORE | M_SSH },
	{ "id_rsa", R_CRED_READ, M_AFTER_SLASH | M_AFTER | M_NOT_PUB },
	{ "id_dsa", R_CRED_READ, M_AFTER_SLASH | M_AFTER | M_NOT_PUB },
	{ "id_ecdsa", R_CRED_READ, M_AFTER_SLASH | M_AFTER | M_NOT_PUB },
	{ "id_ed25519", R_CRED_READ, M_AFTER_SLASH | M_AFTER | M_NOT_PUB },
	{ "/.aws", R_CRED_READ, M_DIR },
	{ ".aws/credentials", R_CRED_READ, 0 },
	{ "/.kube", R_CRED_READ, M_DIR },
	{ ".kube/config", R_CRED_READ, 0 },
	{ "gcloud/credentials.db", R_CRED_READ, 0 },
	{ "gcloud/access_tokens.db", R_CRED_READ, 0 },
	{ "gcloud/legacy_credentials", R_CRED_READ, 0 },
	{ "application_default_credentials.json", R_CRED_READ, 0 },
	{ "/.azure", R_CRED_READ, M_DIR },
	{ ".azure/", R_CRED_READ, M_BEFORE },
	{ "/.config/gcloud", R_CRED_READ, M_DIR },
	{ ".config/gcloud", R_CRED_READ, M_BEFORE | M_DIR },
	{ ".docker/config.json", R_CRED_READ, 0 },
	{ ".git-credentials", R_CRED_READ, M_BEFORE },
	{ "/run/secrets/kubernetes.io", R_CRED_READ, 0 },
	{ "/proc/", R_CRED_READ, M_ENVIRON },

	{ "docker.sock", R_SANDBOX_ESCAPE, 0 },
	{ "dockerd.sock", R_SANDBOX_ESCAPE, 0 },
	{ "containerd.sock", R_SANDBOX_ESCAPE, 0 },
	{ "podman.sock", R_SANDBOX_ESCAPE, 0 },
	{ "crio.sock", R_SANDBOX_ESCAPE, 0 },
	{ "/proc/1/root", R_SANDBOX_ESCAPE, 0 },
	{ "/proc/1/ns/", R_SANDBOX_ESCAPE, 0 },
	{ "release_agent", R_SANDBOX_ESCAPE, M_BEFORE | M_AFTER },
	{ "core_pattern", R_SANDBOX_ESCAPE, M_BEFORE | M_AFTER },
	{ "uevent_helper", R_SANDBOX_ESCAPE, M_BEFORE | M_AFTER },

	{ "stratum", R_CRYPTO_MINER, M_BEFORE | M_STRATUM },
	{ "xmrig", R_CRYPTO_MINER, M_BEFORE },
	{ "xmr-stak", R_CRYPTO_MINER, M_BEFORE },
	{ "minerd", R_CRYPTO_MINER, M_BEFORE | M_AFTER },
	{ "cpuminer", R_CRYPTO_MINER, M_BEFORE },
	{ "ccminer", R_CRYPTO_MINER, M_BEFORE },
	{ "cgminer", R_CRYPTO_MINER, M_BEFORE },
	{ "bfgminer", R_CRYPTO_MINER, M_BEFORE },
	{ "ethminer", R_CRYPTO_MINER, M_BEFORE },
	{ "lolminer", R_CRYPTO_MINER, M_BEFORE },
	{ "nbminer", R_CRYPTO_MINER, M_BEFORE },
	{ "phoenixminer", R_CRYPTO_MINER, M_BEFORE },
	{ "gminer", R_CRYPTO_MINER, M_BEFORE | M_AFTER },
	{ "teamredminer", R_CRYPTO_MINER, M_BEFORE },
	{ "srbminer", R_CRYPTO_MINER, M_BEFORE },
	{ "nanominer", R_CRYPTO_MINER, M_BEFORE },
	{ "t-rex", R_CRYPTO_MINER, M_AFTER_SLASH | M_PROGRAM },
	{ "cryptonight", R_CRYPTO_MINER, M_BEFORE },
	{ "coinhive", R_CRYPTO_MINER, M_BEFORE },
	{ "--donate-level", R_CRYPTO_MINER, 0 },

};
#define NMARKERS	(sizeof(markers) / sizeof(markers[0]))

/* Files of ~/.ssh that hold no secret (public keys end in ".pub"). */
static const char *const ssh_public[] = {
	"known_hosts", "known_hosts.old", "config", NULL,
};

static const char *const top_dirs[] = {
	"/etc", "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32",
	"/boot", "/var", "/opt", "/srv", "/dev", "/sys", "/proc", "/home",
	"/root", "$HOME", "${HOME}", NULL,
};

static const char *const system_dirs[] = {
	"/etc", "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32",
	"/boot", "/root", "/sys", "/proc/sys", "/var/lib", "/var/spool/cron",
	NULL,
};

/* Disks and kernel memory; /dev/null, /dev/tty and friends are fine. */
static const char *const system_prefixes[] = {
	"/proc/sysrq-trigger", "/dev/sd", "/dev/hd", "/dev/vd", "/dev/xvd",
	"/dev/nvme", "/dev/mmcblk", "/dev/mem", "/dev/kmem", "/dev/port",
	"/dev/disk/", "/dev/mapper/", "/dev/dm-", "/dev/md", "/dev/loop",
	NULL,
};

static const char *const sensitive_files[] = {
	"/etc/shadow", "/etc/gshadow", "/etc/passwd", "/etc/group",
	"/etc/sudoers", NULL,
};

/* Per lowercase first byte, the markers starting with it; their lengths. */
static unsigned char by_first[256][16];
static unsigned char nby_first[256];
static size_t marker_len[NMARKERS];
/*
 * A bit per pair of lowercase bytes that starts a marker: most places in
 * a literal start none, and one lookup says so.
 */
static unsigned char pair_starts[65536 / 8];
static int index_built;

int
ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

int
lower_eq(const char *p, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ascii_lower((unsigned char)p[i]) != (unsigned char)s[i])
			return 0;
	return 1;
}

static int
is_word(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_';
}

static int
same(const char *p, size_t n, const char *s)
{
	return strlen(s) == n && memcmp(p, s, n) == 0;
}

int
path_is_rootish(const char *p, size_t n, int env_names)
{
	size_t i;

	if (n == 0 || (p[0] != '/' && p[0] != '~' && p[0] != '$' &&
	    p[0] != 'H' && p[0] != 'U'))
		return 0;
	if (env_names && (same(p, n, "HOME") || same(p, n, "USERPROFILE")))
		return 1;
	if (n >= 2 && p[n - 2] == '/' && (p[n - 1] == '*' || p[n - 1] == '.'))
		n--;
	while (n > 1 && p[n - 1] == '/')
		n--;
	if (n == 1 && (p[0] == '/' || p[0] == '~'))
		return 1;
	for (i = 0; top_dirs[i] != NULL; i++)
		if (same(p, n, top_dirs[i]))
			return 1;
	return 0;
}

int
path_is_system(const char *p, size_t n)
{
	size_t i, l;

	while (n > 1 && p[n - 1] == '/')
		n--;
	if (n == 1 && p[0] == '/')
		return 1;
	for (i = 0; system_dirs[i] != NULL; i++) {
		l = strlen(system_dirs[i]);
		if (n >= l && memcmp(p, system_dirs[i], l) == 0 &&
		    (n == l || p[l] == '/'))
			return 1;
	}
	for (i = 0; system_prefixes[i] != NULL; i++) {
		l = strlen(system_prefixes[i]);
		if (n >= l && memcmp(p, system_prefixes[i], l) == 0)
			return 1;
	}
	return 0;
}

int
path_is_sensitive(const char *p, size_t n)
{
	size_t i, l;

	for (i = 0; sensitive_files[i] != NULL; i++) {
		l = strlen(sensitive_files[i]);
		if (n >= l && memcmp(p, sensitive_files[i], l) == 0 &&
		    (n == l || !is_word((unsigned char)p[l])))
			return 1;
	}
	return 0;
}

static int
is_path_char(int c)
{
	return is_word(c) || c == '.' || c == '-';
}

int
ssh_file_is_public(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n && is_path_char((unsigned char)p[i]); i++)
		;
	if (i < n && p[i] == '/')
		return 0;	/* known_hosts/../id_rsa */
	n = i;
	if (n > 4 && lower_eq(p + n - 4, ".pub", 4))
		return 1;
	for (i = 0; ssh_public[i] != NULL; i++)
		if (same(p, n, ssh_public[i]))
			return 1;
	return 0;
}

enum path_part
path_part_kind(const char *p, size_t n)
{
	if (same(p, n, ".ssh"))
		return PART_SSH;
	if (same(p, n, ".config"))
		return PART_CONFIG;
	if (same(p, n, ".aws") || same(p, n, ".kube") || same(p, n, ".azure"))
		return PART_CRED;
	return PART_NONE;
}

int
path_part_is_gcloud(const char *p, size_t n)
{
	return n >= 6 && memcmp(p, "gcloud", 6) == 0 &&
	    (n == 6 || p[6] == '/');
}

static int
is_letter(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* "(Reads", "root,", "don't": letters, an opening and a closing mark. */
static int
is_prose_word(const char *p, size_t n)
{
	size_t i = 0;

	if (n > 0 && (p[0] == '(' || p[0] == '"' || p[0] == '\''))
		i++;
	while (n > i && strchr(",.;:!?)\"'", p[n - 1]) != NULL)
		n--;
	if (i >= n)
		return 0;
	for (; i < n; i++)
		if (!is_letter((unsigned char)p[i]) && p[i] != '\'' &&
		    p[i] != '-')
			return 0;
	return 1;
}

int
plain_prose(const char *p, size_t n)
{
	size_t i = 0, start, words = 0, prose = 0;

	for (;;) {
		while (i < n && is_space((unsigned char)p[i]))
			i++;
		if (i == n)
			break;
		for (start = i; i < n && !is_space((unsigned char)p[i]); i++)
			;
		words++;
		prose += is_prose_word(p + start, i - start);
	}
	return prose >= PROSE_WORDS && prose * 2 > words;
}

static void
build_index(void)
{
	size_t i;

	for (i = 0; i < NMARKERS; i++) {
		unsigned char c = (unsigned char)markers[i].text[0];

		unsigned pair = c << 8 | (unsigned char)markers[i].text[1];

		marker_len[i] = strlen(markers[i].text);
		if (nby_first[c] < sizeof(by_first[c]))
			by_first[c][nby_first[c]++] = (unsigned char)i;
		pair_starts[pair / 8] |= (unsigned char)(1u << pair % 8);
	}
	index_built = 1;
}

/*
 * "/proc/" is followed by a process (self, thread-self, a number, or a
 * {pid} placeholder) and "/environ", which ends the path.
 */
static int
environ_tail(const char *p, size_t n)
{
	size_t i = 0;

	if (n >= 4 && memcmp(p, "self", 4) == 0)
		i = 4;
	else if (n >= 11 && memcmp(p, "thread-self", 11) == 0)
		i = 11;
	else if (n > 0 && p[0] == '{') {
		while (i < n && p[i] != '}' && p[i] != '/')
			i++;
		if (i < n && p[i] == '}')
			i++;
	} else
		while (i < n && p[i] >= '0' && p[i] <= '9')
			i++;
	return i > 0 && n - i >= 8 && memcmp(p + i, "/environ", 8) == 0 &&
	    (n - i == 8 || !is_word((unsigned char)p[i + 8]));
}

/* "stratum" is followed by an optional digit, '+', a transport and "://". */
static int
stratum_tail(const char *p, size_t n)
{
	size_t i = 0, t;

	if (i < n && p[i] >= '0' && p[i] <= '9')
		i++;
	if (i >= n || p[i] != '+')
		return 0;
	for (t = ++i; i < n && ascii_lower((unsigned char)p[i]) >= 'a' &&
	    ascii_lower((unsigned char)p[i]) <= 'z'; i++)
		;
	return i > t && n - i >= 3 && memcmp(p + i, "://", 3) == 0;
}

static int
marker_at(const struct marker *m, size_t l, const char *s, size_t i, size_t n)
{
	if (n - i < l || ascii_lower((unsigned char)s[i + 1]) != m->text[1] ||
	    !lower_eq(s + i, m->text, l))
		return 0;
	if ((m->flags & M_BEFORE) && i > 0 && is_word((unsigned char)s[i - 1]))
		return 0;
	if ((m->flags & M_AFTER_SLASH) && (i == 0 || s[i - 1] != '/'))
		return 0;
	if ((m->flags & M_DIR) && i + l < n && s[i + l] != '/')
		return 0;
	if ((m->flags & M_SSH) && i + l < n && s[i + l] == '/' &&
	    ssh_file_is_public(s + i + l + 1, n - (i + l + 1)))
		return 0;
	if ((m->flags & M_SSH) && m->text[l - 1] == '/' &&
	    ssh_file_is_public(s + i + l, n - (i + l)))
		return 0;
	if ((m->flags & M_AFTER) && i + l < n &&
	    is_word((unsigned char)s[i + l]))
		return 0;
	if ((m->flags & M_NOT_PUB) && n - (i + l) >= 4 &&
	    lower_eq(s + i + l, ".pub", 4))
		return 0;
	if ((m->flags & M_STRATUM) && !stratum_tail(s + i + l, n - (i + l)))
		return 0;
	if ((m->flags & M_ENVIRON) && !environ_tail(s + i + l, n - (i + l)))
		return 0;
	if ((m->flags & M_PROGRAM) && i + l < n && s[i + l] != ' ' &&
	    s[i + l] != '\t')
		return 0;
	return 1;
}

void
marks_scan(const char *code, size_t off, size_t len, int shapes,
    struct findings *out)
{
	const unsigned char *s = (const unsigned char *)code + off;
	unsigned seen = 0;	/* rules already reported on this line */
	size_t i, k, at, line = 0;

	if (!index_built)
		build_index();
	if (shapes && memchr(s, '(', len) != NULL &&
	    fork_bomb_shape((const char *)s, len, &at))
		findings_add(out, rule_get(R_FORK_BOMB), off + at);
	for (i = 0; i + 1 < len; i++) {
		unsigned c = (unsigned)ascii_lower(s[i]);
		unsigned pair = c << 8 | (unsigned)ascii_lower(s[i + 1]);

		if (!(pair_starts[pair / 8] & 1u << pair % 8))
			continue;
		/* A new line of the literal reports its rules again. */
		if (seen != 0 && memchr(s + line, '\n', i - line) != NULL)
			seen = 0;
		line = i;
		for (k = 0; k < nby_first[c]; k++) {
			const struct marker *m = &markers[by_first[c][k]];

			if (!(seen & 1u << m->rule) && marker_at(m,
			    marker_len[by_first[c][k]], (const char *)s, i,
			    len)) {
				findings_add(out, rule_get(m->rule), off + i);
				seen |= 1u << m->rule;
			}
		}
	}
}

/*
 * The files the program left in $SBX_OUT arrive as a ustar stream that the
 * program may have forged from the first byte to the last. What this
 * reader promises whatever the bytes are:
 *  - nothing is created outside DIR: every path is opened relative to a
 *    descriptor of DIR, one component at a time with O_NOFOLLOW, so no
 *    symlink is ever followed (not even one that was already in DIR);
 *    absolute names and ".." components are refused;
 *  - only regular files and directories are made: links, devices, FIFOs
 *    and the rest are skipped and listed as such;
 *  - a file is written under a temporary name and renamed over its own
 *    name only when complete, so a cut (a cap, a short archive, a write
 *    error) leaves no partial file looking complete, and an existing file
 *    of that name is replaced only by a whole new one; an existing
 *    directory, symlink or other non-file is never replaced;
 *  - the caps on bytes and on entries are checked before a file is begun
 *    (its size is declared up front), and past one everything else is
 *    dropped: the result says truncated.
 * Names keep their bytes (newlines, invalid UTF-8) on the filesystem; the
 * JSON and messages escape them. Memory is one header and the name list.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "outfiles.h"
#include "util.h"

#define BLOCK		512
#define MAX_NAME	4096		/* GNU long names and pax paths */
#define MAX_PAX		65536
#define MAX_SKIPPED	100

enum state {
	ST_HEADER,
	ST_DATA,	/* a file's bytes, to fd */
	ST_SKIP,	/* bytes that go nowhere */
	ST_LONGNAME,	/* GNU 'L': the next entry's name */
	ST_PAX,		/* pax 'x': records for the next entry */
	ST_END,		/* two zero blocks: ignore the rest */
	ST_STOP,	/* a cap or damage: ignore the rest */
};

struct outfiles {
	int		 root;
	uint64_t	 max_bytes, max_files, entries;
	enum state	 state;
	unsigned char	 hdr[BLOCK];
	size_t		 hdr_len;
	int		 zero_blocks;
	uint64_t	 left;		/* data bytes of the entry */
	uint64_t	 pad;		/* then padding */
	char		*meta;		/* ST_LONGNAME / ST_PAX contents */
	size_t		 meta_len;
	char		*next_name;	/* from 'L' or pax, for the next entry */

	/* The file being written. */
	int		 fd, parent;
	char		 tmp[64];
	char		*leaf;
	char		*path;
	uint64_t	 size;
	unsigned	 counter;

	struct outfiles_result r;
};

static void
stop(struct outfiles *o, int damaged, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
stop(struct outfiles *o, int damaged, const char *fmt, ...)
{
	va_list ap;

	if (damaged)
		o->r.damaged = 1;
	else
		o->r.truncated = 1;
	if (o->r.note[0] == '\0') {
		va_start(ap, fmt);
		vsnprintf(o->r.note, sizeof(o->r.note), fmt, ap);
		va_end(ap);
	}
	o->state = ST_STOP;
}

static void
skip_entry(struct outfiles *o, const char *path, char type, const char *why)
{
	struct outfile *s;

	o->r.skipped_total++;
	if (o->r.nskipped >= MAX_SKIPPED)
		return;
	o->r.skipped = xgrow(o->r.skipped, o->r.nskipped, &o->r.skipped_cap,
	    sizeof(*o->r.skipped));
	s = &o->r.skipped[o->r.nskipped++];
	s->path = xstrdup(path);
	s->size = 0;
	s->type = type;
	s->why = why;
}

int
outfiles_open(const char *dir, uint64_t max_bytes, uint64_t max_files,
    struct outfiles **out, char *why, size_t whylen)
{
	struct outfiles *o;
	int fd;

	*out = NULL;
	if (mkdir(dir, 0777) == -1 && errno != EEXIST) {
		snprintf(why, whylen, "cannot create the output directory "
		    "'%s': %s", dir, strerror(errno));
		return -1;
	}
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		snprintf(why, whylen, "cannot open the output directory '%s': "
		    "%s", dir, strerror(errno));
		return -1;
	}
	o = xmalloc(sizeof(*o));
	memset(o, 0, sizeof(*o));
	o->root = fd;
	o->fd = o->parent = -1;
	o->max_bytes = max_bytes;
	o->max_files = max_files;
	*out = o;
	return 0;
}

static uint64_t
parse_octal(const unsigned char *f, size_t width, int *bad)
{
	uint64_t v = 0;
	size_t i = 0;

	while (i < width && f[i] == ' ')
		i++;
	if (i < width && (f[i] & 0x80)) {
		*bad = 1;	/* base-256: larger than any cap */
		return UINT64_MAX;
	}
	for (; i < width && f[i] >= '0' && f[i] <= '7'; i++) {
		if (v > (UINT64_MAX >> 3)) {
			*bad = 1;
			return UINT64_MAX;
		}
		v = v * 8 + (uint64_t)(f[i] - '0');
	}
	if (i < width && f[i] != '\0' && f[i] != ' ')
		*bad = 1;
	return v;
}

static int
checksum_ok(const unsigned char *h)
{
	unsigned long sum = 0;
	long ssum = 0;
	int bad = 0;
	uint64_t want = parse_octal(h + 148, 8, &bad);
	size_t i;

	for (i = 0; i < BLOCK; i++) {
		unsigned char c = i >= 148 && i < 156 ? ' ' : h[i];

		sum += c;
		ssum += (signed char)c;
	}
	return !bad && (want == sum || (long)want == ssum);
}

static size_t
field_len(const unsigned char *f, size_t width)
{
	size_t n = 0;

	while (n < width && f[n] != '\0')
		n++;
	return n;
}

/* The entry's name: a pending long name, or ustar prefix + name. */
static char *
entry_name(struct outfiles *o)
{
	size_t nlen, plen;
	char *s;

	if (o->next_name != NULL) {
		s = o->next_name;
		o->next_name = NULL;
		return s;
	}
	nlen = field_len(o->hdr, 100);
	plen = memcmp(o->hdr + 257, "ustar", 5) == 0 ?
	    field_len(o->hdr + 345, 155) : 0;
	s = xmalloc(plen + nlen + 2);
	if (plen > 0) {
		memcpy(s, o->hdr + 345, plen);
		s[plen] = '/';
		memcpy(s + plen + 1, o->hdr, nlen);
		s[plen + 1 + nlen] = '\0';
	} else {
		memcpy(s, o->hdr, nlen);
		s[nlen] = '\0';
	}
	return s;
}

/*
 * Normalize in place: "./" and empty components dropped. -1 for an
 * absolute name, a ".." component, or nothing left.
 */
static int
clean_name(char *s)
{
	char *r = s, *w = s, *end;
	size_t len;

	if (*s == '/')
		return -1;
	while (*r != '\0') {
		end = strchr(r, '/');
		len = end ? (size_t)(end - r) : strlen(r);
		if (len == 2 && r[0] == '.' && r[1] == '.')
			return -1;
		if (len > 0 && !(len == 1 && r[0] == '.')) {
			if (w != s)
				*w++ = '/';
			memmove(w, r, len);
			w += len;
		}
		r += len + (end != NULL);
	}
	*w = '\0';
	return w == s ? -1 : 0;
}

/*
 * Open (making if missing) each directory of path[0..len) beneath the
 * root, never following a symlink: a descriptor, or -1.
 */
static int
open_dirs(struct outfiles *o, char *path, size_t len)
{
	char *p = path, *slash, save;
	int dir = o->root, fd;

	save = path[len];
	path[len] = '\0';
	while (*p != '\0') {
		slash = strchr(p, '/');
		if (slash != NULL)
			*slash = '\0';
		fd = openat(dir, p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd == -1 && errno == ENOENT && mkdirat(dir, p, 0755) == 0)
			fd = openat(dir, p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
			    O_CLOEXEC);
		if (slash != NULL)
			*slash = '/';
		if (dir != o->root)
			close(dir);
		if (fd == -1) {
			path[len] = save;
			return -1;
		}
		dir = fd;
		if (slash == NULL)
			break;
		p = slash + 1;
	}
	path[len] = save;
	return dir == o->root ? dup(o->root) : dir;
}

static void
add_file(struct outfiles *o, const char *path, uint64_t size)
{
	struct outfile *f;

	o->r.files = xgrow(o->r.files, o->r.nfiles, &o->r.files_cap,
	    sizeof(*o->r.files));
	f = &o->r.files[o->r.nfiles++];
	f->path = xstrdup(path);
	f->size = size;
	f->type = '0';
	f->why = NULL;
}

static void
discard_file(struct outfiles *o)
{
	if (o->fd != -1) {
		close(o->fd);
		o->fd = -1;
		(void)unlinkat(o->parent, o->tmp, 0);
	}
	if (o->parent != -1)
		close(o->parent);
	o->parent = -1;
	free(o->path);
	o->path = NULL;
}

static void
finish_file(struct outfiles *o)
{
	struct stat st;
	int rc = close(o->fd);

	o->fd = -1;
	/* Only a regular file is replaced; rename would replace a symlink
	 * itself (never follow it), but the link is the caller's. */
	if (rc == 0 && fstatat(o->parent, o->leaf, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    !S_ISREG(st.st_mode))
		rc = 1;
	if (rc == 0 && renameat(o->parent, o->tmp, o->parent, o->leaf) == 0) {
		add_file(o, o->path, o->size);
		o->r.bytes += o->size;
	} else {
		(void)unlinkat(o->parent, o->tmp, 0);
		skip_entry(o, o->path, '0', rc == -1 ? "write failed" :
		    "its name is taken by a directory, symlink or other non-file");
	}
	close(o->parent);
	o->parent = -1;
	free(o->path);
	o->path = NULL;
}

static void
begin_file(struct outfiles *o, char *name, unsigned mode)
{
	char *slash = strrchr(name, '/');
	size_t dirlen = slash ? (size_t)(slash - name) : 0;

	if (o->size > o->max_bytes || o->r.bytes + o->size > o->max_bytes) {
		stop(o, 0, "'%s' would pass --out-max-size; it and everything "
		    "after it were left out", name);
		free(name);
		return;
	}
	if ((o->parent = open_dirs(o, name, dirlen)) == -1) {
		skip_entry(o, name, '0', "a directory on its path is not a "
		    "directory, or cannot be made");
		free(name);
		return;
	}
	o->leaf = slash ? slash + 1 : name;
	for (;;) {
		snprintf(o->tmp, sizeof(o->tmp), ".sbx-out-%ld-%u.part",
		    (long)getpid(), o->counter++);
		o->fd = openat(o->parent, o->tmp, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, (mode & 0111) ? 0755 : 0644);
		if (o->fd != -1 || errno != EEXIST)
			break;
	}
	if (o->fd == -1) {
		close(o->parent);
		o->parent = -1;
		stop(o, 1, "cannot write '%s' into the output directory: %s",
		    name, strerror(errno));
		free(name);
		return;
	}
	o->path = name;
	o->state = ST_DATA;
	if (o->left == 0) {
		finish_file(o);
		o->state = o->pad > 0 ? ST_SKIP : ST_HEADER;
		o->left = 0;
	}
}

static void
make_dir(struct outfiles *o, char *name)
{
	int fd = open_dirs(o, name, strlen(name));

	if (fd == -1)
		skip_entry(o, name, '5', "a directory on its path is not a "
		    "directory, or cannot be made");
	else
		close(fd);
}

/* pax records "LEN key=value\n": only path matters here. */
static void
parse_pax(struct outfiles *o)
{
	size_t i = 0, j, len, reclen;
	const char *rec;

	while (i < o->meta_len) {
		len = 0;
		for (j = i; j < o->meta_len && o->meta[j] >= '0' &&
		    o->meta[j] <= '9' && len <= MAX_PAX; j++)
			len = len * 10 + (size_t)(o->meta[j] - '0');
		if (j == i || j >= o->meta_len || o->meta[j] != ' ' ||
		    len <= j - i + 1 || len > o->meta_len - i)
			return;
		rec = o->meta + j + 1;
		reclen = i + len - (j + 1);
		if (reclen > 0 && rec[reclen - 1] == '\n')
			reclen--;
		if (reclen > 5 && memcmp(rec, "path=", 5) == 0 &&
		    memchr(rec + 5, '\0', reclen - 5) == NULL) {
			free(o->next_name);
			o->next_name = xmalloc(reclen - 5 + 1);
			memcpy(o->next_name, rec + 5, reclen - 5);
			o->next_name[reclen - 5] = '\0';
		}
		i += len;
	}
}

static void
header(struct outfiles *o)
{
	char type = (char)o->hdr[156], *name;
	unsigned mode;
	int bad = 0;
	size_t i;

	for (i = 0; i < BLOCK && o->hdr[i] == 0; i++)
		;
	if (i == BLOCK) {
		if (++o->zero_blocks == 2)
			o->state = ST_END;
		return;
	}
	o->zero_blocks = 0;
	if (!checksum_ok(o->hdr)) {
		stop(o, 1, "a header's checksum is wrong: the archive is "
		    "damaged");
		return;
	}
	o->left = parse_octal(o->hdr + 124, 12, &bad);
	mode = (unsigned)parse_octal(o->hdr + 100, 8, &bad);
	if (bad) {
		stop(o, 1, "a header's size or mode is unreadable: the archive "
		    "is damaged");
		return;
	}
	o->pad = (BLOCK - o->left % BLOCK) % BLOCK;
	o->size = o->left;
	o->state = ST_SKIP;

	if (type == 'L' || type == 'x') {
		if (o->left > (type == 'L' ? MAX_NAME : MAX_PAX)) {
			stop(o, 1, "a long name is longer than the limit: the "
			    "archive is damaged");
			return;
		}
		free(o->meta);
		o->meta = xmalloc((size_t)o->left + 1);
		o->meta_len = 0;
		o->state = type == 'L' ? ST_LONGNAME : ST_PAX;
		if (o->left == 0)
			o->state = o->pad ? ST_SKIP : ST_HEADER;
		return;
	}
	if (type == 'g')
		return;
	name = entry_name(o);
	if (clean_name(name) == -1) {
		if (*name != '\0' && strcmp(name, ".") != 0)
			skip_entry(o, name, type, "absolute, or has a '..'");
		free(name);
		return;
	}
	if (type != '0' && type != '\0' && type != '7' && type != '5') {
		skip_entry(o, name, type, type == '1' ? "hard link" :
		    type == '2' ? "symlink" : type == '3' || type == '4' ?
		    "device" : type == '6' ? "FIFO" : "not a file or directory");
		free(name);
		return;
	}
	if (++o->entries > o->max_files) {
		stop(o, 0, "more than --out-max-files entries: '%s' and "
		    "everything after it were left out", name);
		free(name);
		return;
	}
	if (type == '5') {
		make_dir(o, name);
		free(name);
		return;
	}
	begin_file(o, name, mode);
}

void
outfiles_feed(struct outfiles *o, const char *data, size_t len)
{
	size_t n = 0;

	while (len > 0) {
		switch (o->state) {
		case ST_END:
		case ST_STOP:
			return;
		case ST_HEADER:
			n = BLOCK - o->hdr_len;
			n = n < len ? n : len;
			memcpy(o->hdr + o->hdr_len, data, n);
			o->hdr_len += n;
			if (o->hdr_len == BLOCK) {
				o->hdr_len = 0;
				header(o);
			}
			break;
		case ST_DATA:
			n = o->left < len ? (size_t)o->left : len;
			if (write_all(o->fd, data, n) == -1) {
				char *name = xstrdup(o->path);

				discard_file(o);
				stop(o, 1, "cannot write '%s' into the output "
				    "directory", name);
				free(name);
				return;
			}
			o->left -= n;
			if (o->left == 0) {
				finish_file(o);
				o->state = o->pad ? ST_SKIP : ST_HEADER;
			}
			break;
		case ST_LONGNAME:
		case ST_PAX:
			n = o->left < len ? (size_t)o->left : len;
			memcpy(o->meta + o->meta_len, data, n);
			o->meta_len += n;
			o->left -= n;
			if (o->left == 0) {
				o->meta[o->meta_len] = '\0';
				if (o->state == ST_PAX)
					parse_pax(o);
				else {
					free(o->next_name);
					o->next_name = xstrdup(o->meta);
				}
				o->state = o->pad ? ST_SKIP : ST_HEADER;
			}
			break;
		case ST_SKIP:
			n = o->left + o->pad < len ? (size_t)(o->left + o->pad) :
			    len;
			if (n > o->left) {
				o->pad -= n - (size_t)o->left;
				o->left = 0;
			} else
				o->left -= n;
			if (o->left == 0 && o->pad == 0)
				o->state = ST_HEADER;
			break;
		}
		data += n;
		len -= n;
	}
}

void
outfiles_finish(struct outfiles *o)
{
	if (o->state == ST_END || o->state == ST_STOP)
		return;
	if (o->fd != -1) {
		char *name = xstrdup(o->path);

		discard_file(o);
		stop(o, 1, "the archive ended inside '%s', which was left out",
		    name);
		free(name);
		return;
	}
	/* GNU tar's own end blocks are optional to a reader; a cut header
	 * or data block is not. */
	if (o->hdr_len != 0 || o->state != ST_HEADER)
		stop(o, 1, "the archive was cut short");
}

void
outfiles_fail(struct outfiles *o, const char *why)
{
	if (o->fd != -1)
		discard_file(o);
	if (o->state != ST_END)
		stop(o, 1, "%s", why);
}

const struct outfiles_result *
outfiles_result(const struct outfiles *o)
{
	return &o->r;
}

void
outfiles_close(struct outfiles *o)
{
	size_t i;

	if (o == NULL)
		return;
	discard_file(o);
	close(o->root);
	for (i = 0; i < o->r.nfiles; i++)
		free(o->r.files[i].path);
	for (i = 0; i < o->r.nskipped; i++)
		free(o->r.skipped[i].path);
	free(o->r.files);
	free(o->r.skipped);
	free(o->meta);
	free(o->next_name);
	free(o);
}

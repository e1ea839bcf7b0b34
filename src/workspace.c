/*
 * The workspace (-C DIR) as a ustar stream on the container's stdin.
 * DIR is walked once, before anything starts: every entry is checked
 * and measured, so a refusal (too big, unreadable, a device, FIFO or
 * socket, a symlink leading out of DIR, a name ustar cannot hold) comes
 * before a container exists, and the tar's exact size can go in BOOT's
 * header. The producer then streams the measured entries, one file open
 * at a time, so memory is the entry list plus one block. Files are
 * reopened component by component with O_NOFOLLOW, so a path swapped for
 * a symlink after the walk is never followed out of DIR; a file that
 * changed size is cut or zero-padded to its measured size with a warning.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parse.h"
#include "util.h"
#include "workspace.h"

#define BLOCK		512
#define NAME_FIELD	100
#define PREFIX_FIELD	155
#define MAX_DEPTH	128
#define MAX_OCTAL_11	077777777777ULL

struct entry {
	size_t		 name;		/* offset in names: the relative path */
	size_t		 link;		/* symlinks: offset of the target */
	uint64_t	 size;
	int64_t		 mtime;
	unsigned	 mode;
	char		 type;		/* '0' file, '5' directory, '2' symlink */
};

struct workspace {
	int		 root;		/* DIR, O_DIRECTORY */
	char		*names;
	size_t		 names_len, names_cap;
	struct entry	*e;
	size_t		 n, cap;
	uint64_t	 tar_size, limit, files;
	const char *const *excludes;
	size_t		 nexcludes;
	char		 root_real[PATH_MAX];
	char		*why;
	size_t		 whylen;

	/* The producer. */
	size_t		 next;		/* entry whose header comes next */
	char		 block[BLOCK];
	size_t		 block_off, block_len;
	int		 fd;		/* the file being sent, or -1 */
	uint64_t	 left, pad;	/* data bytes, then padding, to send */
	int		 short_file;	/* warned about this one */
	int		 trailer_done;
};

static int
refuse(struct workspace *ws, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
refuse(struct workspace *ws, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ws->why, ws->whylen, fmt, ap);
	va_end(ap);
	return -1;
}

static size_t
add_name(struct workspace *ws, const char *s, size_t len)
{
	size_t off = ws->names_len;

	while (ws->names_len + len + 1 > ws->names_cap) {
		ws->names_cap = ws->names_cap ? ws->names_cap * 2 : 4096;
		ws->names = xrealloc(ws->names, ws->names_cap);
	}
	memcpy(ws->names + off, s, len);
	ws->names[off + len] = '\0';
	ws->names_len += len + 1;
	return off;
}

static int
is_vcs(const char *name)
{
	return strcmp(name, ".git") == 0 || strcmp(name, ".hg") == 0 ||
	    strcmp(name, ".svn") == 0 || strcmp(name, ".bzr") == 0;
}

static int
excluded(const struct workspace *ws, const char *rel, const char *base)
{
	size_t i;

	for (i = 0; i < ws->nexcludes; i++)
		if (fnmatch(ws->excludes[i], rel, FNM_PERIOD) == 0 ||
		    fnmatch(ws->excludes[i], base, FNM_PERIOD) == 0)
			return 1;
	return 0;
}

/* Does ustar hold this name (with prefix), and the header fields it needs? */
static int
split_name(const char *rel, size_t *prefix_len)
{
	size_t len = strlen(rel), p;

	*prefix_len = 0;
	if (len <= NAME_FIELD)
		return 0;
	for (p = len - 1; p > 0; p--) {
		if (rel[p] != '/')
			continue;
		if (len - p - 1 > NAME_FIELD)
			return -1;
		if (p <= PREFIX_FIELD) {
			*prefix_len = p;
			return 0;
		}
	}
	return -1;
}

static int
check_link(struct workspace *ws, const char *rel, const char *target)
{
	char path[PATH_MAX], real[PATH_MAX];
	size_t n = strlen(ws->root_real);

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", ws->root_real, rel) >=
	    sizeof(path))
		return refuse(ws, "workspace: '%s': path too long", rel);
	if (realpath(path, real) == NULL)
		return refuse(ws, "workspace: symlink '%s' -> '%s' points to "
		    "nothing inside the workspace (leave it out with --exclude)",
		    rel, target);
	if (strcmp(ws->root_real, "/") != 0 &&
	    (strncmp(real, ws->root_real, n) != 0 ||
	    (real[n] != '\0' && real[n] != '/')))
		return refuse(ws, "workspace: symlink '%s' -> '%s' leads out of "
		    "the workspace, which sbx never follows (leave it out with "
		    "--exclude)", rel, target);
	if (strlen(target) > NAME_FIELD)
		return refuse(ws, "workspace: symlink '%s': its target is longer "
		    "than %d bytes, which ustar cannot hold", rel, NAME_FIELD);
	return 0;
}

static int
add_entry(struct workspace *ws, const char *rel, const struct stat *st,
    char type, const char *target)
{
	struct entry *e;
	size_t prefix;
	uint64_t data = 0;
	char limit[32];

	if (split_name(rel, &prefix) == -1)
		return refuse(ws, "workspace: '%s': the name does not fit in a "
		    "ustar header (at most %d bytes after the last '/', %d "
		    "before it)", rel, NAME_FIELD, PREFIX_FIELD);
	if (type == '0') {
		if ((uint64_t)st->st_size > MAX_OCTAL_11)
			return refuse(ws, "workspace: '%s' is too large", rel);
		data = ((uint64_t)st->st_size + BLOCK - 1) / BLOCK * BLOCK;
	}
	ws->tar_size += BLOCK + data;
	if (ws->tar_size + 2 * BLOCK > ws->limit) {
		format_size(ws->limit, limit, sizeof(limit));
		return refuse(ws, "workspace: '%s' passes the workspace size "
		    "limit of %s (raise it with --workspace-size, or leave files "
		    "out with --exclude)", rel, limit);
	}
	ws->e = xgrow(ws->e, ws->n, &ws->cap, sizeof(*ws->e));
	e = &ws->e[ws->n++];
	memset(e, 0, sizeof(*e));
	e->name = add_name(ws, rel, strlen(rel));
	e->link = target != NULL ? add_name(ws, target, strlen(target)) : 0;
	e->size = type == '0' ? (uint64_t)st->st_size : 0;
	e->mtime = st->st_mtime < 0 ? 0 : (int64_t)st->st_mtime;
	e->type = type;
	/* Owner-writable, readable by all; only the execute bits travel. */
	e->mode = type == '5' || (st->st_mode & 0111) ? 0755 : 0644;
	if (type == '2')
		e->mode = 0777;
	if (type == '0')
		ws->files++;
	return 0;
}

static int walk(struct workspace *, int dirfd, char *rel, size_t rel_len,
    int depth);

static int
visit(struct workspace *ws, int dirfd, const char *name, char *rel,
    size_t rel_len, int depth)
{
	char target[PATH_MAX];
	struct stat st;
	ssize_t n;
	int fd;

	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == -1)
		return refuse(ws, "workspace: cannot read '%s': %s", rel,
		    strerror(errno));
	if (S_ISREG(st.st_mode)) {
		/* Readable now, or refused now rather than half-way through. */
		if ((fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
		    O_NOCTTY | O_NONBLOCK)) == -1)
			return refuse(ws, "workspace: cannot read '%s': %s", rel,
			    strerror(errno));
		close(fd);
		return add_entry(ws, rel, &st, '0', NULL);
	}
	if (S_ISDIR(st.st_mode)) {
		if (depth >= MAX_DEPTH)
			return refuse(ws, "workspace: '%s' is nested deeper than "
			    "%d directories", rel, MAX_DEPTH);
		if ((fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY |
		    O_NOFOLLOW | O_CLOEXEC)) == -1)
			return refuse(ws, "workspace: cannot read '%s': %s", rel,
			    strerror(errno));
		if (add_entry(ws, rel, &st, '5', NULL) == -1) {
			close(fd);
			return -1;
		}
		return walk(ws, fd, rel, rel_len, depth + 1);
	}
	if (S_ISLNK(st.st_mode)) {
		if ((n = readlinkat(dirfd, name, target, sizeof(target) - 1)) == -1)
			return refuse(ws, "workspace: cannot read symlink '%s': %s",
			    rel, strerror(errno));
		target[n] = '\0';
		if (check_link(ws, rel, target) == -1)
			return -1;
		return add_entry(ws, rel, &st, '2', target);
	}
	return refuse(ws, "workspace: '%s' is a %s, which cannot be copied "
	    "(leave it out with --exclude)", rel, S_ISFIFO(st.st_mode) ? "FIFO" :
	    S_ISSOCK(st.st_mode) ? "socket" : "device");
}

/* Takes dirfd (closes it). rel holds the directory's relative path. */
static int
walk(struct workspace *ws, int dirfd, char *rel, size_t rel_len, int depth)
{
	struct dirent *d;
	DIR *dir;
	size_t len;
	int rc = 0;

	if ((dir = fdopendir(dirfd)) == NULL) {
		close(dirfd);
		return refuse(ws, "workspace: cannot read '%s': %s",
		    rel_len ? rel : ".", strerror(errno));
	}
	while (rc == 0 && (errno = 0, d = readdir(dir)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0 ||
		    is_vcs(d->d_name))
			continue;
		len = strlen(d->d_name);
		if (rel_len + len + 2 > PATH_MAX) {
			rc = refuse(ws, "workspace: '%s/%s': path too long", rel,
			    d->d_name);
			break;
		}
		if (rel_len > 0)
			rel[rel_len] = '/';
		memcpy(rel + rel_len + (rel_len > 0), d->d_name, len + 1);
		if (!excluded(ws, rel, d->d_name))
			rc = visit(ws, dirfd, d->d_name, rel,
			    rel_len + (rel_len > 0) + len, depth);
		rel[rel_len] = '\0';
	}
	if (rc == 0 && errno != 0)
		rc = refuse(ws, "workspace: cannot read '%s': %s",
		    rel_len ? rel : ".", strerror(errno));
	closedir(dir);
	return rc;
}

int
workspace_open(const char *dir, const char *const *excludes, size_t nexcludes,
    uint64_t cap, struct workspace **out, char *why, size_t whylen)
{
	struct workspace *ws;
	char rel[PATH_MAX];
	int fd;

	ws = xmalloc(sizeof(*ws));
	memset(ws, 0, sizeof(*ws));
	ws->root = ws->fd = -1;
	ws->excludes = excludes;
	ws->nexcludes = nexcludes;
	ws->limit = cap;
	ws->why = why;
	ws->whylen = whylen;
	if (realpath(dir, ws->root_real) == NULL ||
	    (ws->root = open(ws->root_real, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1) {
		refuse(ws, "workspace: cannot open '%s': %s", dir,
		    strerror(errno));
		goto fail;
	}
	if ((fd = dup(ws->root)) == -1) {
		refuse(ws, "workspace: dup: %s", strerror(errno));
		goto fail;
	}
	rel[0] = '\0';
	if (walk(ws, fd, rel, 0, 0) == -1)
		goto fail;
	ws->tar_size += 2 * BLOCK;
	*out = ws;
	return 0;
fail:
	workspace_close(ws);
	*out = NULL;
	return -1;
}

uint64_t
workspace_size(const struct workspace *ws)
{
	return ws->tar_size;
}

uint64_t
workspace_files(const struct workspace *ws)
{
	return ws->files;
}

static void
put_octal(char *field, size_t width, uint64_t v)
{
	/* width - 1 digits and a NUL, as POSIX ustar asks. */
	char tmp[24];

	snprintf(tmp, sizeof(tmp), "%0*llo", (int)(width - 1),
	    (unsigned long long)v);
	memcpy(field, tmp, width - 1);
	field[width - 1] = '\0';
}

static void
make_header(struct workspace *ws, const struct entry *e)
{
	const char *rel = ws->names + e->name;
	char *h = ws->block;
	size_t prefix, len, i;
	unsigned sum = 0;

	memset(h, 0, BLOCK);
	(void)split_name(rel, &prefix);
	len = strlen(rel);
	if (prefix > 0) {
		memcpy(h + 345, rel, prefix);
		memcpy(h, rel + prefix + 1, len - prefix - 1);
	} else
		memcpy(h, rel, len);
	put_octal(h + 100, 8, e->mode);
	put_octal(h + 108, 8, 0);
	put_octal(h + 116, 8, 0);
	put_octal(h + 124, 12, e->size);
	put_octal(h + 136, 12, (uint64_t)e->mtime > MAX_OCTAL_11 ? MAX_OCTAL_11 :
	    (uint64_t)e->mtime);
	h[156] = e->type;
	if (e->type == '2')
		memcpy(h + 157, ws->names + e->link, strlen(ws->names + e->link));
	memcpy(h + 257, "ustar", 6);
	memcpy(h + 263, "00", 2);
	memset(h + 148, ' ', 8);
	for (i = 0; i < BLOCK; i++)
		sum += (unsigned char)h[i];
	snprintf(h + 148, 8, "%06o", sum);
	h[155] = ' ';
	ws->block_off = 0;
	ws->block_len = BLOCK;
}

/*
 * Open rel beneath the root without following any symlink on the way:
 * each component with O_NOFOLLOW, so a directory swapped for a link
 * after the walk fails here instead of leading out of DIR.
 */
static int
open_beneath(int root, const char *rel)
{
	char part[PATH_MAX];
	const char *p = rel, *slash;
	int dir = root, fd;

	while ((slash = strchr(p, '/')) != NULL) {
		memcpy(part, p, (size_t)(slash - p));
		part[slash - p] = '\0';
		fd = openat(dir, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		if (dir != root)
			close(dir);
		if (fd == -1)
			return -1;
		dir = fd;
		p = slash + 1;
	}
	fd = openat(dir, p, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY |
	    O_NONBLOCK);
	if (dir != root)
		close(dir);
	return fd;
}

static void
start_entry(struct workspace *ws, const struct entry *e)
{
	struct stat st;

	make_header(ws, e);
	ws->left = e->size;
	ws->pad = (BLOCK - e->size % BLOCK) % BLOCK;
	ws->short_file = 0;
	if (e->type != '0' || e->size == 0)
		return;
	ws->fd = open_beneath(ws->root, ws->names + e->name);
	if (ws->fd != -1 && (fstat(ws->fd, &st) == -1 || !S_ISREG(st.st_mode))) {
		close(ws->fd);
		ws->fd = -1;
		errno = EINVAL;
	}
	if (ws->fd == -1) {
		warnx_sbx("workspace: '%s' changed while being copied (%s); it "
		    "goes in as %llu zero bytes", ws->names + e->name,
		    strerror(errno), (unsigned long long)e->size);
		ws->short_file = 1;
	}
}

static size_t
read_data(struct workspace *ws, char *buf, size_t len)
{
	const struct entry *e = &ws->e[ws->next - 1];
	ssize_t n = 0;

	if (len > ws->left)
		len = (size_t)ws->left;
	if (ws->fd != -1) {
		do
			n = read(ws->fd, buf, len);
		while (n == -1 && errno == EINTR);
		if (n <= 0) {
			if (!ws->short_file)
				warnx_sbx("workspace: '%s' shrank while being "
				    "copied; it goes in padded with zeros to its "
				    "measured %llu bytes", ws->names + e->name,
				    (unsigned long long)e->size);
			ws->short_file = 1;
			close(ws->fd);
			ws->fd = -1;
		}
	}
	if (ws->fd == -1) {
		memset(buf, 0, len);
		n = (ssize_t)len;
	}
	ws->left -= (uint64_t)n;
	if (ws->left == 0 && ws->fd != -1) {
		close(ws->fd);
		ws->fd = -1;
	}
	return (size_t)n;
}

size_t
workspace_read(struct workspace *ws, char *buf, size_t len)
{
	size_t n;

	for (;;) {
		if (ws->block_off < ws->block_len) {
			n = ws->block_len - ws->block_off;
			n = n < len ? n : len;
			memcpy(buf, ws->block + ws->block_off, n);
			ws->block_off += n;
			return n;
		}
		if (ws->left > 0)
			return read_data(ws, buf, len);
		if (ws->pad > 0) {
			n = ws->pad < len ? (size_t)ws->pad : len;
			memset(buf, 0, n);
			ws->pad -= n;
			return n;
		}
		if (ws->next < ws->n) {
			start_entry(ws, &ws->e[ws->next++]);
			continue;
		}
		if (ws->trailer_done)
			return 0;
		/* Two zero blocks end the archive. */
		memset(ws->block, 0, BLOCK);
		ws->block_off = 0;
		ws->block_len = BLOCK;
		ws->pad = BLOCK;
		ws->trailer_done = 1;
	}
}

void
workspace_close(struct workspace *ws)
{
	if (ws == NULL)
		return;
	if (ws->fd != -1)
		close(ws->fd);
	if (ws->root != -1)
		close(ws->root);
	free(ws->names);
	free(ws->e);
	free(ws);
}

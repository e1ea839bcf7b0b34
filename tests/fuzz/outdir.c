/*
 * The output directory of the archive targets and its guard (outdir.h).
 */
#define _XOPEN_SOURCE 700
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz.h"
#include "outdir.h"

int	__real_openat(int, const char *, int, ...);
int	__real_mkdirat(int, const char *, mode_t);
int	__real_unlinkat(int, const char *, int);
int	__real_renameat(int, const char *, int, const char *);
int	__wrap_openat(int, const char *, int, ...);
int	__wrap_mkdirat(int, const char *, mode_t);
int	__wrap_unlinkat(int, const char *, int);
int	__wrap_renameat(int, const char *, int, const char *);

static char base[64], out[80];
static size_t outlen;

/* dirfd is out or beneath it, and name one plain component. */
static void
guard(const char *call, int dirfd, const char *name)
{
	char link[64], where[4096];
	ssize_t n;

	FUZZ_ASSERT(name[0] != '\0' && strchr(name, '/') == NULL &&
	    strcmp(name, ".") != 0 && strcmp(name, "..") != 0,
	    "%s of '%s': not one component", call, name);
	snprintf(link, sizeof(link), "/proc/self/fd/%d", dirfd);
	n = readlink(link, where, sizeof(where) - 1);
	FUZZ_ASSERT(n > 0, "%s: descriptor %d is no directory", call, dirfd);
	where[n] = '\0';
	FUZZ_ASSERT(strncmp(where, out, outlen) == 0 &&
	    (where[outlen] == '\0' || where[outlen] == '/'),
	    "%s of '%s' in %s, outside %s", call, name, where, out);
}

int
__wrap_openat(int dirfd, const char *name, int flags, ...)
{
	va_list ap;
	mode_t mode = 0;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	guard("openat", dirfd, name);
	return __real_openat(dirfd, name, flags, mode);
}

int
__wrap_mkdirat(int dirfd, const char *name, mode_t mode)
{
	guard("mkdirat", dirfd, name);
	return __real_mkdirat(dirfd, name, mode);
}

int
__wrap_unlinkat(int dirfd, const char *name, int flags)
{
	guard("unlinkat", dirfd, name);
	return __real_unlinkat(dirfd, name, flags);
}

int
__wrap_renameat(int from_fd, const char *from, int to_fd, const char *to)
{
	guard("renameat", from_fd, from);
	guard("renameat", to_fd, to);
	return __real_renameat(from_fd, from, to_fd, to);
}

static int	remove_one(const char *, const struct stat *, int, struct FTW *);

static void
remove_base(void)
{
	(void)nftw(base, remove_one, 16, FTW_PHYS | FTW_DEPTH);
	(void)rmdir(base);
}

const char *
outdir_begin(void)
{
	if (base[0] == '\0') {
		const char *tmp = getenv("TMPDIR");

		snprintf(base, sizeof(base), "%s/sbx-fuzz.XXXXXX",
		    tmp != NULL && *tmp == '/' && strlen(tmp) < 32 ? tmp : "/tmp");
		FUZZ_ASSERT(mkdtemp(base) != NULL, "mkdtemp: %s",
		    strerror(errno));
		snprintf(out, sizeof(out), "%s/out", base);
		outlen = strlen(out);
		atexit(remove_base);
	}
	return out;
}

static int
inspect(const char *path, const struct stat *st, int type, struct FTW *f)
{
	(void)f;
	if (strcmp(path, base) == 0)
		return 0;
	FUZZ_ASSERT(strncmp(path, out, outlen) == 0 &&
	    (path[outlen] == '\0' || path[outlen] == '/'),
	    "'%s' was made outside %s", path, out);
	FUZZ_ASSERT(type == FTW_D || type == FTW_DP || (type == FTW_F &&
	    S_ISREG(st->st_mode)), "'%s' is neither a file nor a directory "
	    "(mode %o)", path, (unsigned)st->st_mode);
	return 0;
}

static int
remove_one(const char *path, const struct stat *st, int type, struct FTW *f)
{
	(void)st;
	(void)type;
	if (f->level == 0)
		return 0;
	/* A directory left without search permission still goes. */
	chmod(path, 0700);
	return remove(path) == -1 ? -1 : 0;
}

void
outdir_end(void)
{
	FUZZ_ASSERT(nftw(base, inspect, 16, FTW_PHYS) == 0, "walk: %s",
	    strerror(errno));
	FUZZ_ASSERT(nftw(base, remove_one, 16, FTW_PHYS | FTW_DEPTH) == 0,
	    "cleaning %s: %s", base, strerror(errno));
}

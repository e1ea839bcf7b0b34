/*
 * The idle containers of a warm pool, listed in a file of this host and
 * user and changed only under its lock: a claim takes its container off
 * the list, so no two claims get the same one and no engine query is
 * needed to find one. The file is read as untrusted: only well-formed
 * entries of this pool count, and only so much of it.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "proc.h"
#include "util.h"
#include "warm_list.h"

/* A container is claimed only with this much of its TTL left (or half
 * the TTL, if shorter): the claim's first line must reach BOOT in time. */
#define WARM_CLAIM_MARGIN_MS	2000
/* How long a claim waits for the pool's list (then it runs cold). */
#define WARM_CLAIM_WAIT_MS	5000
/* The pool's list holds at most this much; more is not sbx's. */
#define WARM_LIST_MAX		(64U << 10)

int
warm_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
}

uint64_t
warm_realtime_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static uint64_t
claim_margin(const struct warm_pool *p)
{
	return p->ttl_ms / 2 < WARM_CLAIM_MARGIN_MS ? p->ttl_ms / 2 :
	    WARM_CLAIM_MARGIN_MS;
}

int
warm_lock(const struct warm_pool *p, const char *what, uint64_t wait_ms)
{
	const char *dir = getenv("XDG_RUNTIME_DIR");
	char path[4096];
	uint64_t until = now_ms() + wait_ms;
	struct timespec pause = { 0, 5 * 1000 * 1000 };
	struct stat st;
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = getenv("TMPDIR");
	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	snprintf(path, sizeof(path), "%s/sbx-warm-%.12s-%ld.%s", dir, p->key,
	    (long)getuid(), what);
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
	    0600)) == -1)
		return -1;
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
	    st.st_uid != getuid()) {
		close(fd);
		return -1;
	}
	while (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		if (errno != EWOULDBLOCK || now_ms() >= until) {
			close(fd);
			return -1;
		}
		nanosleep(&pause, NULL);
	}
	return fd;
}

static int
is_hex_id(const char *s)
{
	size_t n = strspn(s, "0123456789abcdef");

	return n >= 12 && s[n] == '\0';
}

static int
is_container_name(const char *s)
{
	for (; *s != '\0'; s++)
		if (!warm_name_char(*s))
			return 0;
	return 1;
}

/* The pool's list, as far as it holds well-formed entries of this pool. */
static size_t
load_entries(const struct warm_pool *p, int fd, struct warm_entry **out)
{
	char *text = xmalloc(WARM_LIST_MAX + 1), *line, *save = NULL;
	struct warm_entry *e = NULL;
	size_t n = 0, cap = 0, len = 0;
	ssize_t got;

	while (len < WARM_LIST_MAX && (got = pread(fd, text + len,
	    WARM_LIST_MAX - len, (off_t)len)) > 0)
		len += (size_t)got;
	text[len] = '\0';
	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char id[80], name[128];
		unsigned long long expiry;
		int used = 0;

		if (sscanf(line, "%79s %127s %llu%n", id, name, &expiry,
		    &used) != 3 || line[used] != '\0' || !is_hex_id(id) ||
		    !starts_with(name, p->prefix) || !is_container_name(name))
			continue;
		e = xgrow(e, n, &cap, sizeof(*e));
		snprintf(e[n].id, sizeof(e[n].id), "%s", id);
		snprintf(e[n].name, sizeof(e[n].name), "%s", name);
		e[n].expiry_ms = expiry;
		n++;
	}
	free(text);
	*out = e;
	return n;
}

/* Write the list back, without the containers whose TTL has ended. */
static void
store_entries(int fd, const struct warm_entry *e, size_t n)
{
	uint64_t now = warm_realtime_ms();
	char *text = NULL;
	size_t len = 0, i;
	FILE *mem = open_memstream(&text, &len);

	if (mem == NULL)
		return;
	for (i = 0; i < n; i++)
		if (e[i].expiry_ms > now)
			fprintf(mem, "%s %s %llu\n", e[i].id, e[i].name,
			    (unsigned long long)e[i].expiry_ms);
	fclose(mem);
	if (ftruncate(fd, 0) == 0)
		(void)write_all(fd, text, len);
	free(text);
}

long
warm_list_count(const struct warm_pool *p)
{
	struct warm_entry *e;
	uint64_t now = warm_realtime_ms();
	size_t n, i;
	long have = 0;
	int fd;

	if ((fd = warm_lock(p, "pool", WARM_LOCK_WAIT_MS)) == -1)
		return -1;
	n = load_entries(p, fd, &e);
	for (i = 0; i < n; i++)
		have += e[i].expiry_ms > now;
	free(e);
	close(fd);
	return have;
}

void
warm_list_add(const struct warm_pool *p, const struct warm_entry *add)
{
	struct warm_entry *e;
	size_t n;
	int fd;

	if ((fd = warm_lock(p, "pool", WARM_LOCK_WAIT_MS)) == -1)
		return;
	n = load_entries(p, fd, &e);
	e = xrealloc(e, (n + 1) * sizeof(*e));
	e[n++] = *add;
	store_entries(fd, e, n);
	free(e);
	close(fd);
}

int
warm_list_take(const struct warm_pool *p, struct warm_entry *took, long *left)
{
	struct warm_entry *e;
	uint64_t enough = warm_realtime_ms() + claim_margin(p);
	size_t n, i, best = (size_t)-1;
	int fd;

	if ((fd = warm_lock(p, "pool", WARM_CLAIM_WAIT_MS)) == -1) {
		*left = -1;
		return -1;
	}
	n = load_entries(p, fd, &e);
	for (i = 0; i < n; i++)
		if (e[i].expiry_ms > enough &&
		    (best == (size_t)-1 || e[i].expiry_ms < e[best].expiry_ms))
			best = i;
	if (best != (size_t)-1) {
		*took = e[best];
		e[best] = e[n - 1];
		n--;
	}
	store_entries(fd, e, n);
	*left = 0;
	for (i = 0; i < n; i++)
		*left += e[i].expiry_ms > enough;
	free(e);
	close(fd);
	return best != (size_t)-1 ? 0 : -1;
}

/*
 * Warm start (--warm N). No daemon: every run claims an idle container
 * of its pool if there is one, and a short-lived detached process it
 * leaves behind starts the replacements. Invariants:
 *  - a pool container is started from the run's own argv (every sandbox
 *    flag, the image, the environment), minus what names one run, so it
 *    is exactly what a cold run would start; the pool key hashes that
 *    argv and how the engine is reached, so any change is another pool.
 *  - it has never seen code or input: its main process only sleeps until
 *    a run claims it, or until the TTL, when it exits and the engine
 *    (--rm) removes it with no sbx around.
 *  - a claim is "<engine> rename": the engine lets one of parallel
 *    claimers have the old name; the others try the next or run cold.
 *  - once claimed it serves one run ("<engine> exec -i ... BOOT") and is
 *    removed like a cold run's container.
 * The main process is the waiter below, as PID 1 (no --init): BOOT kills
 * every other process of the sandbox user when the program is done (to
 * read the cgroup's facts and $SBX_OUT with nothing left running), and
 * init is the one process that survives that. If init were tini (--init)
 * with a child, the child's death would end the container under BOOT.
 */
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "boot.h"
#include "engine.h"
#include "id.h"
#include "proc.h"
#include "sha256.h"
#include "util.h"
#include "warm.h"

/*
 * PID 1 of a pool container, "sh -c WAITER sbx-warm TTL". Idle, it sleeps
 * for the TTL and exits 0. A claim's BOOT first kills that sleep, which
 * turns the shell into the claimed container's init: it reaps orphans
 * (wait reaps any child) and outlives BOOT's kill of the user's
 * processes, until sbx removes the container. The engine's SIGUSR1 (the
 * deadline, when files are to come back) reaches init only; it passes it
 * on to everything else, BOOT included, as tini would to its child.
 */
static const char waiter_script[] =
	"trap 'kill -s USR1 -- -1' USR1\n"
	"sleep \"$1\" & wait $! && exit\n"
	"while :; do sleep 2147483647 & wait; done\n";

/* What BOOT runs first in a claimed container: the end of the TTL. */
static const char claim_prefix[] = "kill -s KILL -- -1 2>/dev/null\n";

/* Bump when the pool container's command changes meaning. */
#define WARM_PROTOCOL	"sbx-warm 1"
/* A container is claimed only with this much of its TTL left (or half
 * the TTL, if shorter): BOOT must end its sleep before the TTL does. */
#define WARM_CLAIM_MARGIN_MS	2000
/* Upper bound for one refill process, engine hangs included. */
#define WARM_REFILL_SECS	120
/* How long a refill waits for another refill of the same pool, and a
 * claim for other claims (then it runs cold). */
#define WARM_LOCK_WAIT_MS	30000
#define WARM_CLAIM_WAIT_MS	5000

static const char *const endpoint_variables[] = {
	"DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG", "CONTAINER_HOST",
	"CONTAINER_CONNECTION", NULL,
};

static int
starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Words of the run argv that name this one run, not the sandbox. */
static int
names_the_run(const char *w)
{
	return starts_with(w, "--name=") ||
	    starts_with(w, "--label=" LABEL_OWNER "=");
}

static void
hash_word(struct sha256 *h, const char *w)
{
	sha256_update(h, w, strlen(w) + 1);
}

void
warm_pool_init(struct warm_pool *p, const struct sbx_opts *o,
    const struct argv *run)
{
	struct sha256 h;
	char ttl[32];
	size_t i;

	memset(p, 0, sizeof(*p));
	p->size = o->warm;
	p->ttl_ms = o->warm_ttl_ms;
	if (run->n < 7 || strcmp(run->v[1], "run") != 0 ||
	    strcmp(run->v[run->n - 4], "sh") != 0 ||
	    strcmp(run->v[run->n - 1], BOOT_NAME) != 0)
		die("internal error: the run argv does not end in BOOT");

	sha256_init(&h);
	hash_word(&h, WARM_PROTOCOL);
	hash_word(&h, waiter_script);
	for (i = 0; endpoint_variables[i] != NULL; i++) {
		const char *v = getenv(endpoint_variables[i]);

		hash_word(&h, endpoint_variables[i]);
		hash_word(&h, v != NULL ? v : "");
	}
	for (i = 0; i < run->n; i++)
		if (!names_the_run(run->v[i]))
			hash_word(&h, run->v[i]);
	sha256_hex(&h, p->key);
	snprintf(p->prefix, sizeof(p->prefix), WARM_NAME "%.12s-", p->key);

	/* The run's argv up to the image, without what only a run has. */
	argv_push(&p->start, run->v[0]);
	argv_push(&p->start, "run");
	argv_push(&p->start, "--detach");
	argv_push(&p->start, "--rm");
	p->name_at = p->start.n;
	argv_push(&p->start, "--name=");	/* replaced per container */
	argv_pushf(&p->start, "--label=%s=%s", LABEL_WARM, p->key);
	for (i = 2; i < run->n - 4; i++) {
		const char *w = run->v[i];

		if (names_the_run(w) || strcmp(w, "--interactive") == 0 ||
		    strcmp(w, "--init") == 0)
			continue;
		argv_push(&p->start, w);
	}
	argv_push(&p->start, "sh");
	argv_push(&p->start, "-c");
	argv_push(&p->start, waiter_script);
	argv_push(&p->start, "sbx-warm");
	snprintf(ttl, sizeof(ttl), "%llu.%03llu",
	    (unsigned long long)(p->ttl_ms / 1000),
	    (unsigned long long)(p->ttl_ms % 1000));
	argv_push(&p->start, ttl);
}

void
warm_pool_free(struct warm_pool *p)
{
	argv_free(&p->start);
}

/* Letters, digits, '_', '.', '-': what a container name may hold. */
static void
name_safe(const char *in, char *out, size_t len)
{
	size_t i;

	for (i = 0; in[i] != '\0' && i + 1 < len; i++)
		out[i] = (in[i] >= 'a' && in[i] <= 'z') ||
		    (in[i] >= 'A' && in[i] <= 'Z') ||
		    (in[i] >= '0' && in[i] <= '9') || in[i] == '.' ||
		    in[i] == '-' || in[i] == '_' ? in[i] : '_';
	out[i] = '\0';
}

void
warm_name_run(struct container_id *id)
{
	char host[256], safe[64];
	const char *colon = strrchr(id->owner, ':');

	if (gethostname(host, sizeof(host)) == -1)
		snprintf(host, sizeof(host), "unknown");
	host[sizeof(host) - 1] = '\0';
	name_safe(host, safe, sizeof(safe));
	/* "sbx-" and 16 hex digits, as a cold run's: room is certain. */
	snprintf(id->name + 20, sizeof(id->name) - 20, "-%s-%s",
	    colon != NULL ? colon + 1 : "0", safe);
}

int
warm_owner_from_name(const char *name, char *owner, size_t len)
{
	const char *p = name + 4, *pid, *host;
	size_t i;

	if (!starts_with(name, "sbx-") || strlen(name) < 24)
		return -1;
	for (i = 0; i < 16; i++)
		if (strchr("0123456789abcdef", p[i]) == NULL)
			return -1;
	if (p[16] != '-')
		return -1;
	pid = p + 17;
	for (i = 0; pid[i] >= '0' && pid[i] <= '9'; i++)
		;
	if (i == 0 || pid[i] != '-' || pid[i + 1] == '\0')
		return -1;
	host = pid + i + 1;
	snprintf(owner, len, "%s:%.*s", host, (int)i, pid);
	return 0;
}

int
warm_is_idle_name(const char *name)
{
	return starts_with(name, WARM_NAME);
}

static uint64_t
realtime_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* An idle name's end of TTL, "<prefix><unix seconds>-<random>"; 0: not one. */
static uint64_t
expiry_ms(const struct warm_pool *p, const char *name)
{
	char *end;
	unsigned long long s;

	if (!starts_with(name, p->prefix))
		return 0;
	s = strtoull(name + strlen(p->prefix), &end, 10);
	return *end == '-' ? s * 1000 : 0;
}

static uint64_t
claim_margin(const struct warm_pool *p)
{
	return p->ttl_ms / 2 < WARM_CLAIM_MARGIN_MS ? p->ttl_ms / 2 :
	    WARM_CLAIM_MARGIN_MS;
}

/* The pool's running containers with enough TTL left, one per line. */
static int
list_idle(const struct engine *e, const struct warm_pool *p, char ***names,
    size_t *n)
{
	struct argv a = { 0 };
	struct capture c;
	uint64_t enough = realtime_ms() + claim_margin(p);
	char *line, *save = NULL;
	size_t cap = 0;
	int rc;

	*names = NULL;
	*n = 0;
	argv_push(&a, e->program);
	argv_push(&a, "ps");
	argv_pushf(&a, "--filter=label=%s=%s", LABEL_WARM, p->key);
	argv_push(&a, "--filter=status=running");
	argv_push(&a, "--format={{.Names}}");
	rc = proc_capture(a.v, QUERY_TIMEOUT_MS, &c);
	argv_free(&a);
	if (rc == 0)
		for (line = strtok_r(c.out, "\n", &save); line != NULL;
		    line = strtok_r(NULL, "\n", &save)) {
			if (expiry_ms(p, line) <= enough)
				continue;
			*names = xgrow(*names, *n, &cap, sizeof(**names));
			(*names)[(*n)++] = xstrdup(line);
		}
	capture_free(&c);
	return rc;
}

static void
free_names(char **names, size_t n)
{
	while (n > 0)
		free(names[--n]);
	free(names);
}

/* Start the missing containers, all at once; wait for them. */
static void
fill(const struct engine *e, const struct warm_pool *p)
{
	struct argv a = { 0 };
	char **names, rnd[9], name[128];
	size_t n, i, have;
	pid_t *pids;

	if (list_idle(e, p, &names, &have) == -1)
		return;
	free_names(names, have);
	if (have >= p->size)
		return;
	n = p->size - have;
	pids = xmalloc(n * sizeof(*pids));
	for (i = 0; i < p->start.n; i++)
		argv_push(&a, p->start.v[i]);
	for (i = 0; i < n; i++) {
		random_hex(rnd, 8);
		snprintf(name, sizeof(name), "--name=%s%llu-%s", p->prefix,
		    (unsigned long long)((realtime_ms() + p->ttl_ms) / 1000), rnd);
		free(a.v[p->name_at]);
		a.v[p->name_at] = xstrdup(name);
		if (proc_spawn(a.v, -1, -1, -1, 0, &pids[i]) != 0)
			pids[i] = 0;
	}
	for (i = 0; i < n; i++)
		if (pids[i] != 0)
			while (waitpid(pids[i], NULL, 0) == -1 && errno == EINTR)
				;
	free(pids);
	argv_free(&a);
}

/*
 * A lock per pool, host and user: "refill" (one refill at a time, so
 * parallel runs do not each count the same shortage) or "claim" (see
 * warm_claim). -1: no lock (another user's file, or waited too long).
 */
static int
lock_pool(const struct warm_pool *p, const char *what, uint64_t wait_ms)
{
	const char *dir = getenv("XDG_RUNTIME_DIR");
	char path[4096];
	uint64_t until = now_ms() + wait_ms;
	struct timespec pause = { 0, 50 * 1000 * 1000 };
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
	while (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		if (errno != EWOULDBLOCK || now_ms() >= until) {
			close(fd);
			return -1;
		}
		nanosleep(&pause, NULL);
	}
	return fd;
}

static void
close_inherited(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *de;
	long fd, max;

	if (d == NULL) {
		max = sysconf(_SC_OPEN_MAX);
		if (max < 0 || max > 65536)
			max = 65536;
		for (fd = 3; fd < max; fd++)
			close((int)fd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		fd = strtol(de->d_name, NULL, 10);
		if (fd > 2 && fd != dirfd(d))
			close((int)fd);
	}
	closedir(d);
}

/*
 * The refill runs in a grandchild that sbx does not wait for: its own
 * session, stdio on /dev/null and no other descriptor of sbx's, so a
 * caller waiting for EOF on a pipe it gave sbx (bats, "| head -1", $(...))
 * never waits for it, and no signal aimed at sbx's group reaches it.
 */
static void
refill(const struct engine *e, const struct warm_pool *p)
{
	static const int handled[] = {
		SIGCHLD, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGALRM,
	};
	struct sigaction sa;
	sigset_t none;
	pid_t pid;
	size_t i;
	int fd, lock;

	if ((pid = fork()) == -1)
		return;
	if (pid != 0) {
		while (waitpid(pid, NULL, 0) == -1 && errno == EINTR)
			;
		return;
	}
	if (setsid() == -1 || fork() != 0)
		_exit(0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(handled) / sizeof(handled[0]); i++)
		(void)sigaction(handled[i], &sa, NULL);
	sigemptyset(&none);
	(void)sigprocmask(SIG_SETMASK, &none, NULL);
	close_inherited();
	if ((fd = open("/dev/null", O_RDWR)) != -1) {
		(void)dup2(fd, STDIN_FILENO);
		(void)dup2(fd, STDOUT_FILENO);
		(void)dup2(fd, STDERR_FILENO);
		if (fd > STDERR_FILENO)
			close(fd);
	}
	(void)chdir("/");
	alarm(WARM_REFILL_SECS);
	lock = lock_pool(p, "refill", WARM_LOCK_WAIT_MS);
	fill(e, p);
	if (lock != -1)
		close(lock);
	_exit(0);
}

static void
warm_exec_argv(struct argv *a, const struct engine *e, const char *name)
{
	size_t n = strlen(claim_prefix) + strlen(boot_script) + 1;
	char *script = xmalloc(n);

	snprintf(script, n, "%s%s", claim_prefix, boot_script);
	argv_push(a, e->program);
	argv_push(a, "exec");
	argv_push(a, "--interactive");
	argv_push(a, name);
	argv_push(a, "sh");
	argv_push(a, "-c");
	argv_push(a, script);
	argv_push(a, BOOT_NAME);
	free(script);
}

int
warm_claim(const struct engine *e, const struct warm_pool *p,
    const char *name, struct argv *argv)
{
	struct argv a = { 0 };
	struct capture c;
	char **names, rnd[5];
	size_t n, i, first, tried;
	int claimed = -1, lock;

	/*
	 * "<engine> rename" is not atomic on its own: docker (20.10) looks
	 * the old name up before it locks the container, so two renames of
	 * one container can both succeed, the later one winning the name.
	 * Claims of a pool on this host therefore take turns; across hosts
	 * sharing one engine this is a documented limit.
	 */
	lock = lock_pool(p, "claim", WARM_CLAIM_WAIT_MS);
	if (list_idle(e, p, &names, &n) == -1 || lock == -1) {
		/* Without the lock a claim could be shared: run cold. */
		free_names(names, n);
		names = NULL;
		n = 0;
	}
	/* Parallel claimers start at different places in the list. */
	random_hex(rnd, 4);
	first = n > 0 ? (size_t)strtoul(rnd, NULL, 16) % n : 0;
	for (tried = 0; tried < n && claimed == -1; tried++) {
		i = (first + tried) % n;
		argv_push(&a, e->program);
		argv_push(&a, "rename");
		argv_push(&a, names[i]);
		argv_push(&a, name);
		if (proc_capture(a.v, QUERY_TIMEOUT_MS, &c) == 0)
			claimed = 0;
		capture_free(&c);
		argv_free(&a);
	}
	if (lock != -1)
		close(lock);
	/* What is left after this claim, at most: short of N, refill. */
	if (n - (claimed == 0) < p->size)
		refill(e, p);
	free_names(names, n);
	if (claimed == 0) {
		argv_free(argv);
		warm_exec_argv(argv, e, name);
	}
	return claimed;
}

static int
still_running(const struct engine *e, const char *name)
{
	char *const args[] = { (char *)e->program, "inspect", "--type=container",
	    "--format={{.State.Running}}", (char *)name, NULL };
	struct capture c;
	int running;

	running = proc_capture(args, QUERY_TIMEOUT_MS, &c) == 0 &&
	    strncmp(c.out, "true", 4) == 0;
	capture_free(&c);
	return running;
}

/* Did the engine log an OOM kill in the container since `since`? */
static int
saw_oom_event(const struct engine *e, const char *name, time_t since)
{
	char from[32], until[32], filter[128];
	char *const args[] = { (char *)e->program, "events", "--since", from,
	    "--until", until, "--filter", filter, "--filter", "event=oom",
	    "--format", "{{.Status}}", NULL };
	struct capture c;
	int oom;

	snprintf(from, sizeof(from), "%lld", (long long)since);
	snprintf(until, sizeof(until), "%lld", (long long)time(NULL) + 1);
	snprintf(filter, sizeof(filter), "container=%s", name);
	oom = proc_capture(args, QUERY_TIMEOUT_MS, &c) == 0 &&
	    strstr(c.out, "oom") != NULL;
	capture_free(&c);
	return oom;
}

/*
 * Did the kernel count an OOM kill in the container's cgroup? Podman logs
 * no oom event for a process killed inside a running container; the
 * kernel's counter says it for any engine, on cgroup v2 and v1. The files
 * belong to the kernel (the container's /sys/fs/cgroup is read-only) and
 * the container served this run alone, so any kill counted is this run's.
 */
static int
cgroup_counted_oom_kill(const struct engine *e, const char *name)
{
	char *const args[] = { (char *)e->program, "exec", (char *)name,
	    "cat", "/sys/fs/cgroup/memory.events",
	    "/sys/fs/cgroup/memory/memory.oom_control", NULL };
	struct capture c;
	const char *line;
	int oom = 0;

	/* One of the two exists (cgroup v2, v1): cat fails for the other. */
	proc_capture(args, QUERY_TIMEOUT_MS, &c);
	if (c.finished) {
		line = c.out;
		while (*line != '\0' && !starts_with(line, "oom_kill ")) {
			line += strcspn(line, "\n");
			if (*line == '\n')
				line++;
		}
		oom = starts_with(line, "oom_kill ") && line[9] >= '1' &&
		    line[9] <= '9';
	}
	capture_free(&c);
	return oom;
}

int
warm_settle(const struct engine *e, const char *name, int code,
    uint64_t duration_ms, struct container_state *st, int *known)
{
	time_t run_began = time(NULL) - (time_t)(duration_ms / 1000) - 10;

	if (code == EXIT_OOM) {
		if (*known && !st->oom_killed && (saw_oom_event(e, name,
		    run_began) || cgroup_counted_oom_kill(e, name)))
			st->oom_killed = 1;
		return 0;
	}
	if (!still_running(e, name)) {
		/* gVisor ends the whole sandbox at the memory limit, and the
		 * exec reports the lost process (128) rather than a kill. */
		memset(st, 0, sizeof(*st));
		*known = saw_oom_event(e, name, run_began);
		if (*known) {
			st->oom_killed = 1;
			st->exit_code = EXIT_OOM;
		}
		return 1;
	}
	/* The exec reached BOOT: the status is the program's. */
	memset(st, 0, sizeof(*st));
	st->exit_code = code;
	*known = 1;
	return 0;
}

int
warm_begin(const struct sbx_opts *o, const struct engine *e,
    struct argv *argv, const char *name)
{
	struct warm_pool p;
	int claimed;

	warm_pool_init(&p, o, argv);
	claimed = warm_claim(e, &p, name, argv) == 0;
	warm_pool_free(&p);
	return claimed;
}

int
warm_print_pools(const struct engine *e, unsigned *pools)
{
	char *const args[] = { (char *)e->program, "ps",
	    "--filter=label=" LABEL_WARM, "--filter=status=running",
	    "--format={{.Names}}", NULL };
	struct capture c;
	char *line, *save = NULL, *keys[64];
	unsigned counts[64], n = 0, i;
	size_t len = strlen(WARM_NAME) + 12;

	*pools = 0;
	if (proc_capture(args, QUERY_TIMEOUT_MS, &c) == -1) {
		capture_free(&c);
		return -1;
	}
	for (line = strtok_r(c.out, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (!warm_is_idle_name(line) || strlen(line) < len)
			continue;
		for (i = 0; i < n && strncmp(keys[i], line, len) != 0; i++)
			;
		if (i == n) {
			if (n == sizeof(keys) / sizeof(keys[0]))
				continue;
			keys[n] = line;
			counts[n++] = 0;
		}
		counts[i]++;
	}
	for (i = 0; i < n; i++)
		printf("%-4s %-10s pool %.12s: %u idle\n", "ok", "warm",
		    keys[i] + strlen(WARM_NAME), counts[i]);
	*pools = n;
	capture_free(&c);
	return 0;
}

/*
 * Warm start (--warm N). No daemon: every run claims an idle container
 * of its pool if there is one; when it is done it leaves behind a
 * short-lived detached process that starts the replacements. Invariants:
 *  - a pool container is started from the run's own argv (every sandbox
 *    flag, the image, the environment), minus what names one run, so it
 *    is exactly what a cold run would start; the pool key hashes that
 *    argv and how the engine is reached, so any change is another pool.
 *  - it has never seen code or input. With docker it is the cold run's
 *    very command (tini, then BOOT) created with --interactive and --rm
 *    and started ahead: BOOT waits for its header on stdin, and the run
 *    is "<engine> attach". A container created, not run detached, with
 *    --interactive closes its stdin when the first attach's input ends
 *    (StdinOnce), so the program sees EOF exactly as in a cold run.
 *    BOOT's first read gives up after the TTL, and the engine
 *    removes it with no sbx around (boot.c).
 *  - with podman, whose attach is not known here to end the input, its
 *    main process only sleeps (below), and BOOT comes with "exec".
 *  - the idle containers of a pool are listed in a file of this host and
 *    user, read and written under a lock: a claim takes its container
 *    out of the list, so no two claims get the same one (docker's rename
 *    alone is not atomic) and no engine query is needed to find one. The
 *    rename to the run's name that follows proves the container is still
 *    there and names its owner, for the guard and for --gc.
 *  - once claimed it serves one run and is removed like a cold run's.
 * In the podman way the main process is the waiter below, as PID 1 (no
 * --init): BOOT kills every other process of the sandbox user when the
 * program is done, and init is the one process that survives that. If
 * init were tini (--init) with a child, the child's death would end the
 * container under BOOT.
 */
#include <sys/wait.h>

#include <dirent.h>
#include <poll.h>
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
#include "warm_list.h"

/*
 * PID 1 of a podman pool container, "sh -c WAITER sbx-warm TTL". Idle, it
 * sleeps for the TTL and exits 0. A claim's BOOT first kills that sleep,
 * which turns the shell into the claimed container's init: it reaps
 * orphans (wait reaps any child) and outlives BOOT's kill of the user's
 * processes, until sbx removes the container. The engine's SIGUSR1 (the
 * deadline, when files are to come back) reaches init only; it passes it
 * on to everything else, BOOT included, as tini would to its child.
 */
static const char waiter_script[] =
	"trap 'kill -s USR1 -- -1' USR1\n"
	"sleep \"$1\" & wait $! && exit\n"
	"while :; do sleep 2147483647 & wait; done\n";

/* What BOOT runs first in a claimed podman container: the end of the TTL. */
static const char claim_prefix[] = "kill -s KILL -- -1 2>/dev/null\n";

/* Bump when the pool container's command changes meaning. */
#define WARM_PROTOCOL	"sbx-warm 2"
/* Upper bound for one refill process, engine hangs included. */
#define WARM_REFILL_SECS	120
/* The refill runs behind the runs that need the CPU now. */
#define WARM_REFILL_NICE	10
/*
 * How long a run that ended at its end marks gives its attach to end with
 * the container (about 0.1 s on an idle machine) before both are killed.
 */
#define LINGER_MS		5000

static const char *const endpoint_variables[] = {
	"DOCKER_HOST", "DOCKER_CONTEXT", "DOCKER_CONFIG", "CONTAINER_HOST",
	"CONTAINER_CONNECTION", NULL,
};

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
    const struct engine *e, const struct argv *run)
{
	struct sha256 h;
	char ttl[32];
	size_t i;

	memset(p, 0, sizeof(*p));
	p->size = o->warm;
	p->ttl_ms = o->warm_ttl_ms;
	p->attach = !e->podman;
	if (run->n < 7 || strcmp(run->v[1], "run") != 0 ||
	    strcmp(run->v[run->n - 4], "sh") != 0 ||
	    strcmp(run->v[run->n - 1], BOOT_NAME) != 0)
		die("internal error: the run argv does not end in BOOT");

	sha256_init(&h);
	hash_word(&h, WARM_PROTOCOL);
	hash_word(&h, p->attach ? "attach" : waiter_script);
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

	/*
	 * The run's argv up to the image, without what only a run has. For
	 * attach, "create --interactive" (not "run --detach") is what makes
	 * the container's stdin end with the attach's.
	 */
	argv_push(&p->start, run->v[0]);
	argv_push(&p->start, p->attach ? "create" : "run");
	argv_push(&p->start, p->attach ? "--interactive" : "--detach");
	argv_push(&p->start, "--rm");
	p->name_at = p->start.n;
	argv_push(&p->start, "--name=");	/* replaced per container */
	argv_pushf(&p->start, "--label=%s=%s", LABEL_WARM, p->key);
	for (i = 2; i < run->n - 4; i++) {
		const char *w = run->v[i];

		if (names_the_run(w) || strcmp(w, "--interactive") == 0 ||
		    (!p->attach && strcmp(w, "--init") == 0))
			continue;
		argv_push(&p->start, w);
	}
	snprintf(ttl, sizeof(ttl), "%llu.%03llu",
	    (unsigned long long)(p->ttl_ms / 1000),
	    (unsigned long long)(p->ttl_ms % 1000));
	argv_push(&p->start, "sh");
	argv_push(&p->start, "-c");
	if (p->attach) {
		/* The cold run's command, and the TTL for BOOT's first read. */
		argv_push(&p->start, boot_script);
		argv_push(&p->start, BOOT_NAME);
	} else {
		argv_push(&p->start, waiter_script);
		argv_push(&p->start, "sbx-warm");
	}
	argv_push(&p->start, ttl);
}

void
warm_pool_free(struct warm_pool *p)
{
	argv_free(&p->start);
}

static void
name_safe(const char *in, char *out, size_t len)
{
	size_t i;

	for (i = 0; in[i] != '\0' && i + 1 < len; i++)
		out[i] = warm_name_char(in[i]) ? in[i] : '_';
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

/* The container's ID, from what "create" or "run --detach" printed. */
static int
printed_id(const struct capture *c, char *id, size_t len)
{
	size_t n = strspn(c->out, "0123456789abcdef");

	if (n < 12 || n >= len || (c->out[n] != '\n' && c->out[n] != '\0'))
		return -1;
	memcpy(id, c->out, n);
	id[n] = '\0';
	return 0;
}

static int
engine_call(const struct engine *e, const char *verb, const char *arg1,
    const char *arg2, struct capture *c)
{
	char *const args[] = { (char *)e->program, (char *)verb,
	    (char *)arg1, (char *)arg2, NULL };

	return proc_capture(args, QUERY_TIMEOUT_MS, c);
}

/* Start one pool container and put it on the list. */
static void
start_one(const struct engine *e, const struct warm_pool *p)
{
	struct argv a = { 0 };
	struct warm_entry ent;
	struct capture c;
	char rnd[9];
	size_t i;
	int rc;

	memset(&ent, 0, sizeof(ent));
	random_hex(rnd, 8);
	snprintf(ent.name, sizeof(ent.name), "%s%llu-%s", p->prefix,
	    (unsigned long long)((warm_realtime_ms() + p->ttl_ms) / 1000), rnd);
	for (i = 0; i < p->start.n; i++)
		argv_push(&a, p->start.v[i]);
	free(a.v[p->name_at]);
	a.v[p->name_at] = xmalloc(strlen(ent.name) + 8);
	sprintf(a.v[p->name_at], "--name=%s", ent.name);
	rc = proc_capture(a.v, QUERY_TIMEOUT_MS, &c);
	argv_free(&a);
	if (rc == 0)
		rc = printed_id(&c, ent.id, sizeof(ent.id));
	capture_free(&c);
	if (rc == 0 && p->attach) {
		rc = engine_call(e, "start", ent.id, NULL, &c);
		capture_free(&c);
	}
	if (rc == -1) {
		/*
		 * The engine may have made it all the same (a create that
		 * answered too late): a container created, never started,
		 * would not end by itself.
		 */
		rc = engine_call(e, "rm", "--force", ent.name, &c);
		capture_free(&c);
		return;
	}
	/*
	 * Counted from now, when the container runs: its TTL started
	 * no later, so the container ends no later than this (give or take
	 * the engine's answer), and a claim's margin covers the rest.
	 */
	ent.expiry_ms = warm_realtime_ms() + p->ttl_ms;
	warm_list_add(p, &ent);
}

/* Start the missing containers, all at once; wait for them. */
static void
fill(const struct engine *e, const struct warm_pool *p)
{
	long have = warm_list_count(p);
	size_t n, i;
	pid_t *pids;

	if (have < 0 || (unsigned long)have >= p->size)
		return;
	n = p->size - (size_t)have;
	pids = xmalloc(n * sizeof(*pids));
	for (i = 0; i < n; i++)
		if ((pids[i] = fork()) == 0) {
			start_one(e, p);
			_exit(0);
		}
	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			while (waitpid(pids[i], NULL, 0) == -1 && errno == EINTR)
				;
	free(pids);
}

static void
close_inherited(int keep_a, int keep_b)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *de;
	long fd, max;

	if (d == NULL) {
		max = sysconf(_SC_OPEN_MAX);
		if (max < 0 || max > 65536)
			max = 65536;
		for (fd = 3; fd < max; fd++)
			if (fd != keep_a && fd != keep_b)
				close((int)fd);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		fd = strtol(de->d_name, NULL, 10);
		if (fd > 2 && fd != dirfd(d) && fd != keep_a && fd != keep_b)
			close((int)fd);
	}
	closedir(d);
}

/*
 * The attach of a run that ended at its end marks: its stdout and stderr
 * are drained until it closes them (it exits when the container has
 * ended), for at most LINGER_MS. If they are still open then, the marks
 * were the program's own and it is still running: the attach is killed
 * and the container removed.
 */
static void
linger(const struct engine *e, const struct warm_run *w)
{
	struct pollfd p[2];
	struct capture c;
	uint64_t now = now_ms(), until = now + LINGER_MS;
	char sink[4096];
	int i;

	p[0].fd = w->linger_out;
	p[1].fd = w->linger_err;
	p[0].events = p[1].events = POLLIN;
	while ((p[0].fd != -1 || p[1].fd != -1) && now < until) {
		if (poll(p, 2, (int)(until - now)) == -1 && errno != EINTR)
			break;
		for (i = 0; i < 2; i++) {
			ssize_t n;

			if (p[i].fd == -1 || p[i].revents == 0)
				continue;
			n = read(p[i].fd, sink, sizeof(sink));
			if (n == 0 || (n == -1 && errno != EAGAIN &&
			    errno != EINTR)) {
				close(p[i].fd);
				p[i].fd = -1;
			}
		}
		now = now_ms();
	}
	if (p[0].fd == -1 && p[1].fd == -1)
		return;
	kill(w->linger_cli, SIGKILL);
	(void)engine_call(e, "rm", "--force", w->id, &c);
	capture_free(&c);
}

/*
 * The linger and the refill run in a grandchild that sbx does not wait
 * for: its own session, stdio on /dev/null and no other descriptor of
 * sbx's, so a caller waiting for EOF on a pipe it gave sbx (bats,
 * "| head -1", $(...)) never waits for it, and no signal aimed at sbx's
 * group reaches it.
 */
static void
after_run(const struct engine *e, const struct warm_run *w)
{
	const struct warm_pool *p = &w->pool;
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
	close_inherited(w->linger_out, w->linger_err);
	if ((fd = open("/dev/null", O_RDWR)) != -1) {
		(void)dup2(fd, STDIN_FILENO);
		(void)dup2(fd, STDOUT_FILENO);
		(void)dup2(fd, STDERR_FILENO);
		if (fd > STDERR_FILENO)
			close(fd);
	}
	(void)chdir("/");
	(void)nice(WARM_REFILL_NICE);
	alarm(WARM_REFILL_SECS);
	if (w->linger_cli != 0)
		linger(e, w);
	/* Without the lock another refill is under way, or none can be. */
	if (w->refill && (lock = warm_lock(p, "refill", WARM_LOCK_WAIT_MS)) != -1)
		fill(e, p);
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

static void
warm_attach_argv(struct argv *a, const struct engine *e, const char *name)
{
	argv_push(a, e->program);
	argv_push(a, "attach");
	/* Signals are sbx's to handle; the CLI is in a group of its own anyway. */
	argv_push(a, "--sig-proxy=false");
	argv_push(a, name);
}

/* docker says "No such container", podman "no container with name". */
static int
says_gone(const char *text)
{
	return strstr(text, "o such container") != NULL ||
	    strstr(text, "o container with") != NULL;
}

/*
 * Attach: the rename runs beside the attach instead of before it (the
 * engine CLI's start is most of either's cost), and gates the run's
 * input (run.h): if the container turned out gone, it got nothing. The
 * attach names the container by ID, which the rename does not change.
 */
static int
claim_attach(const struct engine *e, struct warm_run *w, const char *name,
    long *left)
{
	struct warm_entry ent;
	char *const args[] = { (char *)e->program, "rename", ent.id,
	    (char *)name, NULL };

	if (warm_list_take(&w->pool, &ent, left) == -1)
		return -1;
	if (proc_spawn(args, -1, -1, -1, 1, &w->gate) != 0)
		return -1;
	snprintf(w->id, sizeof(w->id), "%s", ent.id);
	return 0;
}

/* Exec (podman): the rename first, trying the next one while gone. */
static int
claim_exec(const struct engine *e, struct warm_run *w, const char *name,
    long *left)
{
	struct warm_entry ent;
	struct capture c;
	unsigned tries;
	int rc, gone;

	/* Each try takes one entry out of the list: the list bounds them. */
	for (tries = 0; tries <= MAX_WARM; tries++) {
		if (warm_list_take(&w->pool, &ent, left) == -1)
			return -1;
		rc = engine_call(e, "rename", ent.id, name, &c);
		/* Gone (a --gc, a restarted engine): try the next one. */
		gone = rc == -1 && c.finished && says_gone(c.err);
		capture_free(&c);
		if (rc == 0) {
			snprintf(w->id, sizeof(w->id), "%s", ent.id);
			return 0;
		}
		if (!gone)
			return -1;
	}
	return -1;
}

int
warm_claim(const struct engine *e, struct warm_run *w, const char *name,
    struct argv *argv)
{
	long left = 0;
	int rc;

	w->gate = 0;
	w->attach = w->pool.attach;
	rc = w->attach ? claim_attach(e, w, name, &left) :
	    claim_exec(e, w, name, &left);
	/* The list is this host's: without it there is nothing to refill. */
	if (left >= 0 && (unsigned long)left < w->pool.size)
		w->refill = 1;
	if (rc == -1)
		return -1;
	w->claimed = 1;
	w->since = time(NULL);
	if (w->attach)
		warm_attach_argv(argv, e, w->id);
	else
		warm_exec_argv(argv, e, name);
	return 0;
}

void
warm_begin(const struct sbx_opts *o, const struct engine *e,
    const struct argv *argv, struct warm_run *w)
{
	memset(w, 0, sizeof(*w));
	w->linger_out = w->linger_err = -1;
	warm_pool_init(&w->pool, o, e, argv);
}

void
warm_end(const struct engine *e, struct warm_run *w)
{
	if (w->refill || w->linger_cli != 0)
		after_run(e, w);
	if (w->linger_out != -1)
		close(w->linger_out);
	if (w->linger_err != -1)
		close(w->linger_err);
	warm_pool_free(&w->pool);
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

/*
 * How a claimed warm container ended, when its status alone does not
 * say (1, 125-128, 137): the engine's event log for an attach (its exit
 * code, an oom event, its removal); for an exec (podman), whether the
 * container still runs, the event log, then the cgroup's OOM kill count.
 */
#include <sys/wait.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "engine.h"
#include "proc.h"
#include "util.h"
#include "warm.h"
#include "warm_settle.h"

/*
 * After an ambiguous status (1, 125-127, 137) of an attach, how long the
 * engine's event log is read for the container's end and removal. The
 * events are there already (the attach returns after the container's
 * end), so only a lost container makes this wait.
 */
#define WARM_EVENTS_WAIT_MS	3000

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

/* What the engine's event log says about an attached container's end. */
struct warm_end_events {
	int	 died, exit_code, oom, destroyed;
};

static void
parse_event(const char *line, struct warm_end_events *ev)
{
	char *end;
	long code;

	if (starts_with(line, "die ")) {
		code = strtol(line + 4, &end, 10);
		if (end != line + 4 && code >= 0 && code <= 255) {
			ev->died = 1;
			ev->exit_code = (int)code;
		}
	} else if (strcmp(line, "oom") == 0 || starts_with(line, "oom "))
		ev->oom = 1;
	else if (strcmp(line, "destroy") == 0 || starts_with(line, "destroy "))
		ev->destroyed = 1;
}

/*
 * Read the container's events from the claim on, until its removal (the
 * last of them: an oom event is never later) or WARM_EVENTS_WAIT_MS.
 * The stream has no end of its own, so it is read as it comes and its
 * CLI killed after; no --until, which would have to agree with the
 * clock of a remote engine.
 */
static void
read_end_events(const struct engine *e, const struct warm_run *w,
    struct warm_end_events *ev)
{
	char since[32], filter[128], buf[4096];
	char *const args[] = { (char *)e->program, "events", "--since", since,
	    "--filter", filter, "--format",
	    "{{.Action}} {{index .Actor.Attributes \"exitCode\"}}", NULL };
	uint64_t until = now_ms() + WARM_EVENTS_WAIT_MS;
	struct pollfd pfd;
	size_t len = 0;
	pid_t pid;
	int fds[2];
	ssize_t n;

	memset(ev, 0, sizeof(*ev));
	snprintf(since, sizeof(since), "%lld", (long long)w->since - 60);
	snprintf(filter, sizeof(filter), "container=%s", w->id);
	if (cloexec_pipe(fds) == -1)
		return;
	if (proc_spawn(args, -1, fds[1], -1, 0, &pid) != 0) {
		close(fds[0]);
		close(fds[1]);
		return;
	}
	close(fds[1]);
	pfd.fd = fds[0];
	pfd.events = POLLIN;
	while (!ev->destroyed) {
		uint64_t now = now_ms();
		char *nl;

		if (now >= until || poll(&pfd, 1, (int)(until - now)) == 0)
			break;
		n = read(fds[0], buf + len, sizeof(buf) - 1 - len);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
		buf[len] = '\0';
		while ((nl = strchr(buf, '\n')) != NULL) {
			*nl = '\0';
			parse_event(buf, ev);
			len -= (size_t)(nl + 1 - buf);
			memmove(buf, nl + 1, len + 1);
		}
		if (len == sizeof(buf) - 1)
			len = 0;	/* no line is this long */
	}
	close(fds[0]);
	kill(pid, SIGKILL);
	while (waitpid(pid, NULL, 0) == -1 && errno == EINTR)
		;
}

/* The attach's status is ambiguous: ask the event log how it ended. */
static int
settle_attach(const struct engine *e, const struct warm_run *w, int code,
    struct container_state *st, int *known, int *removed)
{
	struct warm_end_events ev;

	read_end_events(e, w, &ev);
	memset(st, 0, sizeof(*st));
	*removed = ev.destroyed;
	*known = ev.died;
	st->exit_code = ev.exit_code;
	st->oom_killed = ev.oom;
	/*
	 * The attach CLI says 1 for its own failures (the container gone
	 * before it could attach): the program's 1 only if the container
	 * ended with it.
	 */
	return !ev.died || (code == 1 && ev.exit_code != 1);
}

int
warm_settle(const struct engine *e, const struct warm_run *w,
    const char *name, int code, uint64_t duration_ms,
    struct container_state *st, int *known, int *removed)
{
	time_t run_began = time(NULL) - (time_t)(duration_ms / 1000) - 10;

	*removed = 0;
	if (w->attach)
		return settle_attach(e, w, code, st, known, removed);
	*known = engine_inspect(e, name, st) == 0;
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

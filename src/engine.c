/*
 * Engine queries after (and around) a run, all through the engine's CLI
 * so that docker, podman and remote hosts behave alike. Containers are
 * run without --rm: with --rm the engine may delete a container before
 * "inspect" reads why it died, so sbx inspects when the status calls for
 * it (137, or 125-127 to tell an engine error from the program's own)
 * and always removes the container itself.
 */
#include <sys/wait.h>

#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "argv.h"
#include "engine.h"
#include "lang.h"
#include "probe.h"
#include "proc.h"
#include "util.h"
#include "warm.h"
#include "workdir.h"

void
engine_from_opts(const struct sbx_opts *o, struct engine *e)
{
	e->program = o->engine;
	e->podman = argv_engine_is_podman(o->engine);
	e->runtime = o->runtime;
	e->query_ms = QUERY_TIMEOUT_MS;
}

static void
engine_argv(struct argv *a, const struct engine *e, const char *verb)
{
	memset(a, 0, sizeof(*a));
	argv_push(a, e->program);
	argv_push(a, verb);
}

void
engine_session_begin(const struct engine *e, struct engine_session *s)
{
	s->private_dir = e->podman && workdir_enter(&s->wd) == 0;
}

void
engine_session_leave(struct engine_session *s)
{
	if (s->private_dir)
		workdir_leave(&s->wd);
}

void
engine_session_end(struct engine_session *s, struct container_state *st)
{
	if (!s->private_dir)
		return;
	if (st != NULL && workdir_saw_oom(&s->wd))
		st->oom_killed = 1;
	workdir_remove(&s->wd);
	s->private_dir = 0;
}

static int
contains_nocase(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (; *haystack != '\0'; haystack++)
		if (strncasecmp(haystack, needle, n) == 0)
			return 1;
	return 0;
}

/* docker says "No such container", podman "no container with name". */
static int
says_no_such_container(const char *text)
{
	return contains_nocase(text, "no such container") ||
	    contains_nocase(text, "no container with");
}

int
engine_kill_start(const struct engine *o, const char *name, pid_t *pid)
{
	return engine_signal_start(o, name, NULL, pid);
}

int
engine_ping_start(const struct engine *o, pid_t *pid)
{
	struct argv a;
	int rc;

	engine_argv(&a, o, "version");
	argv_push(&a, "--format={{.Server.Version}}");
	rc = proc_spawn(a.v, -1, -1, -1, 0, pid);
	argv_free(&a);
	return rc;
}

int
engine_signal_start(const struct engine *o, const char *name,
    const char *signal_name, pid_t *pid)
{
	struct argv a;
	int rc;

	engine_argv(&a, o, "kill");
	if (signal_name != NULL)
		argv_pushf(&a, "--signal=%s", signal_name);
	argv_push(&a, name);
	rc = proc_spawn(a.v, -1, -1, -1, 0, pid);
	argv_free(&a);
	return rc;
}

int
engine_inspect(const struct engine *o, const char *name,
    struct container_state *st)
{
	struct argv a;
	struct capture c;
	char *p, *end;
	int rc = -1;

	memset(st, 0, sizeof(*st));
	engine_argv(&a, o, "inspect");
	argv_push(&a, "--type=container");
	argv_push(&a,
	    "--format={{.State.OOMKilled}} {{.State.ExitCode}} {{.State.Error}}");
	argv_push(&a, name);
	if (proc_capture(a.v, o->query_ms, &c) == 0) {
		p = c.out;
		if (strncmp(p, "true ", 5) == 0) {
			st->oom_killed = 1;
			p += 5;
		} else if (strncmp(p, "false ", 6) == 0)
			p += 6;
		else
			goto out;
		st->exit_code = (int)strtol(p, &end, 10);
		if (end == p)
			goto out;
		while (*end == ' ')
			end++;
		first_line(end, st->error, sizeof(st->error));
		rc = 0;
	}
out:
	capture_free(&c);
	argv_free(&a);
	return rc;
}

/* Does stdout hold exactly the name? docker and podman echo each
 * container they removed, as given. */
static int
echoes_name(const char *out, const char *name)
{
	size_t n = strlen(name);

	return strncmp(out, name, n) == 0 &&
	    (out[n] == '\0' || strcmp(out + n, "\n") == 0);
}

/* docker: "removal of container NAME is already in progress"; podman
 * says the container "is being removed". */
static int
says_removal_in_progress(const char *text)
{
	return contains_nocase(text, "already in progress") ||
	    contains_nocase(text, "is being removed");
}

/*
 * Someone else (the guard of a SIGKILLed sbx, a parallel --gc) is
 * removing the container: wait for it to be gone, at most
 * REMOVAL_WAIT_MS. 0 once inspect no longer finds it.
 */
static int
wait_until_gone(const struct engine *o, const char *name)
{
	uint64_t until = now_ms() + REMOVAL_WAIT_MS;
	struct timespec pause = { 0, 100 * 1000 * 1000 };
	struct argv a;
	struct capture c;
	int gone = 0;

	engine_argv(&a, o, "inspect");
	argv_push(&a, "--type=container");
	argv_push(&a, "--format={{.Id}}");
	argv_push(&a, name);
	while (!gone && now_ms() < until) {
		if (proc_capture(a.v, REMOVAL_WAIT_MS, &c) == -1 && c.finished &&
		    says_no_such_container(c.err))
			gone = 1;
		capture_free(&c);
		if (!gone)
			nanosleep(&pause, NULL);
	}
	argv_free(&a);
	return gone ? 0 : -1;
}

int
engine_remove(const struct engine *o, const char *name, int probe,
    const char *later, char *why, size_t len)
{
	struct argv a;
	struct capture c;
	struct probe p;
	int rc;

	engine_argv(&a, o, "rm");
	argv_push(&a, "--force");
	argv_push(&a, name);
	rc = proc_capture(a.v, o->query_ms, &c);
	argv_free(&a);
	if (rc == 0 && echoes_name(c.out, name))
		goto out;
	/* docker's "rm --force" says it, and exits 0 since 23.0. */
	if (c.finished && (says_no_such_container(c.err) ||
	    (says_removal_in_progress(c.err) && wait_until_gone(o, name) == 0))) {
		rc = 0;
		goto out;
	}
	/*
	 * Anything else (a failure, or a success that did not name the
	 * container, as from --engine /bin/true) may mean the engine is not
	 * what it claims; ask it before trusting or blaming "rm". A real
	 * engine may also succeed silently: podman's "rm --force" of a
	 * container that was never created.
	 */
	if (probe && (c.finished || c.spawn_errno != 0) &&
	    (probe_engine(o->program, &p), p.verdict != PROBE_OK)) {
		probe_advice(o->program, &p, why, len);
		rc = -1;
	} else if (rc == -1) {
		char said[512];

		if (c.spawn_errno != 0)
			snprintf(said, sizeof(said), "%s", strerror(c.spawn_errno));
		else if (!c.finished) {
			snprintf(said, sizeof(said), "the engine did not answer "
			    "in %us", (unsigned)(o->query_ms / 1000));
			rc = REMOVE_UNANSWERED;
		} else
			first_line(c.err, said, sizeof(said));
		snprintf(why, len, "could not remove container %s: %s; %s",
		    name, said, rc == REMOVE_UNANSWERED && later != NULL ? later :
		    "run 'sbx --gc' once the engine answers");
	}
out:
	capture_free(&c);
	return rc;
}

void
engine_build_hint(const struct sbx_opts *o, const struct lang *l, char *hint,
    size_t len)
{
	int docker = strcmp(o->engine, DEFAULT_ENGINE) == 0;

	if (!l->builtin_image) {
		snprintf(hint, len, "sbx never pulls: '%s pull %s' or build it "
		    "first", o->engine, l->image);
		return;
	}
	/* The script, unlike a bare "build", falls back to an offline base. */
	snprintf(hint, len, "build it with 'make images LANGS=%s%s' in the sbx "
	    "source tree, or '%s%s%s%s/docker/build-images.sh %s'", l->name,
	    docker ? "" : " SBX_ENGINE=podman", docker ? "" : "ENGINE=",
	    docker ? "" : o->engine, docker ? "" : " ", SBX_DATADIR, l->name);
}

void
engine_explain_failure(const struct sbx_opts *o, char *advice, size_t len)
{
	const char *image = o->image;
	struct engine e;
	struct argv a;
	struct capture c;
	struct probe p;

	probe_engine(o->engine, &p);
	if (p.verdict != PROBE_OK) {
		probe_advice(o->engine, &p, advice, len);
		return;
	}
	engine_from_opts(o, &e);
	engine_argv(&a, &e, "image");
	argv_push(&a, "inspect");
	argv_push(&a, "--format={{.Id}}");
	argv_push(&a, image);
	if (proc_capture(a.v, QUERY_TIMEOUT_MS, &c) == 0 || !c.finished ||
	    !(contains_nocase(c.err, "no such image") ||
	    contains_nocase(c.err, "image not known")))
		snprintf(advice, len, "the engine '%s' (server %s) refused to "
		    "start the container (see its message above); 'sbx "
		    "--doctor' checks the set-up", o->engine, p.version);
	else if (strcmp(image, o->lang->image) == 0) {
		char hint[512];

		engine_build_hint(o, o->lang, hint, sizeof(hint));
		snprintf(advice, len, "image '%s' is not there; %s", image, hint);
	} else
		snprintf(advice, len, "image '%s' is not there; sbx never "
		    "pulls: '%s pull %s' or build it first", image, o->engine,
		    image);
	capture_free(&c);
	argv_free(&a);
}

/* Is "host:pid" a live sbx process on this machine? */
static int
owner_alive(const char *owner)
{
	char host[256];
	const char *colon = strrchr(owner, ':');
	long pid;

	if (colon == NULL || gethostname(host, sizeof(host)) == -1)
		return 0;
	host[sizeof(host) - 1] = '\0';
	if ((size_t)(colon - owner) != strlen(host) ||
	    strncmp(owner, host, strlen(host)) != 0)
		return -1;	/* another machine's: not ours to judge */
	pid = strtol(colon + 1, NULL, 10);
	if (pid <= 0)
		return 0;
	return kill((pid_t)pid, 0) == 0 || errno == EPERM;
}

/*
 * The containers labelled as sbx's, each as "name owner" on its own line
 * in c->out. ps lists the names; the owner label comes from inspect,
 * whose template docker and podman read alike (ps's differ: docker has
 * .Label, podman only the .Labels map). docker's .Name has a leading
 * '/', and a container removed in between is an empty line (docker) or
 * missing (podman); the caller skips both.
 */
static int
list_owned(const struct engine *o, struct capture *c)
{
	struct argv a;
	struct capture names;
	char *line, *save = NULL;
	int rc, attempt, listed = 0;

	engine_argv(&a, o, "ps");
	argv_push(&a, "--all");
	argv_pushf(&a, "--filter=label=%s", LABEL_KEY);
	argv_push(&a, "--format={{.Names}}");
	/* Podman's ps fails outright ("no such container") when a container
	 * it listed is removed before it is described: ask again. */
	for (attempt = 0;; attempt++) {
		rc = proc_capture(a.v, QUERY_TIMEOUT_MS, &names);
		if (rc != -1 || !names.finished || attempt == LIST_ATTEMPTS - 1 ||
		    !says_no_such_container(names.err))
			break;
		capture_free(&names);
	}
	argv_free(&a);
	if (rc == -1) {
		*c = names;
		return -1;
	}
	engine_argv(&a, o, "inspect");
	argv_push(&a, "--type=container");
	argv_pushf(&a, "--format={{.Name}} {{index .Config.Labels \"%s\"}}",
	    LABEL_OWNER);
	for (line = strtok_r(names.out, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		argv_push(&a, line);
		listed++;
	}
	capture_free(&names);
	if (listed == 0) {
		argv_free(&a);
		memset(c, 0, sizeof(*c));
		c->out = xstrdup("");
		c->err = xstrdup("");
		return 0;
	}
	rc = proc_capture(a.v, QUERY_TIMEOUT_MS, c);
	argv_free(&a);
	/* Some listed container gone by now (or all) is not an error. */
	if (rc == -1 && c->finished &&
	    (c->out[0] != '\0' || says_no_such_container(c->err)))
		rc = 0;
	return rc;
}

int
engine_gc(const struct sbx_opts *o)
{
	struct engine e;
	struct capture c;
	struct probe p;
	char *line, *save = NULL, why[1024];
	int removed = 0, kept = 0, foreign = 0, failed = 0;

	/* An empty list from a program that is no engine (/bin/true) would
	 * pass for "nothing to remove". */
	probe_engine(o->engine, &p);
	if (p.verdict != PROBE_OK) {
		probe_advice(o->engine, &p, why, sizeof(why));
		warnx_sbx("%s", why);
		return EXIT_CANCELED;
	}
	engine_from_opts(o, &e);
	if (list_owned(&e, &c) == -1) {
		char said[512];

		first_line(c.finished ? c.err : "no answer", said, sizeof(said));
		warnx_sbx("cannot list containers with '%s ps': %s; 'sbx "
		    "--doctor' checks the set-up", o->engine, said);
		capture_free(&c);
		return EXIT_CANCELED;
	}
	for (line = strtok_r(c.out, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char *owner, named[320];
		int alive;

		if (*line == '/')
			line++;
		if ((owner = strchr(line, ' ')) != NULL)
			*owner++ = '\0';
		if (*line == '\0')
			continue;
		/* A claimed warm container keeps the pool's labels: its owner
		 * is in its name. An idle one has none and always goes. */
		if ((owner == NULL || *owner == '\0') &&
		    warm_owner_from_name(line, named, sizeof(named)) == 0)
			owner = named;
		alive = owner != NULL && *owner != '\0' ? owner_alive(owner) : 0;
		if (alive == 1) {
			kept++;
			continue;
		}
		if (alive == -1) {
			foreign++;
			continue;
		}
		if (engine_remove(&e, line, 1, NULL, why, sizeof(why)) == 0) {
			printf("removed %s\n", line);
			removed++;
		} else {
			warnx_sbx("%s", why);
			failed++;
		}
	}
	capture_free(&c);
	if (!o->quiet && (kept || foreign))
		warnx_sbx("kept %d container(s) of running sbx processes and %d "
		    "of other hosts", kept, foreign);
	return failed ? EXIT_CANCELED : 0;
}

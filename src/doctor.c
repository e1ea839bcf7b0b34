/*
 * sbx --doctor. Each check is one engine query whose failure maps to one
 * fix. Checks that depend on an answering engine are skipped (and say
 * so) when it does not answer, rather than failing with the same cause.
 */
#include <stdio.h>
#include <string.h>

#include "argv.h"
#include "doctor.h"
#include "engine.h"
#include "lang.h"
#include "probe.h"
#include "proc.h"
#include "warm.h"

struct doctor {
	const struct sbx_opts *opts;
	int failed;
};

static void
verdict(struct doctor *d, int ok, const char *what, const char *detail)
{
	printf("%-4s %-10s %s\n", ok ? "ok" : "FAIL", what, detail);
	if (!ok)
		d->failed = 1;
}

/* Run "<engine> ARGS..."; 0 when it succeeded. c->out and c->err keep
 * their first line only. */
static int
query(struct doctor *d, struct capture *c, const char *const *args)
{
	struct argv a = { 0 };
	int rc;

	argv_push(&a, d->opts->engine);
	for (; *args != NULL; args++)
		argv_push(&a, *args);
	rc = proc_capture(a.v, QUERY_TIMEOUT_MS, c);
	argv_free(&a);
	c->out[strcspn(c->out, "\n")] = '\0';
	c->err[strcspn(c->err, "\n")] = '\0';
	return rc;
}

/*
 * Where the engine points: "context NAME at HOST" for a docker-style CLI
 * with contexts (DOCKER_HOST shows up as the default context's host), or
 * "" when it has none.
 */
static void
endpoint(struct doctor *d, char *buf, size_t len)
{
	static const char *const inspect[] = { "context", "inspect",
	    "--format={{.Name}} {{.Endpoints.docker.Host}}", NULL };
	struct capture c;
	char *host;

	buf[0] = '\0';
	if (query(d, &c, inspect) == 0 && (host = strchr(c.out, ' ')) != NULL &&
	    host[1] != '\0') {
		*host++ = '\0';
		snprintf(buf, len, " at %s (context %s)", host, c.out);
	}
	capture_free(&c);
}

static int
check_engine(struct doctor *d)
{
	struct probe p;
	char line[600], where[300];

	probe_engine(d->opts->engine, &p);
	if (p.verdict == PROBE_OK) {
		endpoint(d, where, sizeof(where));
		snprintf(line, sizeof(line), "'%s' answers%s, server %s",
		    d->opts->engine, where, p.version);
	} else
		probe_advice(d->opts->engine, &p, line, sizeof(line));
	verdict(d, p.verdict == PROBE_OK, "engine", line);
	return p.verdict == PROBE_OK;
}

static int
image_seen_before(const struct lang_table *t, size_t i)
{
	size_t j;

	for (j = 0; j < i; j++)
		if (strcmp(t->v[j].image, t->v[i].image) == 0)
			return 1;
	return 0;
}

/* Each image once. One that is missing only matters to its languages,
 * which may never be used here: it is listed with how to get it, and
 * is not a failure of the set-up. */
static void
check_images(struct doctor *d)
{
	const struct lang_table *t = d->opts->languages;
	struct capture c;
	char hint[512], line[600];
	size_t i;

	for (i = 0; i < t->n; i++) {
		const struct lang *l = &t->v[i];
		const char *args[] = { "image", "inspect", "--format={{.Id}}",
		    l->image, NULL };

		if (image_seen_before(t, i))
			continue;
		if (query(d, &c, args) == 0) {
			snprintf(line, sizeof(line), "%s present", l->image);
			verdict(d, 1, "image", line);
		} else {
			engine_build_hint(d->opts, l, hint, sizeof(hint));
			printf("%-4s %-10s %s missing (%s): %s\n", "--", "image",
			    l->image, l->name, hint);
		}
		capture_free(&c);
	}
}

/* Is WORD one of the space-separated words of LIST ("[a b c]")? */
static int
has_word(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = list; (p = strstr(p, word)) != NULL; p += n)
		if ((p == list || p[-1] == ' ' || p[-1] == '[') &&
		    (p[n] == ' ' || p[n] == ']' || p[n] == '\0'))
			return 1;
	return 0;
}

/*
 * docker's info says per limit whether it holds; podman's has no such
 * fields (the docker template fails) but lists the cgroup controllers,
 * and on cgroup v1 cannot tell whether swap accounting is on.
 */
static void
check_limits(struct doctor *d)
{
	static const char *const docker_info[] = { "info", "--format",
	    "{{.MemoryLimit}} {{.SwapLimit}} {{.PidsLimit}} {{.CPUCfsQuota}}",
	    NULL };
	static const char *const podman_info[] = { "info", "--format",
	    "{{.Host.CgroupControllers}}", NULL };
	struct capture c;
	char line[600];
	int ok;

	if (query(d, &c, docker_info) == 0) {
		ok = strcmp(c.out, "true true true true") == 0;
		if (ok)
			snprintf(line, sizeof(line), "memory, swap, pids and CPU "
			    "limits supported");
		else
			snprintf(line, sizeof(line), "the engine reports limits "
			    "'%s' (memory swap pids cpu): enable the cgroup "
			    "controllers, or limits will not hold", c.out);
	} else {
		capture_free(&c);
		ok = query(d, &c, podman_info) == 0 && has_word(c.out, "memory") &&
		    has_word(c.out, "pids") && has_word(c.out, "cpu");
		if (ok)
			snprintf(line, sizeof(line), "memory, pids and CPU cgroup "
			    "controllers present");
		else
			snprintf(line, sizeof(line), "the engine reports cgroup "
			    "controllers '%s': enable memory, pids and cpu, or "
			    "limits will not hold", c.out);
	}
	verdict(d, ok, "limits", line);
	capture_free(&c);
}

static void
list_runtimes(struct doctor *d)
{
	static const char *const docker_info[] = { "info", "--format",
	    "{{range $name, $_ := .Runtimes}}{{$name}} {{end}}", NULL };
	static const char *const podman_info[] = { "info", "--format",
	    "{{.Host.OCIRuntime.Name}} ", NULL };
	struct capture c;
	char line[600];

	int ok = query(d, &c, docker_info) == 0;

	if (!ok) {
		capture_free(&c);
		ok = query(d, &c, podman_info) == 0;
	}
	if (ok) {
		snprintf(line, sizeof(line), "%s(use one with --runtime)", c.out);
		verdict(d, 1, "runtimes", line);
	}
	capture_free(&c);
}

/* --warm pools on this engine: informational, never a failure. */
static void
list_pools(struct doctor *d)
{
	struct engine e;
	unsigned pools;

	engine_from_opts(d->opts, &e);
	if (warm_print_pools(&e, &pools) == 0 && pools == 0)
		printf("%-4s %-10s %s\n", "ok", "warm", "no idle --warm "
		    "containers");
}

int
doctor(const struct sbx_opts *o)
{
	struct doctor d = { o, 0 };

	if (check_engine(&d)) {
		check_images(&d);
		check_limits(&d);
		list_runtimes(&d);
		list_pools(&d);
	} else
		printf("%-4s %-10s %s\n", "-", "images", "not checked: no engine");
	fflush(stdout);
	return d.failed ? EXIT_CANCELED : 0;
}

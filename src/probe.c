/*
 * The engine probe: one "<engine> version" whose answer tells four
 * failures apart that all look alike from "run" (status 125, or worse,
 * a silent 0): no such program, a program that is not a docker-style
 * CLI at all (--engine /bin/true exits 0 for everything), a CLI whose
 * daemon is down or unreachable (DOCKER_HOST, docker context), and a
 * daemon that does not answer. It costs a CLI start (~50 ms), so sbx
 * runs it only after something failed or looked wrong, and in --doctor.
 */
#include <sys/wait.h>

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "argv.h"
#include "probe.h"
#include "proc.h"
#include "util.h"

/* Words of a docker or podman client that could not reach its daemon:
 * "Cannot connect to the Docker daemon at ...", "error during connect",
 * "unable to connect to Podman socket", "unable to resolve docker
 * endpoint" (a missing context), "... check if the server supports the
 * requested API version" (something else listens there). */
static const char *const daemon_words[] = {
	"connect", "daemon", "socket", "endpoint", "api version", NULL,
};

static int
mentions_daemon(const char *text)
{
	const char *const *w;
	const char *p;

	for (w = daemon_words; *w != NULL; w++)
		for (p = text; *p != '\0'; p++)
			if (strncasecmp(p, *w, strlen(*w)) == 0)
				return 1;
	return 0;
}

/* "20.10.24+dfsg1", "4.3.1", "28.0.1-rc.2": what a server version is. */
static int
looks_like_version(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n >= 64 || !isdigit((unsigned char)s[0]))
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && strchr(".+-~_", *s) == NULL)
			return 0;
	return 1;
}

void
probe_engine(const char *program, struct probe *p)
{
	struct argv a = { 0 };
	struct capture c;
	char out[256];

	memset(p, 0, sizeof(*p));
	argv_push(&a, program);
	argv_push(&a, "version");
	argv_push(&a, "--format={{.Server.Version}}");
	proc_capture(a.v, PROBE_TIMEOUT_MS, &c);
	argv_free(&a);

	first_line(c.out, out, sizeof(out));
	first_line(c.err[0] != '\0' ? c.err : c.out, p->said, sizeof(p->said));
	if (c.spawn_errno != 0) {
		p->verdict = PROBE_NOT_FOUND;
		snprintf(p->said, sizeof(p->said), "%s", strerror(c.spawn_errno));
	} else if (!c.finished)
		p->verdict = PROBE_NO_ANSWER;
	else if (WIFEXITED(c.status) && WEXITSTATUS(c.status) == 0) {
		if (looks_like_version(out)) {
			p->verdict = PROBE_OK;
			/* looks_like_version() bounds it below the size. */
			snprintf(p->version, sizeof(p->version), "%.*s",
			    (int)sizeof(p->version) - 1, out);
		} else {
			p->verdict = PROBE_FOREIGN;
			snprintf(p->said, sizeof(p->said), "%s", out);
		}
	} else if (WIFEXITED(c.status) && mentions_daemon(p->said))
		p->verdict = PROBE_NO_DAEMON;
	else
		p->verdict = PROBE_FOREIGN;
	if (p->verdict == PROBE_FOREIGN && p->said[0] == '\0')
		snprintf(p->said, sizeof(p->said), WIFEXITED(c.status) ?
		    "nothing, status %d" : "nothing, killed by signal %d",
		    WIFEXITED(c.status) ? WEXITSTATUS(c.status) :
		    WTERMSIG(c.status));
	capture_free(&c);
}

void
probe_advice(const char *program, const struct probe *p, char *buf,
    size_t len)
{
	const char *e = program;

	switch (p->verdict) {
	case PROBE_OK:
		snprintf(buf, len, "the engine '%s' answers (server %s)", e,
		    p->version);
		break;
	case PROBE_NOT_FOUND:
		snprintf(buf, len, "cannot run the engine '%s': %s; install it "
		    "('make setup') or pick another with --engine", e, p->said);
		break;
	case PROBE_NO_DAEMON:
		snprintf(buf, len, "the engine '%s' cannot reach its daemon "
		    "(%s): start the daemon, or point %s at a running one", e,
		    p->said, strstr(e, "podman") != NULL ?
		    "CONTAINER_HOST or the podman connection" :
		    "DOCKER_HOST or the docker context");
		break;
	case PROBE_NO_ANSWER:
		snprintf(buf, len, "the engine '%s' did not answer '%s version' "
		    "within %ds: its daemon is unreachable or stuck; check "
		    "DOCKER_HOST or the docker context, or restart the daemon",
		    e, e, PROBE_TIMEOUT_MS / 1000);
		break;
	case PROBE_FOREIGN:
		snprintf(buf, len, "'%s' is not a docker-compatible engine "
		    "('%s version' said: %s); set --engine or SBX_ENGINE to "
		    "docker or podman", e, e, p->said);
		break;
	}
}

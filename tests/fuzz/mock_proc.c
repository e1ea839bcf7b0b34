/*
 * The fuzz build's process layer: answers from a script, a virtual clock,
 * and no process ever started (see mock_proc.h).
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/proc.h"
#include "../../src/util.h"
#include "mock_proc.h"

static const struct mock_answer *script;
static size_t nscript, next, calls;
static uint64_t clock_ms;

void
mock_script(const struct mock_answer *a, size_t n)
{
	script = a;
	nscript = n;
	next = calls = 0;
}

size_t
mock_calls(void)
{
	return calls;
}

/* Each look at the clock is a second later: a wait for the engine gives
 * up after a few rounds instead of after its real bound. */
uint64_t
now_ms(void)
{
	clock_ms += 1000;
	return clock_ms;
}

int
proc_spawn(char *const argv[], int in, int out, int err, int own_group,
    pid_t *pid)
{
	(void)argv;
	(void)in;
	(void)out;
	(void)err;
	(void)own_group;
	*pid = -1;
	return ENOENT;
}

int
proc_capture(char *const argv[], uint64_t timeout_ms, struct capture *c)
{
	const struct mock_answer *a;
	size_t n;

	(void)argv;
	(void)timeout_ms;
	memset(c, 0, sizeof(*c));
	calls++;
	if (next >= nscript) {
		c->out = xstrdup("");
		c->err = xstrdup("");
		c->spawn_errno = ENOENT;
		return -1;
	}
	a = &script[next++];
	c->spawn_errno = a->spawn_errno;
	c->finished = a->spawn_errno == 0 && a->finished;
	c->status = a->status;
	c->out = xstrdup(a->spawn_errno == 0 ? a->out : "");
	c->err = xstrdup(a->spawn_errno == 0 ? a->err : "");
	n = strlen(c->out);
	c->outlen = n > CAPTURE_MAX ? CAPTURE_MAX : n;
	c->errlen = strlen(c->err);
	return c->finished && WIFEXITED(c->status) &&
	    WEXITSTATUS(c->status) == 0 ? 0 : -1;
}

void
capture_free(struct capture *c)
{
	free(c->out);
	free(c->err);
	memset(c, 0, sizeof(*c));
}

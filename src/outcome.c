/*
 * Turning a run into one outcome. The engine CLI's exit status is
 * ambiguous on its own: 125-127 are the engine's errors but also statuses
 * a program may exit with, and 137 is SIGKILL for any reason. The
 * inspected container state settles both. OOM is graded: the engine's
 * flag is reported as fact; an unexplained SIGKILL is "signaled" with the
 * memory limit named as the likely cause, never a clean exit.
 */
#include <sys/wait.h>

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "files.h"
#include "outcome.h"
#include "outfiles.h"
#include "parse.h"

#define MAX_SIGNAL	64

static void	outcome_decide_run(const struct sbx_opts *,
		    const struct run_result *, const struct container_state *,
		    struct outcome *);

static const char *
signal_name(int signo)
{
	switch (signo) {
	case SIGHUP: return "SIGHUP";
	case SIGINT: return "SIGINT";
	case SIGTERM: return "SIGTERM";
	case SIGQUIT: return "SIGQUIT";
	case SIGKILL: return "SIGKILL";
	case SIGSEGV: return "SIGSEGV";
	case SIGABRT: return "SIGABRT";
	case SIGPIPE: return "SIGPIPE";
	default: return "a signal";
	}
}

int
outcome_needs_inspect(const struct run_result *r)
{
	int code;

	if (r->spawn_errno || r->loop_errno || r->stop != STOP_NONE ||
	    !WIFEXITED(r->cli_status))
		return 0;
	code = WEXITSTATUS(r->cli_status);
	return code == EXIT_OOM || (code >= 125 && code <= 127);
}

static void
set(struct outcome *out, const char *status, int code)
{
	out->status = status;
	out->exit_code = code;
}

static void
decide_stop(const struct sbx_opts *o, const struct run_result *r,
    struct outcome *out)
{
	char limit[32], duration[32];

	switch (r->stop) {
	case STOP_TIMEOUT:
		set(out, "timeout", EXIT_TIMEDOUT);
		out->timed_out = 1;
		format_duration(o->timeout_ms, duration, sizeof(duration));
		snprintf(out->message, sizeof(out->message), "timed out after "
		    "%s; the container was killed (raise it with --timeout)",
		    duration);
		break;
	case STOP_OUTPUT_LIMIT:
		set(out, "output_limit", EXIT_OUTPUT_LIMIT);
		format_size(o->output_limit, limit, sizeof(limit));
		snprintf(out->message, sizeof(out->message), "%s passed the "
		    "output limit of %s: cut there and the program killed "
		    "(raise it with --output-limit)",
		    r->out.truncated ? "stdout" : "stderr", limit);
		break;
	case STOP_STDOUT_CLOSED:
		/* Like any filter whose reader left: quiet, 128 + SIGPIPE. */
		set(out, "signaled", 128 + SIGPIPE);
		out->signal = SIGPIPE;
		break;
	case STOP_STDOUT_ERROR:
		set(out, "sandbox_error", EXIT_CANCELED);
		out->hard = 1;
		snprintf(out->message, sizeof(out->message), "cannot write to "
		    "stdout: %s; the program was killed",
		    strerror(r->out.write_errno));
		break;
	case STOP_SIGNAL:
	case STOP_NONE:
		break;
	}
}

static void
decide_exit(const struct sbx_opts *o, const struct run_result *r,
    const struct container_state *st, struct outcome *out)
{
	int code = WEXITSTATUS(r->cli_status);
	char limit[32];

	if (code >= 125 && code <= 127 &&
	    (st == NULL || st->error[0] != '\0' || st->exit_code != code)) {
		set(out, "sandbox_error", EXIT_CANCELED);
		out->engine_failed = 1;
		out->hard = 1;
		if (st != NULL && st->error[0] != '\0')
			snprintf(out->message, sizeof(out->message), "the engine "
			    "could not start the program: %s", st->error);
		return;
	}
	if (code == EXIT_OOM && st != NULL && st->oom_killed) {
		set(out, "oom", EXIT_OOM);
		out->oom_killed = 1;
		out->signal = SIGKILL;
		format_size(o->memory, limit, sizeof(limit));
		snprintf(out->message, sizeof(out->message), "killed: out of "
		    "memory (limit %s, swap included); raise it with --memory",
		    limit);
		return;
	}
	if (code == 0) {
		set(out, "ok", 0);
		return;
	}
	if (code > 128 && code <= 128 + MAX_SIGNAL) {
		set(out, "signaled", code);
		out->signal = code - 128;
		if (out->signal == SIGKILL) {
			format_size(o->memory, limit, sizeof(limit));
			snprintf(out->message, sizeof(out->message), "the "
			    "program was killed by SIGKILL, which sbx did not "
			    "send; the likely cause is the memory limit (%s, "
			    "swap included): raise it with --memory", limit);
		}
		return;
	}
	set(out, "exit_nonzero", code);
}

/*
 * -o: a cut is never passed off as complete. Past a cap the run is an
 * output limit (153), like a stream cut; a damaged archive or none at all
 * is sbx's failure to bring the files back (125), unless the run already
 * failed for a reason of its own (timeout, OOM, signal, ...).
 */
static void
decide_files(const struct sbx_opts *o, const struct run_files *f,
    struct outcome *out)
{
	const struct trailer_facts *facts = files_facts(f);
	const struct outfiles_result *r;
	int clean = strcmp(out->status, "ok") == 0 ||
	    strcmp(out->status, "exit_nonzero") == 0;

	if (o->out_dir == NULL || f->out == NULL)
		return;
	r = outfiles_result(f->out);
	if (facts == NULL || !facts->found) {
		if (clean) {
			set(out, "sandbox_error", EXIT_CANCELED);
			out->hard = 1;
		}
		if (out->message[0] == '\0' || clean)
			snprintf(out->message, sizeof(out->message), "the sandbox "
			    "did not hand back its files (it was killed before it "
			    "could); nothing was written to '%s'", o->out_dir);
		return;
	}
	if (r->truncated && clean) {
		set(out, "output_limit", EXIT_OUTPUT_LIMIT);
		snprintf(out->message, sizeof(out->message), "files in $SBX_OUT: "
		    "%s (raise --out-max-size or --out-max-files)", r->note);
	} else if (r->damaged && clean) {
		set(out, "sandbox_error", EXIT_CANCELED);
		out->hard = 1;
		snprintf(out->message, sizeof(out->message), "files in $SBX_OUT: "
		    "%s; the complete files before it are in '%s'", r->note,
		    o->out_dir);
	}
}

void
outcome_decide(const struct sbx_opts *o, const struct run_result *r,
    const struct container_state *st, const struct run_files *files,
    struct outcome *out)
{
	outcome_decide_run(o, r, st, out);
	if (files != NULL && !out->engine_failed)
		decide_files(o, files, out);
}

static void
outcome_decide_run(const struct sbx_opts *o, const struct run_result *r,
    const struct container_state *st, struct outcome *out)
{
	memset(out, 0, sizeof(*out));

	if (r->spawn_errno != 0) {
		set(out, "sandbox_error", EXIT_CANCELED);
		out->engine_failed = 1;
		out->hard = 1;
		snprintf(out->message, sizeof(out->message), "cannot run the "
		    "engine '%s': %s; install it ('make setup') or pick another "
		    "with --engine", o->engine, strerror(r->spawn_errno));
		return;
	}
	if (r->signal != 0) {
		set(out, "signaled", 128 + r->signal);
		out->signal = r->signal;
		snprintf(out->message, sizeof(out->message), "got %s; the "
		    "container was killed", signal_name(r->signal));
	} else if (r->stop != STOP_NONE)
		decide_stop(o, r, out);
	else if (r->loop_errno != 0) {
		set(out, "sandbox_error", EXIT_CANCELED);
		out->hard = 1;
		snprintf(out->message, sizeof(out->message), "poll: %s; the "
		    "container was killed", strerror(r->loop_errno));
	} else if (!WIFEXITED(r->cli_status)) {
		set(out, "sandbox_error", EXIT_CANCELED);
		out->hard = 1;
		snprintf(out->message, sizeof(out->message), "the engine CLI "
		    "'%s' died of signal %d", o->engine, WTERMSIG(r->cli_status));
	} else
		decide_exit(o, r, st, out);

	if (r->abandoned && out->message[0] == '\0')
		snprintf(out->message, sizeof(out->message), "the engine did "
		    "not stop the container within %ds; its CLI was killed",
		    KILL_GRACE_MS / 1000);
}

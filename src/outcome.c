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
/* KILL_GRACE_MS, as the messages say it. */
#define KILL_GRACE_TEXT	"5s"
_Static_assert(KILL_GRACE_MS == 5000, "KILL_GRACE_TEXT says 5s");

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
	    !r->exited || r->ended_early)
		return 0;
	code = r->exit_code;
	/* "<engine> exec" says 1 when the container is not there, and 128
	 * under gVisor when the sandbox went (at the memory limit). */
	return code == EXIT_OOM || (code >= 125 && code <= 127) ||
	    (r->warm && (code == 1 || code == 128));
}

static const char *const status_names[] = {
	[RUN_OK] = "ok",
	[RUN_EXIT_NONZERO] = "exit_nonzero",
	[RUN_SIGNALED] = "signaled",
	[RUN_TIMEOUT] = "timeout",
	[RUN_OOM] = "oom",
	[RUN_OUTPUT_LIMIT] = "output_limit",
	[RUN_REFUSED] = "refused",
	[RUN_SANDBOX_ERROR] = "sandbox_error",
};

const char *
run_status_name(enum run_status s)
{
	return (size_t)s < sizeof(status_names) / sizeof(status_names[0]) ?
	    status_names[s] : "sandbox_error";
}

static void
set(struct outcome *out, enum run_status status, int code)
{
	out->status = status;
	out->exit_code = code;
}

/* What became of the container after a stop: killed, or (the engine
 * answered nothing) unknown. */
static const char *
stop_fate(const struct run_result *r)
{
	return r->engine_stuck ? "the engine answered nothing within "
	    KILL_GRACE_TEXT : "the container was killed";
}

static void
decide_stop(const struct sbx_opts *o, const struct run_result *r,
    struct outcome *out)
{
	char limit[32], duration[32];

	switch (r->stop) {
	case STOP_TIMEOUT:
		set(out, RUN_TIMEOUT, EXIT_TIMEDOUT);
		out->timed_out = 1;
		format_duration(o->timeout_ms, duration, sizeof(duration));
		snprintf(out->message, sizeof(out->message), "timed out after "
		    "%s; %s (raise it with --timeout)", duration, stop_fate(r));
		break;
	case STOP_OUTPUT_LIMIT:
		set(out, RUN_OUTPUT_LIMIT, EXIT_OUTPUT_LIMIT);
		format_size(o->output_limit, limit, sizeof(limit));
		snprintf(out->message, sizeof(out->message), "%s passed the "
		    "output limit of %s: cut there and the program killed "
		    "(raise it with --output-limit)",
		    r->out.truncated ? "stdout" : "stderr", limit);
		break;
	case STOP_STDOUT_CLOSED:
		/* Like any filter whose reader left: quiet, 128 + SIGPIPE. */
		set(out, RUN_SIGNALED, 128 + SIGPIPE);
		out->signal = SIGPIPE;
		break;
	case STOP_STDOUT_ERROR:
		set(out, RUN_SANDBOX_ERROR, EXIT_CANCELED);
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
decide_oom(const struct sbx_opts *o, struct outcome *out)
{
	char limit[32];

	set(out, RUN_OOM, EXIT_OOM);
	out->oom_killed = 1;
	out->signal = SIGKILL;
	format_size(o->memory, limit, sizeof(limit));
	snprintf(out->message, sizeof(out->message), "killed: out of memory "
	    "(limit %s, swap included); raise it with --memory", limit);
}

static void
decide_exit(const struct sbx_opts *o, const struct run_result *r,
    const struct container_state *st, struct outcome *out)
{
	int code = r->exit_code;
	char limit[32];

	if (code >= 125 && code <= 127 &&
	    (st == NULL || st->error[0] != '\0' || st->exit_code != code)) {
		set(out, RUN_SANDBOX_ERROR, EXIT_CANCELED);
		out->engine_failed = 1;
		out->hard = 1;
		if (st != NULL && st->error[0] != '\0')
			snprintf(out->message, sizeof(out->message), "the engine "
			    "could not start the program: %s", st->error);
		return;
	}
	if (code == EXIT_OOM && st != NULL && st->oom_killed) {
		decide_oom(o, out);
		return;
	}
	if (code == 0) {
		set(out, RUN_OK, 0);
		return;
	}
	if (code > 128 && code <= 128 + MAX_SIGNAL) {
		set(out, RUN_SIGNALED, code);
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
	set(out, RUN_EXIT_NONZERO, code);
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
	int clean = out->status == RUN_OK || out->status == RUN_EXIT_NONZERO;

	if (o->out_dir == NULL || f->out == NULL)
		return;
	r = outfiles_result(f->out);
	if (facts == NULL || !facts->found) {
		if (clean) {
			set(out, RUN_SANDBOX_ERROR, EXIT_CANCELED);
			out->hard = 1;
		}
		if (out->message[0] == '\0' || clean)
			snprintf(out->message, sizeof(out->message), "the sandbox "
			    "did not hand back its files (it was killed before it "
			    "could); nothing was written to '%s'", o->out_dir);
		return;
	}
	if (r->truncated && clean) {
		set(out, RUN_OUTPUT_LIMIT, EXIT_OUTPUT_LIMIT);
		snprintf(out->message, sizeof(out->message), "files in $SBX_OUT: "
		    "%s (raise --out-max-size or --out-max-files)", r->note);
	} else if (r->damaged && clean) {
		set(out, RUN_SANDBOX_ERROR, EXIT_CANCELED);
		out->hard = 1;
		snprintf(out->message, sizeof(out->message), "files in $SBX_OUT: "
		    "%s; the complete files before it are in '%s'", r->note,
		    o->out_dir);
	}
}

int
outcome_engine_failed(const struct sbx_opts *o, const struct run_result *r,
    const struct container_state *st)
{
	struct outcome out;

	outcome_decide_run(o, r, st, &out);
	return out.engine_failed;
}

/*
 * A container that cannot be removed is sbx's failure even after a clean
 * run; an engine that failed already has said why, and a removal that
 * fails too adds nothing. The removal is the message (the status is its);
 * what ended the run, if anything, comes before it as the note.
 */
static void
decide_removal(const struct run_facts *f, struct outcome *out)
{
	if (!f->removal_failed || out->engine_failed)
		return;
	if (out->message[0] != '\0')
		snprintf(out->note, sizeof(out->note), "%s", out->message);
	snprintf(out->message, sizeof(out->message), "%s", f->removal_why);
	set(out, RUN_SANDBOX_ERROR, EXIT_CANCELED);
	out->hard = 1;
}

void
outcome_decide(const struct sbx_opts *o, const struct run_facts *f,
    struct outcome *out)
{
	outcome_decide_run(o, f->run, f->inspected, out);
	if (out->engine_failed && out->message[0] == '\0' &&
	    f->explanation != NULL)
		snprintf(out->message, sizeof(out->message), "%s",
		    f->explanation);
	if (f->files != NULL && !out->engine_failed)
		decide_files(o, f->files, out);
	decide_removal(f, out);
}

void
outcome_refused(size_t n, struct outcome *out)
{
	memset(out, 0, sizeof(*out));
	set(out, RUN_REFUSED, EXIT_REFUSED);
	snprintf(out->message, sizeof(out->message), "--validate refused the "
	    "code (%zu finding%s); nothing ran", n, n == 1 ? "" : "s");
}

static void
outcome_decide_run(const struct sbx_opts *o, const struct run_result *r,
    const struct container_state *st, struct outcome *out)
{
	memset(out, 0, sizeof(*out));

	if (r->spawn_errno != 0) {
		set(out, RUN_SANDBOX_ERROR, EXIT_CANCELED);
		out->engine_failed = 1;
		out->hard = 1;
		snprintf(out->message, sizeof(out->message), "cannot run the "
		    "engine '%s': %s; install it ('make setup') or pick another "
		    "with --engine", o->engine, strerror(r->spawn_errno));
		return;
	}
	if (r->signal != 0) {
		set(out, RUN_SIGNALED, 128 + r->signal);
		out->signal = r->signal;
		snprintf(out->message, sizeof(out->message), "got %s; %s",
		    signal_name(r->signal), stop_fate(r));
	} else if (r->stop != STOP_NONE)
		decide_stop(o, r, out);
	else if (r->loop_errno != 0) {
		set(out, RUN_SANDBOX_ERROR, EXIT_CANCELED);
		out->hard = 1;
		snprintf(out->message, sizeof(out->message), "poll: %s; the "
		    "container was killed", strerror(r->loop_errno));
	} else if (r->warm_gone && st != NULL && st->oom_killed)
		decide_oom(o, out);
	else if (r->warm_gone) {
		set(out, RUN_SANDBOX_ERROR, EXIT_CANCELED);
		out->engine_failed = 1;
		out->hard = 1;
		snprintf(out->message, sizeof(out->message), "the warm container "
		    "was gone before the program could start (see the engine's "
		    "message above); run again, or without --warm");
	} else if (!r->exited) {
		set(out, RUN_SANDBOX_ERROR, EXIT_CANCELED);
		out->hard = 1;
		snprintf(out->message, sizeof(out->message), "the engine CLI "
		    "'%s' died of signal %d", o->engine, r->cli_signal);
	} else
		decide_exit(o, r, st, out);

	if (r->abandoned && out->message[0] == '\0')
		snprintf(out->message, sizeof(out->message), "the engine did "
		    "not stop the container within %s; its CLI was killed",
		    KILL_GRACE_TEXT);
}

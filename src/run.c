/*
 * The run loop: one poll() over the engine CLI's three pipes, sbx's own
 * stdin/stdout/stderr and the signal self-pipe, with the deadline as its
 * timeout. Invariants:
 *  - sbx never blocks in read or write: the CLI's pipes are non-blocking;
 *    sbx's own descriptors are shared with the caller, so they are never
 *    switched to O_NONBLOCK and instead get at most PIPE_BUF bytes per
 *    POLLOUT (a pipe with room for one write of that size never blocks).
 *  - memory stays flat while streaming: a full buffer stops reading its
 *    source, so back-pressure reaches the program.
 *  - once stopping (deadline, signal, limit, closed stdout), the CLI's
 *    output is drained without limit: an engine whose attach client has
 *    stopped reading can wedge "kill" and "rm" of that container.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "endmark.h"
#include "engine.h"
#include "proc.h"
#include "run.h"
#include "signals.h"
#include "trailer.h"
#include "util.h"
#include "workspace.h"

#define STREAM_BUFFER	(64U << 10)
#define KILL_RETRY_MS	500
/* The CLI closes its pipes as it exits; only a stray grandchild holding
 * them open could delay EOF, and sbx does not wait for one long. */
#define EOF_GRACE_MS	1000

struct stream {
	int	 from;		/* the CLI's pipe, -1 at EOF */
	int	 to;		/* sbx's fd, -1 when capturing or gone */
	int	 chunked;	/* `to` is not a regular file: PIPE_BUF writes */
	struct stream_result *res;
	struct loop *loop;
	int	 marked;	/* BOOT ends it with an end mark */
	struct endmark mark;
};

struct loop {
	const struct sbx_opts *opts;
	const struct engine *engine;
	const char	*name;
	struct run_result *res;
	pid_t		 cli;		/* 0 once reaped */
	pid_t		 killer;	/* a running "<engine> kill", or 0 */
	pid_t		 pinger;	/* a running "<engine> version", or 0 */
	pid_t		 gate;		/* run_input's gate, until it is reaped */
	uint64_t	 deadline;	/* UINT64_MAX: none */
	uint64_t	 next_kill, give_up;
	uint64_t	 eof_by;	/* once the CLI is reaped */

	int		 in_fd;		/* the CLI's stdin, -1 once closed */
	const char	*header;
	size_t		 header_left;
	struct workspace *ws;		/* NULL once its tar is all sent */
	char		 ws_block[STREAM_BUFFER];
	size_t		 ws_off, ws_len;
	const char	*code;
	size_t		 code_left;
	struct trailer	*trailer;
	int		 collecting;	/* SIGUSR1 sent: BOOT hands back files */
	char		 scratch[STREAM_BUFFER];
	int		 stdin_open;	/* still copying sbx's stdin */
	struct buf	 input;
	int		 end_early;	/* run_input's */
	int		 ended_early;	/* both end marks are in */

	struct stream	 out, err;
};

static int
open_pipe(int fds[2], int nonblock_end)
{
	if (cloexec_pipe(fds) == -1)
		return -1;
	if (set_nonblock(fds[nonblock_end]) == -1) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	return 0;
}

static void
close_fd(int *fd)
{
	if (*fd != -1) {
		close(*fd);
		*fd = -1;
	}
}

/* Header, workspace and code: what comes before the program's stdin. */
static int
preamble_left(const struct loop *l)
{
	return l->header_left > 0 || l->ws != NULL || l->code_left > 0;
}

static void
close_input(struct loop *l)
{
	close_fd(&l->in_fd);
	l->header_left = 0;
	l->ws = NULL;
	l->code_left = 0;
	l->stdin_open = 0;
	buf_free(&l->input);
}

static void
begin_stop(struct loop *l, enum stop_reason why, uint64_t now)
{
	if (l->res->stop != STOP_NONE)
		return;
	l->res->stop = why;
	l->next_kill = now;
	l->give_up = now + KILL_GRACE_MS;
	/* Beside the kill, which may wait as long as the container is being
	 * started, a question any live engine answers at once: whether the
	 * engine is stuck or only slow, if the kill does not make it. */
	if (l->cli != 0 && engine_ping_start(l->engine, &l->pinger) != 0)
		l->pinger = 0;
	if (why == STOP_TIMEOUT && l->trailer != NULL) {
		pid_t pid;

		/* BOOT stops the program and writes its trailer; the kill
		 * comes after the grace. */
		if (engine_signal_start(l->engine, l->name, "USR1", &pid) == 0) {
			l->collecting = 1;
			l->next_kill = now + COLLECT_GRACE_MS;
			l->give_up += COLLECT_GRACE_MS;
			if (l->killer == 0)
				l->killer = pid;
			else
				(void)pid;
		}
	}
	close_input(l);
}

/* The gate said no: the container got nothing, and nothing of the CLI's
 * (its own complaints) is the program's. */
static void
gate_failed(struct loop *l)
{
	l->res->gate_failed = 1;
	if (l->cli != 0)
		kill(l->cli, SIGKILL);
	close_input(l);
	close_fd(&l->out.from);
	close_fd(&l->err.from);
}

static void
cli_ended(struct run_result *r, int status)
{
	r->exited = WIFEXITED(status);
	r->exit_code = r->exited ? WEXITSTATUS(status) : 0;
	r->cli_signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

static void
reap(struct loop *l)
{
	int status;

	if (l->gate != 0 && waitpid(l->gate, &status, WNOHANG) == l->gate) {
		l->gate = 0;
		l->eof_by = now_ms() + EOF_GRACE_MS;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			gate_failed(l);
	}

	if (l->cli != 0 && waitpid(l->cli, &status, WNOHANG) == l->cli) {
		cli_ended(l->res, status);
		l->cli = 0;
		l->eof_by = now_ms() + EOF_GRACE_MS;
	}
	if (l->killer != 0 && waitpid(l->killer, &status, WNOHANG) == l->killer) {
		l->killer = 0;
		l->res->engine_answered = 1;
	}
	if (l->pinger != 0 && waitpid(l->pinger, &status, WNOHANG) == l->pinger) {
		l->pinger = 0;
		l->res->engine_answered = 1;
	}
}

static void
handle_signals(struct loop *l, int sigfd, uint64_t now)
{
	int signo;

	while ((signo = signals_next(sigfd)) != 0) {
		if (signo == SIGCHLD) {
			reap(l);
			continue;
		}
		if (l->res->signal == 0)
			l->res->signal = signo;
		begin_stop(l, STOP_SIGNAL, now);
	}
}

/* Kill through the engine (killing only the CLI would leave the
 * container running); retry until the CLI reports it dead, then give up. */
static void
enforce_stop(struct loop *l, uint64_t now)
{
	if (l->res->stop == STOP_NONE)
		return;
	if (l->gate != 0 && now >= l->give_up)
		kill(l->gate, SIGKILL);
	if (l->cli == 0 || l->res->abandoned)
		return;
	if (now >= l->give_up) {
		kill(l->cli, SIGKILL);
		l->res->abandoned = 1;
		l->res->engine_stuck = !l->res->engine_answered;
		return;
	}
	if (l->killer == 0 && now >= l->next_kill) {
		l->collecting = 0;
		if (engine_kill_start(l->engine, l->name, &l->killer) != 0)
			l->killer = 0;
		l->next_kill = now + KILL_RETRY_MS;
	}
}

static void
feed_input(struct loop *l)
{
	const char *p;
	size_t len;
	ssize_t n;

	if (l->header_left > 0) {
		p = l->header;
		len = l->header_left;
	} else if (l->ws != NULL) {
		if (l->ws_off == l->ws_len) {
			l->ws_off = 0;
			l->ws_len = workspace_read(l->ws, l->ws_block,
			    sizeof(l->ws_block));
			if (l->ws_len == 0) {
				l->ws = NULL;
				return;
			}
		}
		p = l->ws_block + l->ws_off;
		len = l->ws_len - l->ws_off;
	} else if (l->code_left > 0) {
		p = l->code;
		len = l->code_left;
	} else {
		p = l->input.data + l->input.off;
		len = buf_pending(&l->input);
	}
	n = write(l->in_fd, p, len);
	if (n == -1) {
		if (errno == EAGAIN || errno == EINTR)
			return;
		/* EPIPE: the CLI is gone or closed its stdin; input is moot. */
		close_input(l);
		return;
	}
	if (l->header_left > 0) {
		l->header += n;
		l->header_left -= (size_t)n;
	} else if (l->ws != NULL)
		l->ws_off += (size_t)n;
	else if (l->code_left > 0) {
		l->code += n;
		l->code_left -= (size_t)n;
	} else
		buf_consume(&l->input, (size_t)n);
}

static void
read_stdin(struct loop *l)
{
	ssize_t n;

	buf_reserve(&l->input, STREAM_BUFFER - buf_pending(&l->input));
	n = read(STDIN_FILENO, l->input.data + l->input.len,
	    l->input.cap - l->input.len);
	if (n > 0)
		l->input.len += (size_t)n;
	else if (n == 0 || (errno != EAGAIN && errno != EINTR))
		l->stdin_open = 0;
}

/* Program output, kept up to --output-limit. */
static void
deliver(struct loop *l, struct stream *s, const char *p, size_t n)
{
	struct stream_result *r = s->res;
	uint64_t limit = l->opts->output_limit;
	size_t keep = n;

	if (r->truncated || r->write_errno != 0)
		keep = 0;
	else if (limit != 0 && r->total + keep > limit) {
		keep = (size_t)(limit - r->total);
		r->truncated = 1;
		begin_stop(l, STOP_OUTPUT_LIMIT, now_ms());
	}
	r->total += (uint64_t)n;
	buf_append(&r->data, p, keep);
}

static void
deliver_out(void *ctx, const char *p, size_t n)
{
	struct loop *l = ctx;

	deliver(l, &l->out, p, n);
}

static void
deliver_marked(void *ctx, const char *p, size_t n)
{
	struct stream *s = ctx;

	deliver(s->loop, s, p, n);
}

/* Spooled program output back into the stream, as room allows. */
static void
replay_out(struct loop *l, int all)
{
	size_t room, n;

	while (l->trailer != NULL) {
		room = sizeof(l->scratch);
		if (!all && l->out.to != -1) {
			if (buf_pending(&l->out.res->data) >= STREAM_BUFFER)
				return;
			room = STREAM_BUFFER - buf_pending(&l->out.res->data);
		}
		if ((n = trailer_replay(l->trailer, l->scratch, room)) == 0)
			return;
		deliver(l, &l->out, l->scratch, n);
		if (all && l->out.to != -1 && buf_pending(&l->out.res->data) > 0 &&
		    l->out.res->write_errno == 0) {
			if (write_all(l->out.to, l->out.res->data.data +
			    l->out.res->data.off,
			    buf_pending(&l->out.res->data)) == -1)
				l->out.res->write_errno = errno;
			buf_consume(&l->out.res->data,
			    buf_pending(&l->out.res->data));
		}
	}
}

/* The CLI's pipe into scratch: the length read; 0 at EOF, the pipe then
 * closed; -1 when nothing came. */
static ssize_t
read_scratch(struct loop *l, struct stream *s)
{
	ssize_t n = read(s->from, l->scratch, sizeof(l->scratch));

	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return -1;
	if (n <= 0) {
		close_fd(&s->from);
		return 0;
	}
	return n;
}

static void
read_trailer_stream(struct loop *l, struct stream *s)
{
	ssize_t n = read_scratch(l, s);

	if (n == 0)
		trailer_end(l->trailer, deliver_out, l);
	else if (n > 0 && trailer_scan(l->trailer, l->scratch, (size_t)n,
	    deliver_out, l) == -1)
		warnx_sbx("cannot spool the program's output to $TMPDIR: %s; "
		    "some of it is lost", strerror(errno));
}

static void
read_marked_stream(struct loop *l, struct stream *s)
{
	ssize_t n = read_scratch(l, s);

	if (n == 0)
		endmark_flush(&s->mark, deliver_marked, s);
	else if (n > 0)
		endmark_scan(&s->mark, l->scratch, (size_t)n, deliver_marked, s);
}

/*
 * Both end marks are in: the program and all it started are dead. When
 * its status needs no word from the engine (an OOM kill, a start that
 * failed), the run is over: the container is BOOT's exit away from its
 * end (main.c has it removed; warm.c's linger sees the CLI end).
 */
static int
ends_early(const struct loop *l)
{
	int code = l->out.mark.status;

	return l->end_early && l->out.mark.seen && l->err.mark.seen &&
	    l->res->stop == STOP_NONE && l->cli != 0 &&
	    code == l->err.mark.status && code != EXIT_OOM &&
	    !(code >= 125 && code <= 128);
}

static void
read_stream(struct loop *l, struct stream *s, uint64_t now)
{
	struct stream_result *r = s->res;
	uint64_t limit = l->opts->output_limit;
	size_t keep;
	ssize_t n;

	if (s == &l->out && l->trailer != NULL) {
		read_trailer_stream(l, s);
		return;
	}
	if (s->marked) {
		read_marked_stream(l, s);
		return;
	}
	buf_reserve(&r->data, STREAM_BUFFER);
	n = read(s->from, r->data.data + r->data.len, STREAM_BUFFER);
	if (n == -1 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {
		close_fd(&s->from);
		return;
	}
	keep = (size_t)n;
	if (r->truncated || r->write_errno != 0)
		keep = 0;
	else if (limit != 0 && r->total + keep > limit) {
		keep = (size_t)(limit - r->total);
		r->truncated = 1;
		begin_stop(l, STOP_OUTPUT_LIMIT, now);
	}
	r->total += (uint64_t)n;
	r->data.len += keep;
}

static void
lose_stream(struct loop *l, struct stream *s, int err, uint64_t now)
{
	s->res->write_errno = err;
	s->res->data.off = s->res->data.len = 0;
	s->to = -1;
	if (s == &l->out)
		begin_stop(l, err == EPIPE ? STOP_STDOUT_CLOSED : STOP_STDOUT_ERROR,
		    now);
}

static void
write_stream(struct loop *l, struct stream *s, uint64_t now)
{
	size_t len = buf_pending(&s->res->data);
	ssize_t n;

	if (s->chunked && len > PIPE_BUF)
		len = PIPE_BUF;
	n = write(s->to, s->res->data.data + s->res->data.off, len);
	if (n == -1) {
		if (errno != EAGAIN && errno != EINTR)
			lose_stream(l, s, errno, now);
		return;
	}
	buf_consume(&s->res->data, (size_t)n);
}

static int
wants_input(const struct loop *l, const struct stream *s)
{
	/*
	 * A capture grows; a stream waits for its reader unless stopping or
	 * the CLI is gone (then what is left is at most a pipe's worth).
	 */
	return s->from != -1 && l->gate == 0 && (s->to == -1 || l->res->stop != STOP_NONE ||
	    l->cli == 0 || buf_pending(&s->res->data) < STREAM_BUFFER);
}

static int
poll_timeout(const struct loop *l, uint64_t now)
{
	uint64_t until = UINT64_MAX;

	if (l->cli == 0 && l->gate != 0)
		until = l->res->stop == STOP_NONE ? l->deadline :
		    now < l->give_up ? l->give_up : UINT64_MAX;
	else if (l->cli == 0)
		until = l->eof_by;
	else if (l->res->stop == STOP_NONE)
		until = l->deadline;
	else if (!l->res->abandoned) {
		until = l->give_up;
		if (l->killer == 0 && l->next_kill < until)
			until = l->next_kill;
	}
	if (until == UINT64_MAX)
		return -1;
	if (until <= now)
		return 0;
	return until - now > INT_MAX ? INT_MAX : (int)(until - now);
}

enum { P_SIG, P_STDIN, P_IN, P_OUT, P_ERR, P_MYOUT, P_MYERR, P_COUNT };

/* Returns -1 when poll() itself fails, which leaves nothing to wait on. */
static int
loop_once(struct loop *l, int sigfd)
{
	struct pollfd p[P_COUNT];
	uint64_t now = now_ms();
	int i;

	if (l->res->stop == STOP_NONE && now >= l->deadline)
		begin_stop(l, STOP_TIMEOUT, now);
	enforce_stop(l, now);
	if (l->in_fd != -1 && !preamble_left(l) && !l->stdin_open &&
	    buf_pending(&l->input) == 0)
		close_input(l);
	replay_out(l, 0);
	if (l->cli != 0 && l->out.from == -1 && l->err.from == -1)
		reap(l);
	if (l->cli == 0 && l->gate == 0 && now >= l->eof_by) {
		close_fd(&l->out.from);
		close_fd(&l->err.from);
		return 0;
	}
	if (ends_early(l)) {
		l->ended_early = 1;
		return 0;
	}

	for (i = 0; i < P_COUNT; i++) {
		p[i].fd = -1;
		p[i].events = 0;
		p[i].revents = 0;
	}
	p[P_SIG].fd = sigfd;
	p[P_SIG].events = POLLIN;
	if (l->stdin_open && !preamble_left(l) &&
	    buf_pending(&l->input) < STREAM_BUFFER) {
		p[P_STDIN].fd = STDIN_FILENO;
		p[P_STDIN].events = POLLIN;
	}
	if (l->in_fd != -1 && l->gate == 0 &&
	    (preamble_left(l) || buf_pending(&l->input) > 0)) {
		p[P_IN].fd = l->in_fd;
		p[P_IN].events = POLLOUT;
	}
	if (wants_input(l, &l->out)) {
		p[P_OUT].fd = l->out.from;
		p[P_OUT].events = POLLIN;
	}
	if (wants_input(l, &l->err)) {
		p[P_ERR].fd = l->err.from;
		p[P_ERR].events = POLLIN;
	}
	/* Polled even with nothing to write: POLLERR says the reader left. */
	p[P_MYOUT].fd = l->out.to;
	if (l->out.to != -1 && buf_pending(&l->out.res->data) > 0)
		p[P_MYOUT].events = POLLOUT;
	p[P_MYERR].fd = l->err.to;
	if (l->err.to != -1 && buf_pending(&l->err.res->data) > 0)
		p[P_MYERR].events = POLLOUT;

	if (poll(p, P_COUNT, poll_timeout(l, now)) == -1)
		return errno == EINTR ? 0 : -1;
	now = now_ms();
	if (p[P_SIG].revents != 0)
		handle_signals(l, sigfd, now);
	if (p[P_STDIN].revents != 0 && l->stdin_open)
		read_stdin(l);
	if (p[P_IN].revents != 0 && l->in_fd != -1)
		feed_input(l);
	if (p[P_OUT].revents != 0 && l->out.from != -1)
		read_stream(l, &l->out, now);
	if (p[P_ERR].revents != 0 && l->err.from != -1)
		read_stream(l, &l->err, now);
	if ((p[P_MYOUT].revents & POLLOUT) && l->out.to != -1)
		write_stream(l, &l->out, now);
	else if ((p[P_MYOUT].revents & (POLLERR | POLLHUP)) && l->out.to != -1)
		lose_stream(l, &l->out, EPIPE, now);
	if ((p[P_MYERR].revents & POLLOUT) && l->err.to != -1)
		write_stream(l, &l->err, now);
	else if ((p[P_MYERR].revents & (POLLERR | POLLHUP)) && l->err.to != -1)
		lose_stream(l, &l->err, EPIPE, now);
	return 0;
}

/* A helper process that is no longer needed: ended and reaped. */
static void
end_child(pid_t *pid)
{
	if (*pid == 0)
		return;
	kill(*pid, SIGKILL);
	while (waitpid(*pid, NULL, 0) == -1 && errno == EINTR)
		;
	*pid = 0;
}

static int
is_regular(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

void
run_container(const struct sbx_opts *o, const struct engine *engine,
    const struct argv *argv,
    const char *name, const struct run_input *in, int sigfd,
    struct run_result *res)
{
	int inp[2] = { -1, -1 }, outp[2] = { -1, -1 }, errp[2] = { -1, -1 };
	struct loop l;
	uint64_t start;
	int rc;

	memset(res, 0, sizeof(*res));
	res->linger_out = res->linger_err = -1;
	memset(&l, 0, sizeof(l));
	l.opts = o;
	l.engine = engine;
	l.name = name;
	l.res = res;
	l.in_fd = -1;
	l.out.from = l.err.from = -1;
	l.out.res = &res->out;
	l.err.res = &res->err;
	l.out.loop = l.err.loop = &l;
	if (in->end_nonce != NULL && in->trailer == NULL) {
		l.out.marked = l.err.marked = 1;
		endmark_init(&l.out.mark, in->end_nonce);
		endmark_init(&l.err.mark, in->end_nonce);
		l.end_early = in->end_early;
	}
	l.gate = in->gate;

	if (open_pipe(inp, 1) == -1 || open_pipe(outp, 0) == -1 ||
	    open_pipe(errp, 0) == -1) {
		res->spawn_errno = errno;
		goto out;
	}
	start = now_ms();
	rc = proc_spawn(argv->v, inp[0], outp[1], errp[1], 1, &l.cli);
	close_fd(&inp[0]);
	close_fd(&outp[1]);
	close_fd(&errp[1]);
	if (rc != 0) {
		res->spawn_errno = rc;
		goto out;
	}

	l.in_fd = inp[1];
	l.out.from = outp[0];
	l.err.from = errp[0];
	inp[1] = outp[0] = errp[0] = -1;
	l.header = in->header;
	l.header_left = in->header_len;
	l.ws = in->workspace;
	l.trailer = in->trailer;
	l.code = in->code;
	l.code_left = in->code_len;
	l.stdin_open = in->stream_stdin;
	l.out.to = o->json ? -1 : STDOUT_FILENO;
	l.err.to = o->json ? -1 : STDERR_FILENO;
	l.out.chunked = !is_regular(STDOUT_FILENO);
	l.err.chunked = !is_regular(STDERR_FILENO);
	l.deadline = o->timeout_ms ? start + o->timeout_ms : UINT64_MAX;
	/* A gate that ended before the loop began has its SIGCHLD pending. */
	reap(&l);

	while (!l.ended_early && (l.cli != 0 || l.gate != 0 ||
	    l.out.from != -1 || l.err.from != -1)) {
		if (loop_once(&l, sigfd) == -1) {
			res->loop_errno = errno;
			break;
		}
	}
	res->duration_ms = now_ms() - start;
	/* What the program wrote that is still spooled comes out now. */
	if (l.out.to != -1 && buf_pending(&res->out.data) > 0 &&
	    l.trailer != NULL && res->out.write_errno == 0) {
		if (write_all(l.out.to, res->out.data.data + res->out.data.off,
		    buf_pending(&res->out.data)) == -1)
			res->out.write_errno = errno;
		buf_consume(&res->out.data, buf_pending(&res->out.data));
	}
	replay_out(&l, 1);
	if (l.ended_early) {
		res->ended_early = 1;
		res->exited = 1;
		res->exit_code = l.out.mark.status;
		res->linger_cli = l.cli;
		res->linger_out = l.out.from;
		res->linger_err = l.err.from;
		l.cli = 0;
		l.out.from = l.err.from = -1;
	}
	if (l.cli != 0) {
		int status;

		kill(l.cli, SIGKILL);
		while (waitpid(l.cli, &status, 0) == -1 && errno == EINTR)
			;
		cli_ended(res, status);
		res->abandoned = 1;
	}

	/* The container is gone already; a kill still under way is moot. */
	end_child(&l.killer);
	end_child(&l.pinger);
out:
	if (l.gate != 0)
		res->gate_failed = 1;
	end_child(&l.gate);
	close_input(&l);
	close_fd(&l.out.from);
	close_fd(&l.err.from);
	close_fd(&inp[0]);
	close_fd(&inp[1]);
	close_fd(&outp[0]);
	close_fd(&outp[1]);
	close_fd(&errp[0]);
	close_fd(&errp[1]);
}

void
run_result_free(struct run_result *r)
{
	buf_free(&r->out.data);
	buf_free(&r->err.data);
}

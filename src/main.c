/*
 * sbx: run untrusted code in a hardened, throw-away container.
 *
 * The story of a run: options -> code -> (--validate scan) -> engine argv
 * -> run -> inspect (when the status is ambiguous) -> remove -> report ->
 * exit status.
 * Once the container may exist, every path goes through the removal
 * (a warm container that ended with its program: the engine's --rm).
 */
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "argv.h"
#include "boot.h"
#include "cli.h"
#include "deps.h"
#include "doctor.h"
#include "engine.h"
#include "files.h"
#include "guard.h"
#include "id.h"
#include "lang.h"
#include "outcome.h"
#include "report.h"
#include "run.h"
#include "signals.h"
#include "source.h"
#include "util.h"
#include "validate/check.h"
#include "validate/findings.h"
#include "validate/validate.h"
#include "warm.h"
#include "warm_settle.h"
#include "workspace.h"



/* With fd 0, 1 or 2 closed, the next open() would take its place and
 * program output would land in a pipe or file sbx opened for itself. */
static void
ensure_standard_fds(void)
{
	int fd;

	while ((fd = open("/dev/null", O_RDWR)) != -1 && fd <= STDERR_FILENO)
		;
	if (fd == -1)
		die("cannot open /dev/null: check the system's /dev");
	close(fd);
}

static void
scan(const struct sbx_opts *o, const struct source *src, struct findings *f)
{
	memset(f, 0, sizeof(*f));
	if (validate_scan(o->lang, src->code, src->len, f) == -1)
		die("cannot scan '%s': %s", src->display_name, strerror(errno));
}

/* sbx --check: findings on stdout; 0 clean, 1 flagged. */
static int
check(const struct sbx_opts *o)
{
	struct source src;
	struct findings f;
	int status;

	source_map(o, &src);
	scan(o, &src, &f);
	if (o->json)
		check_print_json(stdout, src.display_name, &f);
	else
		check_print_text(stdout, src.display_name, &f);
	status = fflush(stdout) == 0 && !ferror(stdout) ? f.n > 0 : EXIT_CANCELED;
	findings_free(&f);
	source_free(&src);
	return status;
}

/* --validate flagged the code: say why, run nothing, exit 126. */
static int
refuse(const struct sbx_opts *o, const struct source *src,
    const struct findings *f)
{
	struct run_result res;
	struct outcome out;
	char *text = NULL;
	size_t len = 0;
	FILE *mem;

	if ((mem = open_memstream(&text, &len)) == NULL)
		die("out of memory");
	check_print_text(mem, src->display_name, f);
	fclose(mem);

	memset(&res, 0, sizeof(res));
	outcome_refused(f->n, &out);
	if (o->json) {
		buf_append(&res.err.data, text, len);
		if (report_json(o, &res, &out, NULL) == -1)
			out.exit_code = EXIT_CANCELED;
	} else
		(void)write_all(STDERR_FILENO, text, len);
	report_message(o, &out);
	run_result_free(&res);
	free(text);
	return out.exit_code;
}

/* BOOT's header: how the code, the workspace and the files travel. */
static void
build_header(const struct sbx_opts *o, const struct source *src,
    const struct run_files *files, int end_marks, struct buf *header,
    char **file)
{
	struct boot_request r;

	memset(&r, 0, sizeof(r));
	memcpy(r.nonce, files->nonce, sizeof(r.nonce));
	r.flags = (files->trailer != NULL ? BOOT_TRAILER : 0) |
	    (o->out_dir != NULL ? BOOT_COLLECT_OUT : 0) |
	    (end_marks ? BOOT_END_MARKS : 0);
	r.hard_secs = o->timeout_ms == 0 ? 0 : (unsigned)((o->timeout_ms +
	    INNER_DEADLINE_MARGIN_MS + 999) / 1000);
	r.workspace_bytes = files->ws != NULL ? workspace_size(files->ws) : 0;
	r.kind = o->lang->kind;
	r.workdir = files->workdir;
	r.lang = o->lang;
	r.args = o->args;
	r.nargs = o->nargs;
	if (files->sandbox_file != NULL) {
		/* In the workspace already: run it where it is. */
		if (r.kind == LANG_STREAM)
			r.kind = LANG_SCRIPT;
		*file = xstrdup(files->sandbox_file);
	} else {
		r.code_bytes = src->len;
		*file = r.kind == LANG_STREAM ? xstrdup(src->display_name) :
		    boot_file_for(src->display_name);
	}
	r.file = *file;
	if (boot_header(&r, header) == -1)
		die("an argument holds a NUL byte, which no program can receive");
}

/*
 * The run itself: in a claimed warm container when there is one, else
 * cold. A claim whose rename failed (its container gone: a --gc, a
 * restarted engine) got nothing (run.h's gate): the next idle container
 * is tried, then a cold run. Returns whether a warm container served it.
 */
static int
run_somewhere(const struct sbx_opts *o, const struct engine *e,
    const struct argv *cold, const char *name, struct run_input *in,
    int sigfd, struct warm_run *wr, struct run_result *res)
{
	struct argv claimed = { 0 };
	unsigned tries;
	int warm;

	for (tries = 0;; tries++) {
		warm = o->warm > 0 && tries <= MAX_WARM &&
		    warm_claim(e, wr, name, &claimed) == 0;
		in->gate = warm ? wr->gate : 0;
		in->end_early = warm;
		run_container(o, e, warm ? &claimed : cold, name, in, sigfd,
		    res);
		argv_free(&claimed);
		if (!warm || !res->gate_failed || res->stop != STOP_NONE)
			return warm;
		run_result_free(res);
	}
}

/*
 * A warm container ends with its program and the engine removes it
 * (--rm): when the attach said how the program ended, no removal is
 * waited for. Anything else (a stop, an ambiguous status) is removed
 * as a cold run's container is.
 */
static int
removed_by_engine(const struct warm_run *wr, const struct run_result *res)
{
	return res->warm && wr->attach && !res->gate_failed &&
	    res->stop == STOP_NONE && res->spawn_errno == 0 &&
	    res->loop_errno == 0 && res->exited &&
	    !outcome_needs_inspect(res);
}

static int
run(const struct sbx_opts *o)
{
	struct container_id id;
	struct container_state st;
	struct run_input in;
	struct run_result res;
	struct outcome out;
	struct source src;
	struct argv argv = { 0 };
	struct engine engine;
	struct engine_session session;
	struct run_files files;
	struct sbx_opts in_dir = *o;
	struct buf header = { 0 };
	struct run_facts facts;
	struct warm_run wr;
	char why[1024], explanation[1024], later[160], *file = NULL;
	int sigfd, guard, inspected = 0, engine_failed, status, warm = 0;
	int removal, removed = 0, end_marks, handed;

	memset(&wr, 0, sizeof(wr));
	engine_from_opts(o, &engine);
	files_prepare(o, &files);
	if (files.host_file != NULL)
		in_dir.file = files.host_file;
	source_read(&in_dir, &src);
	if (o->validate) {
		struct findings f;

		scan(o, &src, &f);
		if (f.n > 0) {
			status = refuse(o, &src, &f);
			findings_free(&f);
			goto out;
		}
		findings_free(&f);
	}
	container_id_new(&id);
	if (o->warm > 0)
		warm_name_run(&id);
	/*
	 * A warm run can end at BOOT's end marks, before the engine has
	 * taken the container down (see handed below). A trailer brings
	 * the status anyway.
	 */
	end_marks = o->warm > 0 && files.trailer == NULL;
	build_header(o, &src, &files, end_marks, &header, &file);
	argv_build_run(&argv, o, &id, o->workspace != NULL ? files.workdir : NULL);
	if (o->dry_run) {
		argv_print_quoted(stdout, &argv);
		status = fflush(stdout) == 0 ? 0 : EXIT_CANCELED;
		goto out;
	}
	if ((sigfd = signals_install()) == -1)
		die("cannot set up signal handling; this is a bug, please report it");

	guard = guard_start(o, id.name);
	if (o->warm > 0)
		warm_begin(o, &engine, &argv, &wr);
	memset(&in, 0, sizeof(in));
	in.header = header.data;
	in.header_len = header.len;
	in.workspace = files.ws;
	in.trailer = files.trailer;
	in.code = src.code;
	in.code_len = files.sandbox_file != NULL ? 0 : src.len;
	in.stream_stdin = !src.from_stdin;
	in.end_nonce = end_marks ? files.nonce : NULL;
	engine_session_begin(&engine, &session);
	warm = run_somewhere(o, &engine, &argv, id.name, &in, sigfd, &wr, &res);
	engine_session_leave(&session);
	res.warm = warm;
	if (res.ended_early) {
		wr.linger_cli = res.linger_cli;
		wr.linger_out = res.linger_out;
		wr.linger_err = res.linger_err;
	}
	removed = removed_by_engine(&wr, &res);
	if (outcome_needs_inspect(&res)) {
		if (warm)
			res.warm_gone = warm_settle(&engine, &wr, id.name,
			    res.exit_code, res.duration_ms, &st,
			    &inspected, &removed);
		else
			inspected = engine_inspect(&engine, id.name, &st) == 0;
	}
	engine_session_end(&session, inspected ? &st : NULL);
	engine_failed = outcome_engine_failed(o, &res, inspected ? &st : NULL);
	facts.run = &res;
	facts.inspected = inspected ? &st : NULL;
	facts.files = &files;
	explanation[0] = '\0';
	if (engine_failed)
		engine_explain_failure(o, explanation, sizeof(explanation));
	facts.explanation = explanation;
	/* An engine that answered no kill in KILL_GRACE_MS is stuck: one
	 * short try, then the guard takes over. */
	if (res.engine_stuck)
		engine.query_ms = STUCK_QUERY_MS;
	snprintf(later, sizeof(later), "sbx's guard removes it once the engine "
	    "answers (it tries for %d minutes; after that, run 'sbx --gc')",
	    GUARD_ATTEMPTS * GUARD_RETRY_S / 60);
	/*
	 * Warm: the engine removes it (--rm), or its event log saw that. A
	 * claimed podman container outlives BOOT (its init is the waiter):
	 * after the end marks, the guard removes it while sbx exits.
	 */
	handed = res.ended_early && !wr.attach && guard != -1;
	removal = res.spawn_errno != 0 || removed || handed ? 0 :
	    engine_remove(&engine, id.name, !engine_failed,
	    guard != -1 ? later : NULL, why, sizeof(why));
	facts.removal_failed = removal != 0;
	facts.removal_why = why;
	outcome_decide(o, &facts, &out);
	if (removal == REMOVE_UNANSWERED || handed)
		guard_hand_over(guard);
	else
		guard_release(guard);

	if (o->json) {
		if (report_json(o, &res, &out, &files) == -1)
			out.exit_code = EXIT_CANCELED;
	} else
		report_flush(&res);
	report_skipped(o, &files);
	report_message(o, &out);
	if (o->stats)
		report_stats(&res, &files);
	if (o->warm > 0)
		warm_end(&engine, &wr);
	status = out.exit_code;
	run_result_free(&res);
out:
	files_free(&files);
	buf_free(&header);
	free(file);
	argv_free(&argv);
	source_free(&src);
	return status;
}

int
main(int argc, char **argv)
{
	struct sbx_opts opts;
	struct lang_table languages;
	char why[1024];
	int status;

	ensure_standard_fds();
	if (lang_table_load(&languages, why, sizeof(why)) == -1)
		die("%s; fix it (see sbx-languages(5)) and run again", why);
	cli_parse(argc, argv, &languages, &opts);
	switch (opts.mode) {
	case MODE_HELP:
		cli_usage();
		status = 0;
		break;
	case MODE_VERSION:
		printf("sbx %s\n", SBX_VERSION);
		status = 0;
		break;
	case MODE_LANGUAGES:
		status = report_languages(&languages);
		break;
	case MODE_GC:
		status = engine_gc(&opts);
		if (deps_gc(&opts) != 0)
			status = EXIT_CANCELED;
		break;
	case MODE_DOCTOR:
		status = doctor(&opts);
		break;
	case MODE_CHECK:
		status = check(&opts);
		break;
	case MODE_RUN:
	default:
		if (opts.deps_file != NULL && deps_prepare(&opts) == -1)
			status = EXIT_CANCELED;
		else
			status = run(&opts);
		break;
	}
	/* -e values may come with any action; LeakSanitizer counts them. */
	free(opts.env);
	lang_table_free(&languages);
	return status;
}

/*
 * sbx: run untrusted code in a hardened, throw-away container.
 *
 * The story of a run: options -> code -> (--validate scan) -> engine argv
 * -> run -> inspect (when the status is ambiguous) -> remove -> report ->
 * exit status.
 * Once the container may exist, every path goes through the removal.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "argv.h"
#include "check.h"
#include "cli.h"
#include "deps.h"
#include "doctor.h"
#include "engine.h"
#include "guard.h"
#include "id.h"
#include "lang.h"
#include "outcome.h"
#include "report.h"
#include "run.h"
#include "signals.h"
#include "source.h"
#include "util.h"
#include "validate.h"
#include "workdir.h"



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

	source_read(o, &src);
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
	memset(&out, 0, sizeof(out));
	out.status = "refused";
	out.exit_code = EXIT_REFUSED;
	snprintf(out.message, sizeof(out.message), "--validate refused the "
	    "code (%zu finding%s); nothing ran", f->n, f->n == 1 ? "" : "s");
	if (o->json) {
		buf_append(&res.err.data, text, len);
		if (report_json(o, &res, &out) == -1)
			out.exit_code = EXIT_CANCELED;
	} else
		(void)write_all(STDERR_FILENO, text, len);
	report_message(o, &out);
	run_result_free(&res);
	free(text);
	return out.exit_code;
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
	struct workdir wd;
	char why[1024];
	int sigfd, guard, private_dir, inspected = 0, status;

	source_read(o, &src);
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
	argv_build_run(&argv, o, &id, src.len, src.display_name);
	if (o->dry_run) {
		argv_print_quoted(stdout, &argv);
		status = fflush(stdout) == 0 ? 0 : EXIT_CANCELED;
		goto out;
	}
	if ((sigfd = signals_install()) == -1)
		die("cannot set up signal handling; this is a bug, please report it");

	guard = guard_start(o, id.name);
	in.code = src.code;
	in.code_len = src.len;
	in.stream_stdin = !src.from_stdin;
	private_dir = argv_engine_is_podman(o->engine) && workdir_enter(&wd) == 0;
	run_container(o, &argv, id.name, &in, sigfd, &res);
	if (private_dir)
		workdir_leave(&wd);

	if (outcome_needs_inspect(&res))
		inspected = engine_inspect(o, id.name, &st) == 0;
	if (private_dir) {
		if (inspected && workdir_saw_oom(&wd))
			st.oom_killed = 1;
		workdir_remove(&wd);
	}
	outcome_decide(o, &res, inspected ? &st : NULL, &out);
	if (out.engine_failed && out.message[0] == '\0')
		engine_explain_failure(o, out.message, sizeof(out.message));
	if (res.spawn_errno == 0 &&
	    engine_remove(o, id.name, !out.engine_failed, why, sizeof(why)) == -1 &&
	    !out.engine_failed) {
		/* The engine's failure, if any, has been explained already. */
		if (out.message[0] == '\0')
			snprintf(out.message, sizeof(out.message), "%s", why);
		else
			warnx_sbx("%s", why);
		out.exit_code = EXIT_CANCELED;
		out.status = "sandbox_error";
		out.hard = 1;
	}
	guard_release(guard);

	if (o->json) {
		if (report_json(o, &res, &out) == -1)
			out.exit_code = EXIT_CANCELED;
	} else
		report_flush(&res);
	report_message(o, &out);
	status = out.exit_code;
	run_result_free(&res);
out:
	argv_free(&argv);
	source_free(&src);
	return status;
}

int
main(int argc, char **argv)
{
	struct sbx_opts opts;
	int status;

	ensure_standard_fds();
	cli_parse(argc, argv, &opts);
	switch (opts.mode) {
	case MODE_HELP:
		cli_usage();
		return 0;
	case MODE_VERSION:
		printf("sbx %s\n", SBX_VERSION);
		return 0;
	case MODE_LANGUAGES:
		return report_languages();
	case MODE_GC:
		status = engine_gc(&opts);
		return deps_gc(&opts) == 0 ? status : EXIT_CANCELED;
	case MODE_DOCTOR:
		return doctor(&opts);
	case MODE_CHECK:
		return check(&opts);
	case MODE_RUN:
		break;
	}
	if (opts.deps_file != NULL && deps_prepare(&opts) == -1)
		return EXIT_CANCELED;
	status = run(&opts);
	free(opts.env);
	return status;
}

/*
 * Output that sbx itself produces. The program's bytes were streamed by
 * the run loop; what is left here is the unwritten tail, the one
 * diagnostic line, and the --json object (whose strings go through
 * json_put_string, so any bytes the program wrote yield valid JSON).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "json.h"
#include "lang.h"
#include "report.h"
#include "util.h"

static void
flush_stream(int fd, const struct stream_result *s)
{
	if (s->write_errno == 0 && buf_pending(&s->data) > 0)
		(void)write_all(fd, s->data.data + s->data.off,
		    buf_pending(&s->data));
}

void
report_flush(const struct run_result *r)
{
	flush_stream(STDOUT_FILENO, &r->out);
	flush_stream(STDERR_FILENO, &r->err);
}

void
report_message(const struct sbx_opts *o, const struct outcome *out)
{
	if (out->message[0] != '\0' && (out->hard || !o->quiet))
		warnx_sbx("%s", out->message);
}

static void
put_bool(FILE *f, const char *key, int value)
{
	fprintf(f, ",\"%s\":%s", key, value ? "true" : "false");
}

static void
put_string(FILE *f, const char *key, const char *value, size_t len)
{
	fprintf(f, ",\"%s\":", key);
	json_put_string(f, value, len);
}

int
report_json(const struct sbx_opts *o, const struct run_result *r,
    const struct outcome *out)
{
	const struct buf *so = &r->out.data, *se = &r->err.data;
	int success = strcmp(out->status, "ok") == 0;

	fprintf(stdout, "{\"success\":%s", success ? "true" : "false");
	fprintf(stdout, ",\"status\":\"%s\"", out->status);
	fprintf(stdout, ",\"exitCode\":%d", out->exit_code);
	if (out->signal != 0)
		fprintf(stdout, ",\"signal\":%d", out->signal);
	else
		fputs(",\"signal\":null", stdout);
	put_string(stdout, "stdout", so->data ? so->data + so->off : "",
	    buf_pending(so));
	put_string(stdout, "stderr", se->data ? se->data + se->off : "",
	    buf_pending(se));
	fprintf(stdout, ",\"durationMs\":%llu",
	    (unsigned long long)r->duration_ms);
	put_bool(stdout, "timedOut", out->timed_out);
	put_bool(stdout, "oomKilled", out->oom_killed);
	put_bool(stdout, "outputTruncated", r->out.truncated || r->err.truncated);
	put_bool(stdout, "stdoutTruncated", r->out.truncated);
	put_bool(stdout, "stderrTruncated", r->err.truncated);
	put_string(stdout, "language", o->lang->name, strlen(o->lang->name));
	put_string(stdout, "image", o->image, strlen(o->image));
	if (out->message[0] != '\0')
		put_string(stdout, "message", out->message, strlen(out->message));
	else
		fputs(",\"message\":null", stdout);
	fputs("}\n", stdout);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : -1;
}

int
report_languages(void)
{
	const struct lang *l;
	size_t i, j;

	printf("%-8s %-20s %-8s %s\n", "LANGUAGE", "IMAGE", "COMMAND", "ALIASES");
	for (i = 0; (l = lang_at(i)) != NULL; i++) {
		printf("%-8s %-20s %-8s", l->name, l->image, l->stream_command[0]);
		for (j = 0; l->aliases[j] != NULL; j++)
			printf("%s%s", j ? "," : " ", l->aliases[j]);
		putchar('\n');
	}
	return fflush(stdout) == 0 ? 0 : EXIT_CANCELED;
}

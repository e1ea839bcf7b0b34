/*
 * Output that sbx itself produces. The program's bytes were streamed by
 * the run loop; what is left here is the unwritten tail, the one
 * diagnostic line, and the --json object (whose strings go through
 * json_put_string, so any bytes the program wrote yield valid JSON).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "files.h"
#include "json.h"
#include "lang.h"
#include "outfiles.h"
#include "parse.h"
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
	if (out->note[0] != '\0' && (out->hard || !o->quiet))
		warnx_sbx("%s", out->note);
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

static void
put_files(FILE *f, const struct run_files *files)
{
	const struct outfiles_result *r = outfiles_result(files->out);
	size_t i;

	fputs(",\"files\":[", f);
	for (i = 0; i < r->nfiles; i++) {
		fputs(i ? ",{\"path\":" : "{\"path\":", f);
		json_put_string(f, r->files[i].path, strlen(r->files[i].path));
		fprintf(f, ",\"size\":%llu}", (unsigned long long)r->files[i].size);
	}
	fputs("]", f);
	put_bool(f, "filesTruncated", r->truncated || r->damaged);
	fputs(",\"filesSkipped\":[", f);
	for (i = 0; i < r->nskipped; i++) {
		fputs(i ? ",{\"path\":" : "{\"path\":", f);
		json_put_string(f, r->skipped[i].path, strlen(r->skipped[i].path));
		fputs(",\"reason\":", f);
		json_put_string(f, r->skipped[i].why, strlen(r->skipped[i].why));
		fputs("}", f);
	}
	fputs("]", f);
}

static void
put_facts(FILE *f, const struct trailer_facts *t)
{
	if (t != NULL && t->have_cpu)
		fprintf(f, ",\"cpuMs\":%llu",
		    (unsigned long long)(t->cpu_ns / 1000000));
	else
		fputs(",\"cpuMs\":null", f);
	if (t != NULL && t->have_mem)
		fprintf(f, ",\"memoryPeakBytes\":%llu",
		    (unsigned long long)t->mem_bytes);
	else
		fputs(",\"memoryPeakBytes\":null", f);
}

void
report_stats(const struct run_result *r, const struct run_files *files)
{
	const struct trailer_facts *t = files != NULL ? files_facts(files) : NULL;
	char cpu[32] = "-", mem[32] = "-";

	if (t != NULL && t->have_cpu)
		snprintf(cpu, sizeof(cpu), "%llu.%03llus",
		    (unsigned long long)(t->cpu_ns / 1000000000),
		    (unsigned long long)(t->cpu_ns / 1000000 % 1000));
	if (t != NULL && t->have_mem)
		format_size(t->mem_bytes, mem, sizeof(mem));
	warnx_sbx("wall %llu.%03llus, cpu %s, peak memory %s",
	    (unsigned long long)(r->duration_ms / 1000),
	    (unsigned long long)(r->duration_ms % 1000), cpu, mem);
}

/* A name as bytes may hold newlines and escapes: shown C-escaped. */
static void
escape_name(const char *s, char *out, size_t len)
{
	size_t n = 0;

	for (; *s != '\0' && n + 5 < len; s++) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x20 || c == 0x7f || c == '\\')
			n += (size_t)snprintf(out + n, len - n, "\\%03o", c);
		else
			out[n++] = (char)c;
	}
	out[n] = '\0';
}

void
report_skipped(const struct sbx_opts *o, const struct run_files *files)
{
	const struct outfiles_result *r;
	char name[512];
	size_t i;

	if (files == NULL || files->out == NULL || o->quiet)
		return;
	r = outfiles_result(files->out);
	for (i = 0; i < r->nskipped; i++) {
		escape_name(r->skipped[i].path, name, sizeof(name));
		warnx_sbx("not brought back from $SBX_OUT: '%s': %s", name,
		    r->skipped[i].why);
	}
	if (r->skipped_total > r->nskipped)
		warnx_sbx("... and %llu more entries not brought back",
		    (unsigned long long)(r->skipped_total - r->nskipped));
}

int
report_json(const struct sbx_opts *o, const struct run_result *r,
    const struct outcome *out, const struct run_files *files)
{
	const struct buf *so = &r->out.data, *se = &r->err.data;
	int success = out->status == RUN_OK;

	fprintf(stdout, "{\"success\":%s", success ? "true" : "false");
	fprintf(stdout, ",\"status\":\"%s\"", run_status_name(out->status));
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
	put_facts(stdout, files != NULL ? files_facts(files) : NULL);
	if (files != NULL && files->out != NULL)
		put_files(stdout, files);
	if (out->message[0] != '\0')
		put_string(stdout, "message", out->message, strlen(out->message));
	else
		fputs(",\"message\":null", stdout);
	fputs("}\n", stdout);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : -1;
}

int
report_languages(const struct lang_table *t)
{
	size_t i, j;

	printf("%-12s %-24s %-8s %-20s %s\n", "LANGUAGE", "IMAGE", "KIND",
	    "ALIASES", "FROM");
	for (i = 0; i < t->n; i++) {
		const struct lang *l = &t->v[i];
		char aliases[256] = "-";
		size_t n = 0;

		for (j = 0; l->aliases[j] != NULL && n < sizeof(aliases); j++)
			n += (size_t)snprintf(aliases + n, sizeof(aliases) - n,
			    "%s%s", j ? "," : "", l->aliases[j]);
		printf("%-12s %-24s %-8s %-20s %s\n", l->name, l->image,
		    lang_kind_name(l->kind), aliases, l->origin);
	}
	return fflush(stdout) == 0 ? 0 : EXIT_CANCELED;
}

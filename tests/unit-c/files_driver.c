/*
 * A driver for the file transfer modules, for tests/unit/files.bats:
 *   pack DIR CAP [GLOB...]         the workspace tar of DIR on stdout
 *   unpack DIR MAXBYTES MAXFILES   extract the tar on stdin into DIR
 *   scan NONCE DIR|- MAXSPOOL      stdout scanner over stdin: program
 *                                  output on stdout, facts on stderr
 * Input is read in odd-sized chunks so every split is exercised.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../src/outfiles.h"
#include "../../src/trailer.h"
#include "../../src/util.h"
#include "../../src/workspace.h"

static void
print_result(const struct outfiles_result *r)
{
	size_t i;

	for (i = 0; i < r->nfiles; i++)
		fprintf(stderr, "file %s %llu\n", r->files[i].path,
		    (unsigned long long)r->files[i].size);
	for (i = 0; i < r->nskipped; i++)
		fprintf(stderr, "skip %s %c %s\n", r->skipped[i].path,
		    r->skipped[i].type ? r->skipped[i].type : '0',
		    r->skipped[i].why);
	if (r->truncated)
		fprintf(stderr, "truncated %s\n", r->note);
	if (r->damaged)
		fprintf(stderr, "damaged %s\n", r->note);
}

static void
emit(void *ctx, const char *p, size_t n)
{
	(void)ctx;
	if (write_all(STDOUT_FILENO, p, n) == -1)
		exit(3);
}

int
main(int argc, char **argv)
{
	static char buf[70000];
	char why[1024];
	size_t sizes[] = { 1, 7, 43, 44, 45, 511, 512, 513, 4096, 65536 };
	size_t k = 0, n;
	ssize_t got;

	if (argc >= 4 && strcmp(argv[1], "pack") == 0) {
		struct workspace *ws;

		if (workspace_open(argv[2], (const char *const *)argv + 4,
		    (size_t)argc - 4, strtoull(argv[3], NULL, 10), &ws, why,
		    sizeof(why)) == -1) {
			fprintf(stderr, "sbx: %s\n", why);
			return 125;
		}
		fprintf(stderr, "size %llu\n",
		    (unsigned long long)workspace_size(ws));
		while ((n = workspace_read(ws, buf, sizes[k++ % 10])) > 0)
			if (write_all(STDOUT_FILENO, buf, n) == -1)
				return 3;
		workspace_close(ws);
		return 0;
	}
	if (argc == 5 && strcmp(argv[1], "unpack") == 0) {
		struct outfiles *o;

		if (outfiles_open(argv[2], strtoull(argv[3], NULL, 10),
		    strtoull(argv[4], NULL, 10), &o, why, sizeof(why)) == -1) {
			fprintf(stderr, "sbx: %s\n", why);
			return 125;
		}
		while ((got = read(STDIN_FILENO, buf, sizes[k++ % 10])) > 0)
			outfiles_feed(o, buf, (size_t)got);
		outfiles_finish(o);
		print_result(outfiles_result(o));
		outfiles_close(o);
		return 0;
	}
	if (argc == 5 && strcmp(argv[1], "scan") == 0) {
		struct outfiles *o = NULL;
		const struct trailer_facts *f;
		struct trailer *t;

		if (strcmp(argv[3], "-") != 0 && outfiles_open(argv[3],
		    1 << 30, 100000, &o, why, sizeof(why)) == -1) {
			fprintf(stderr, "sbx: %s\n", why);
			return 125;
		}
		t = trailer_new(argv[2], strtoull(argv[4], NULL, 10), o);
		while ((got = read(STDIN_FILENO, buf, getenv("CHUNK") ? 65536 :
		    sizes[k++ % 10])) > 0) {
			if (trailer_scan(t, buf, (size_t)got, emit, NULL) == -1)
				return 4;
			/* Replay a little at a time, as the run loop does. */
			if ((n = trailer_replay(t, buf, 100)) > 0)
				emit(NULL, buf, n);
		}
		trailer_end(t, emit, NULL);
		while ((n = trailer_replay(t, buf, sizeof(buf))) > 0)
			emit(NULL, buf, n);
		f = trailer_facts(t);
		fprintf(stderr, "found=%d cpu=%d:%llu mem=%d:%llu status=%d:%d "
		    "bad64=%d lost=%d\n", f->found, f->have_cpu,
		    (unsigned long long)f->cpu_ns, f->have_mem,
		    (unsigned long long)f->mem_bytes, f->have_status, f->status,
		    f->bad_base64, f->lost_output);
		if (o != NULL) {
			print_result(outfiles_result(o));
			outfiles_close(o);
		}
		trailer_free(t);
		return 0;
	}
	fprintf(stderr, "usage: files_driver pack|unpack|scan ...\n");
	return 2;
}

/*
 * The -o reader on a hostile ustar stream: the input is the archive, fed
 * in odd-sized pieces. Besides the sanitizers, outdir.c proves that
 * nothing is made outside DIR and that only files and directories are;
 * here, every file the result lists is a regular file in DIR now, and
 * the caps hold.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <string.h>

#include "../../src/outfiles.h"
#include "fuzz.h"
#include "outdir.h"

#define MAX_BYTES	(1U << 20)
#define MAX_FILES	64

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t sizes[] = { 1, 7, 43, 511, 512, 513, 4096 };
	const struct outfiles_result *r;
	const char *dir = outdir_begin();
	struct outfiles *o;
	struct stat st;
	char why[1024], path[8192];
	size_t off = 0, k = 0, n, i;

	FUZZ_ASSERT(outfiles_open(dir, MAX_BYTES, MAX_FILES, &o, why,
	    sizeof(why)) == 0, "outfiles_open: %s", why);
	while (off < size) {
		n = sizes[k++ % (sizeof(sizes) / sizeof(sizes[0]))];
		n = n < size - off ? n : size - off;
		outfiles_feed(o, (const char *)data + off, n);
		off += n;
	}
	outfiles_finish(o);
	r = outfiles_result(o);
	FUZZ_ASSERT(r->bytes <= MAX_BYTES, "%llu bytes past the cap",
	    (unsigned long long)r->bytes);
	FUZZ_ASSERT(r->nfiles <= MAX_FILES, "%zu files past the cap",
	    r->nfiles);
	for (i = 0; i < r->nfiles; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, r->files[i].path);
		FUZZ_ASSERT(lstat(path, &st) == 0 && S_ISREG(st.st_mode),
		    "listed '%s' is not a file in DIR", r->files[i].path);
	}
	outfiles_close(o);
	outdir_end();
	return 0;
}

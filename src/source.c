/*
 * Reading the code. It is read whole (up to MAX_CODE_SIZE) because its
 * size goes on the container's command line: the in-container bootstrap
 * reads exactly that many bytes, and whatever follows on the same stdin
 * belongs to the program.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lang.h"
#include "source.h"
#include "util.h"

void
source_read(const struct sbx_opts *o, struct source *s)
{
	int fd = STDIN_FILENO;

	memset(s, 0, sizeof(*s));
	s->from_stdin = o->file == NULL || strcmp(o->file, "-") == 0;
	s->display_name = s->from_stdin ? o->lang->stdin_name : o->file;
	if (!s->from_stdin &&
	    (fd = open(o->file, O_RDONLY | O_CLOEXEC | O_NOCTTY)) == -1)
		die("cannot open '%s': %s", o->file, strerror(errno));
	if (read_all(fd, MAX_CODE_SIZE, &s->code, &s->len) == -1) {
		if (errno == EFBIG)
			die("'%s' is larger than %u MiB; sbx runs source code, "
			    "pass data on stdin instead", s->display_name,
			    MAX_CODE_SIZE >> 20);
		die("cannot read '%s': %s", s->from_stdin ? "stdin" : o->file,
		    strerror(errno));
	}
	if (fd != STDIN_FILENO)
		close(fd);
}

void
source_map(const struct sbx_opts *o, struct source *s)
{
	struct stat st;
	void *p;
	int fd, flags = MAP_PRIVATE;

	if (o->file == NULL || strcmp(o->file, "-") == 0 ||
	    (fd = open(o->file, O_RDONLY | O_CLOEXEC | O_NOCTTY)) == -1) {
		source_read(o, s);	/* it says why a file cannot be opened */
		return;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (uintmax_t)st.st_size > MAX_CODE_SIZE) {
		close(fd);
		source_read(o, s);
		return;
	}
#ifdef MAP_POPULATE
	flags |= MAP_POPULATE;	/* one fault for the whole file */
#endif
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, flags, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		source_read(o, s);
		return;
	}
	memset(s, 0, sizeof(*s));
	s->display_name = o->file;
	s->code = p;
	s->len = (size_t)st.st_size;
	s->mapped = 1;
}

void
source_free(struct source *s)
{
	if (s->mapped)
		munmap(s->code, s->len);
	else
		free(s->code);
	memset(s, 0, sizeof(*s));
}

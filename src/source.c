/*
 * Reading the code. It is read whole (up to MAX_CODE_SIZE) because its
 * size goes on the container's command line: the in-container bootstrap
 * reads exactly that many bytes, and whatever follows on the same stdin
 * belongs to the program.
 */
#include <errno.h>
#include <fcntl.h>
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
source_free(struct source *s)
{
	free(s->code);
	memset(s, 0, sizeof(*s));
}

/* The code to run: read whole from FILE or stdin before anything starts. */
#ifndef SBX_SOURCE_H
#define SBX_SOURCE_H

#include <stddef.h>

#include "sbx.h"

struct source {
	char		*code;
	size_t		 len;
	const char	*display_name;	/* as the caller named it */
	int		 from_stdin;	/* then the program's stdin is empty */
	int		 mapped;	/* code is a read-only mapping of the file */
};

/* Fills *s or prints why not and exits 125 (no container exists yet). */
void	source_read(const struct sbx_opts *, struct source *);
/*
 * The same for code that is only read (--check): a regular file is mapped
 * rather than copied, so code is not NUL-terminated. A file truncated
 * while it is scanned ends the scan with SIGBUS, as with grep -mmap.
 */
void	source_map(const struct sbx_opts *, struct source *);
void	source_free(struct source *);

#endif

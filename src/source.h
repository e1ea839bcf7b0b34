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
};

/* Fills *s or prints why not and exits 125 (no container exists yet). */
void	source_read(const struct sbx_opts *, struct source *);
void	source_free(struct source *);

#endif

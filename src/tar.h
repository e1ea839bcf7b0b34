/* A minimal ustar writer: regular files with short names, into memory. */
#ifndef SBX_TAR_H
#define SBX_TAR_H

#include <stddef.h>

#include "buf.h"

/* Append one regular file (name shorter than 100 bytes, owner root,
 * mtime 0 so the archive depends only on the contents). */
void	tar_add(struct buf *, const char *name, unsigned mode, const void *,
	    size_t);
/* The two zero blocks that end an archive. */
void	tar_end(struct buf *);

#endif

/*
 * The end mark of a warm run: after the program, BOOT writes
 * "\001SBX<nonce>END<status>\001" on stdout and on stderr, so that sbx
 * knows the program's end and status without waiting for the engine to
 * take the container down (run.c, warm.c).
 */
#ifndef SBX_ENDMARK_H
#define SBX_ENDMARK_H

#include <stddef.h>

#include "trailer.h"

/* "\001SBX", the nonce, "END": what comes before the status. */
#define ENDMARK_PREFIX_LEN	(1 + 3 + TRAILER_NONCE_LEN + 3)

struct endmark {
	char	 prefix[ENDMARK_PREFIX_LEN + 1];
	size_t	 matched;	/* prefix bytes held back */
	char	 digits[3];	/* status digits held back */
	size_t	 ndigits;
	int	 seen;		/* a whole mark went by */
	int	 status;	/* ... and the status it carried */
};

typedef void	(*endmark_emit)(void *ctx, const char *, size_t);

void	endmark_init(struct endmark *, const char *nonce);
/*
 * The next bytes of a stream: the program's go to emit, in order, but a
 * possible start of a mark is held back until the bytes after it show
 * what it is. Once a mark has gone by, the rest is dropped: only a
 * program that printed the mark itself writes after one, and it ended
 * its own run's output there.
 */
void	endmark_scan(struct endmark *, const char *, size_t, endmark_emit,
	    void *ctx);
/* EOF: what is held back was the program's. */
void	endmark_flush(struct endmark *, endmark_emit, void *ctx);

#endif

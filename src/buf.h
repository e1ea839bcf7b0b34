/* A byte buffer with a read offset: pending output, or captured output. */
#ifndef SBX_BUF_H
#define SBX_BUF_H

#include <stddef.h>

struct buf {
	char	*data;
	size_t	 off;		/* consumed up to here */
	size_t	 len;		/* filled up to here */
	size_t	 cap;
};

/* Make room for at least n more bytes at data + len. */
void	buf_reserve(struct buf *, size_t n);
void	buf_append(struct buf *, const void *, size_t);
/* Drop n consumed bytes; reclaims the space once all are consumed. */
void	buf_consume(struct buf *, size_t n);
size_t	buf_pending(const struct buf *);
void	buf_free(struct buf *);

#endif

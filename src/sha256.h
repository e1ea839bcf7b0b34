/* SHA-256 (FIPS 180-4): the content hash that names dependency images. */
#ifndef SBX_SHA256_H
#define SBX_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t	state[8];
	uint64_t	bytes;		/* message length so far */
	unsigned char	block[64];
	size_t		used;		/* bytes waiting in block */
};

void	sha256_init(struct sha256 *);
void	sha256_update(struct sha256 *, const void *, size_t);
/* The digest as 64 lowercase hex digits and a NUL. */
void	sha256_hex(struct sha256 *, char out[65]);

#endif

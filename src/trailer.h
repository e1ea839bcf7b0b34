/* The program's stdout, with BOOT's trailer (facts, files) taken off its end. */
#ifndef SBX_TRAILER_H
#define SBX_TRAILER_H

#include <stddef.h>
#include <stdint.h>

#define TRAILER_NONCE_LEN	32

struct outfiles;

/* What BOOT measured; each "have" is 0 when it wrote "-" or no trailer came. */
struct trailer_facts {
	int		 found;		/* a well-formed trailer ended stdout */
	int		 have_cpu, have_mem, have_status;
	uint64_t	 cpu_ns;
	uint64_t	 mem_bytes;
	int		 status;
	int		 bad_base64;	/* the files part was not base64 */
	int		 lost_output;	/* program output past the spool cap */
};

/* Confirmed program output, in order. */
typedef void	(*trailer_emit)(void *ctx, const char *, size_t);

struct trailer;

/*
 * nonce: the run's 32 hex characters. spool_max bounds the bytes kept
 * after a marker (a trailer is never larger). files: where the trailer's
 * ustar goes, or NULL when -o was not given.
 */
struct trailer *trailer_new(const char *nonce, uint64_t spool_max,
	    struct outfiles *files);
/* Scan the next bytes of stdout; program output goes to emit (possibly
 * later, through trailer_replay). -1 when the spool cannot be written. */
int	trailer_scan(struct trailer *, const char *, size_t, trailer_emit,
	    void *ctx);
/* Program output held in the spool, up to len bytes into buf: how many. */
size_t	trailer_replay(struct trailer *, char *buf, size_t len);
/* EOF: the last marker's bytes are the trailer; read its facts, extract
 * its files. Output still to replay stays available. */
void	trailer_end(struct trailer *, trailer_emit, void *ctx);
const struct trailer_facts *trailer_facts(const struct trailer *);
void	trailer_free(struct trailer *);

/* The marker for a nonce: "\001SBX<nonce>TRAILER\001", NUL-terminated. */
#define TRAILER_MARKER_LEN	(1 + 3 + TRAILER_NONCE_LEN + 7 + 1)
void	trailer_marker(const char *nonce, char out[TRAILER_MARKER_LEN + 1]);

#endif

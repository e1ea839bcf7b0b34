/* -o DIR: extracting the sandbox's hostile ustar into DIR, and nowhere else. */
#ifndef SBX_OUTFILES_H
#define SBX_OUTFILES_H

#include <stddef.h>
#include <stdint.h>

struct outfile {
	char		*path;		/* relative to DIR, bytes as they came */
	uint64_t	 size;
	char		 type;		/* skipped entries: the tar type flag */
	const char	*why;		/* skipped entries: the reason */
};

struct outfiles_result {
	struct outfile	*files;		/* what is now in DIR, in order */
	size_t		 nfiles, files_cap;
	struct outfile	*skipped;	/* entries not written, up to MAX_SKIPPED */
	size_t		 nskipped, skipped_cap;
	uint64_t	 skipped_total;
	uint64_t	 bytes;
	int		 truncated;	/* a cap was reached: the rest was dropped */
	int		 damaged;	/* the archive was cut short or malformed */
	char		 note[256];	/* why truncated or damaged */
};

struct outfiles;

/* Create DIR if missing (not its parents) and open it: 0, or -1 and why. */
int	outfiles_open(const char *dir, uint64_t max_bytes, uint64_t max_files,
	    struct outfiles **, char *why, size_t whylen);
/* The next bytes of the tar stream, any split. */
void	outfiles_feed(struct outfiles *, const char *, size_t);
/* The stream ended: a file still open is removed and the archive damaged. */
void	outfiles_finish(struct outfiles *);
/* The stream is known bad (not base64, ...): stop, a partial file removed. */
void	outfiles_fail(struct outfiles *, const char *why);
const struct outfiles_result *outfiles_result(const struct outfiles *);
void	outfiles_close(struct outfiles *);

#endif

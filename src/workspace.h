/* -C DIR: the workspace as one ustar stream, measured before anything starts. */
#ifndef SBX_WORKSPACE_H
#define SBX_WORKSPACE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct workspace;

/*
 * Walk DIR once: every regular file, directory and symlink that stays
 * inside DIR, less VCS folders and the excludes (fnmatch against the
 * relative path and against the basename). 0 and *ws, or -1 with one line
 * in why (naming the file and the limit): too big for cap (the size of
 * the tar), unreadable, a device, FIFO or socket, a symlink out of DIR, a
 * name ustar cannot hold.
 */
int	workspace_open(const char *dir, const char *const *excludes,
	    size_t nexcludes, uint64_t cap, struct workspace **ws,
	    char *why, size_t whylen);
/* The exact size of the tar workspace_read() produces. */
uint64_t workspace_size(const struct workspace *);
uint64_t workspace_files(const struct workspace *);
/*
 * The next bytes of the tar, at most len: >0, or 0 at its end. Never
 * fails: a file that changed since it was measured is cut or padded
 * with zeros to its measured size, with one warning, so the stream
 * stays exactly workspace_size() bytes long.
 */
size_t	workspace_read(struct workspace *, char *buf, size_t len);
void	workspace_close(struct workspace *);

#endif

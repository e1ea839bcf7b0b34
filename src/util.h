/* Small helpers every module shares: dying allocators and exact I/O. */
#ifndef SBX_UTIL_H
#define SBX_UTIL_H

#include <stddef.h>
#include <sys/types.h>

void	*xmalloc(size_t);
void	*xrealloc(void *, size_t);
char	*xstrdup(const char *);
/*
 * Room for element n of a growing array of `size`-byte elements: when n
 * reaches *cap, the array doubles (from 8). Returns the array, moved or not.
 */
void	*xgrow(void *, size_t n, size_t *cap, size_t size);

/*
 * s as one line of text in out (at most len - 1 bytes, NUL-terminated,
 * cut at a whole character): newline, CR and tab as \n \r \t, other
 * control bytes (C0, DEL, C1) and bytes that are not valid UTF-8 as \xHH.
 */
void	 escape_line(const char *s, char *out, size_t len);
/* Print "sbx: MESSAGE" to stderr, MESSAGE through escape_line(): always
 * one line. The message says what to do next. */
void	 warnx_sbx(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Same, then exit(125): only for errors before a container exists. */
void	 die(const char *, ...) __attribute__((noreturn, format(printf, 1, 2)));

int	 set_nonblock(int);
int	 set_cloexec(int);
/* Does s begin with prefix? */
int	 starts_with(const char *s, const char *prefix);
/* The first non-blank line of text, trimmed, in out (at most len - 1 bytes). */
void	 first_line(const char *text, char *out, size_t len);
/* pipe(2) with both ends close-on-exec. */
int	 cloexec_pipe(int[2]);
/* write(2) until done or a real error; retries EINTR and short writes. */
int	 write_all(int, const void *, size_t);
/* Read a whole descriptor into a malloc'd buffer (NUL-terminated);
 * fails with EFBIG past max bytes. */
int	 read_all(int, size_t max, char **, size_t *);

#endif

/*
 * Allocation wrappers that never return NULL (sbx cannot do anything
 * useful without memory, and every caller would only print and exit),
 * the one place diagnostics are formatted, and descriptor helpers that
 * hide EINTR and short transfers.
 */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "json.h"
#include "sbx.h"
#include "util.h"

void
escape_line(const char *s, char *out, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t o = 0, n, avail = strlen(s);

	if (len == 0)
		return;
	while (*p != '\0') {
		char esc[8];

		n = utf8_sequence_length(p, avail);
		/* U+0080..U+009F are C1 controls (0xc2 0x80..0x9f). */
		if (n == 0 || *p < 0x20 || *p == 0x7f ||
		    (n == 2 && p[0] == 0xc2 && p[1] < 0xa0)) {
			if (*p == '\n')
				snprintf(esc, sizeof(esc), "\\n");
			else if (*p == '\r')
				snprintf(esc, sizeof(esc), "\\r");
			else if (*p == '\t')
				snprintf(esc, sizeof(esc), "\\t");
			else
				snprintf(esc, sizeof(esc), "\\x%02x", *p);
			n = strlen(esc);
			if (o + n >= len)
				break;
			memcpy(out + o, esc, n);
			o += n;
			p++;
			avail--;
			continue;
		}
		if (o + n >= len)
			break;
		memcpy(out + o, p, n);
		o += n;
		p += n;
		avail -= n;
	}
	out[o] = '\0';
}

/* clang's -Wformat-nonliteral needs to know fmt is a format, too. */
static void	vwarn_sbx(const char *, va_list)
		    __attribute__((format(printf, 1, 0)));

static void
vwarn_sbx(const char *fmt, va_list ap)
{
	char line[4096], shown[4 * sizeof(line)];

	vsnprintf(line, sizeof(line), fmt, ap);
	/*
	 * Messages echo what callers typed and what engines said: a value
	 * with a newline or a terminal escape must not make the one line
	 * the man page promises into two, or into a terminal command.
	 */
	escape_line(line, shown, sizeof(shown));
	/* One write so parallel runs sharing a terminal do not interleave. */
	dprintf(STDERR_FILENO, "sbx: %s\n", shown);
}

void
warnx_sbx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn_sbx(fmt, ap);
	va_end(ap);
}

void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn_sbx(fmt, ap);
	va_end(ap);
	exit(EXIT_CANCELED);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		die("out of memory (%zu bytes)", n);
	return p;
}

void *
xrealloc(void *old, size_t n)
{
	void *p = realloc(old, n ? n : 1);

	if (p == NULL)
		die("out of memory (%zu bytes)", n);
	return p;
}

void *
xgrow(void *array, size_t n, size_t *cap, size_t size)
{
	size_t want;

	if (n < *cap)
		return array;
	want = *cap ? *cap * 2 : 8;
	if (want < *cap || want > SIZE_MAX / size)
		die("out of memory (%zu elements)", *cap);
	*cap = want;
	return xrealloc(array, want * size);
}

char *
xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

int
set_nonblock(int fd)
{
	int flags = fcntl(fd, F_GETFL);

	if (flags == -1)
		return -1;
	return fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

int
set_cloexec(int fd)
{
	int flags = fcntl(fd, F_GETFD);

	if (flags == -1)
		return -1;
	return fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
}

void
first_line(const char *text, char *out, size_t len)
{
	size_t n;

	text += strspn(text, " \t\r\n");
	n = strcspn(text, "\r\n");
	while (n > 0 && isspace((unsigned char)text[n - 1]))
		n--;
	if (n >= len)
		n = len - 1;
	memcpy(out, text, n);
	out[n] = '\0';
}

int
cloexec_pipe(int fds[2])
{
	if (pipe(fds) == -1)
		return -1;
	if (set_cloexec(fds[0]) == -1 || set_cloexec(fds[1]) == -1) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	return 0;
}

int
write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
read_all(int fd, size_t max, char **out, size_t *outlen)
{
	size_t cap = 8192, len = 0;
	struct stat st;
	char *buf;

	/* A file's size, when it has one, saves growing the buffer step by
	 * step: one allocation, no copies (the size is only a hint). */
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
		cap = (uintmax_t)st.st_size < max ? (size_t)st.st_size + 1 : max;
	buf = xmalloc(cap + 1);

	for (;;) {
		ssize_t n;

		if (len == cap) {
			if (cap >= max) {
				free(buf);
				errno = EFBIG;
				return -1;
			}
			cap = cap * 2 > max ? max : cap * 2;
			buf = xrealloc(buf, cap + 1);
		}
		n = read(fd, buf + len, cap - len);
		if (n == 0)
			break;
		if (n == -1) {
			if (errno == EINTR)
				continue;
			free(buf);
			return -1;
		}
		len += (size_t)n;
	}
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	return 0;
}

int
starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

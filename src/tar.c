/*
 * ustar (POSIX.1-1988) for build contexts sbx writes itself: the engine
 * gets the context over the CLI's stdin, so nothing on the host's disk
 * needs to be visible to it (a remote engine works the same). Only what
 * sbx generates goes in, so regular files with short names are enough.
 */
#include <stdio.h>
#include <string.h>

#include "tar.h"
#include "util.h"

#define TAR_BLOCK	512

static void
octal(char *field, size_t width, unsigned long long value)
{
	snprintf(field, width, "%0*llo", (int)width - 1, value);
}

void
tar_add(struct buf *b, const char *name, unsigned mode, const void *data,
    size_t len)
{
	char h[TAR_BLOCK];
	unsigned sum = 0;
	size_t i, pad;

	if (strlen(name) >= 100)
		die("internal error: tar name '%s' is too long", name);
	memset(h, 0, sizeof(h));
	memcpy(h, name, strlen(name));
	octal(h + 100, 8, mode & 07777);
	octal(h + 108, 8, 0);
	octal(h + 116, 8, 0);
	octal(h + 124, 12, len);
	octal(h + 136, 12, 0);
	h[156] = '0';
	memcpy(h + 257, "ustar", 6);
	memcpy(h + 263, "00", 2);
	memcpy(h + 265, "root", 4);
	memcpy(h + 297, "root", 4);
	memset(h + 148, ' ', 8);
	for (i = 0; i < sizeof(h); i++)
		sum += (unsigned char)h[i];
	snprintf(h + 148, 8, "%06o", sum);
	buf_append(b, h, sizeof(h));
	buf_append(b, data, len);
	pad = (TAR_BLOCK - len % TAR_BLOCK) % TAR_BLOCK;
	memset(h, 0, sizeof(h));
	buf_append(b, h, pad);
}

void
tar_end(struct buf *b)
{
	char zero[2 * TAR_BLOCK];

	memset(zero, 0, sizeof(zero));
	buf_append(b, zero, sizeof(zero));
}

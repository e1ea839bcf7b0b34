/*
 * The in-container bootstrap: one POSIX sh script that every run's
 * container executes, and the header sbx sends it over stdin.
 */
#ifndef SBX_BOOT_H
#define SBX_BOOT_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "lang.h"

/* The script; the container command is: sh -c BOOT_SCRIPT sbx-boot */
extern const char	boot_script[];

#define BOOT_NAME	"sbx-boot"
#define BOOT_NONCE_LEN	32
/* Where compiled programs go: the only writable tmpfs that allows exec. */
#define BOOT_BIN_DIR	"/sbx/bin"
/* $SBX_OUT in the sandbox, with -o. */
#define BOOT_OUT_DIR	"/sbx/out"
/* Without -C the program runs here, on the /tmp tmpfs. */
#define BOOT_DEFAULT_WORKDIR "/tmp"

enum boot_flag {
	BOOT_TRAILER	= 1 << 0,	/* facts (and files) after the program */
	BOOT_COLLECT_OUT = 1 << 1,	/* the trailer carries $SBX_OUT */
	BOOT_END_MARKS	= 1 << 2,	/* end marks after the program (endmark.h) */
};

/* Everything one run tells the bootstrap. */
struct boot_request {
	char		 nonce[BOOT_NONCE_LEN + 1];
	unsigned	 flags;		/* enum boot_flag */
	unsigned	 hard_secs;	/* in-container backstop, 0: none */
	uint64_t	 workspace_bytes;	/* ustar that follows the header */
	size_t		 code_bytes;	/* code that follows the workspace */
	enum lang_kind	 kind;
	const char	*workdir;	/* the program's working directory */
	/* LANG_STREAM: the display name; else where the code is written,
	 * relative to workdir or absolute. */
	const char	*file;
	const char	*bin;		/* LANG_COMPILE: the program built */
	const struct lang *lang;
	char *const	*args;
	size_t		 nargs;
};

/*
 * Where code that is written to a file goes for a display name: the
 * name itself when it is a plain relative path (so compiler messages
 * say "src/app.c" as the caller typed it), else its last component.
 * Returns a new string.
 */
char	*boot_file_for(const char *display_name);

/*
 * Append the header for r to b. Fails (-1, errno EINVAL) only when a
 * word holds a NUL byte, which no argv can carry.
 */
int	boot_header(const struct boot_request *r, struct buf *b);

#endif

/* Growable argument vectors and the engine command line of one run. */
#ifndef SBX_ARGV_H
#define SBX_ARGV_H

#include <stddef.h>
#include <stdio.h>

#include "sbx.h"

struct argv {
	char	**v;		/* NULL-terminated */
	size_t	  n, cap;
};

void	argv_push(struct argv *, const char *);
void	argv_pushf(struct argv *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	argv_free(struct argv *);
/* One line, each word quoted for a POSIX shell. */
/* Is the engine CLI podman (by its name)? Some flags differ for it. */
int	argv_engine_is_podman(const char *);
void	argv_print_quoted(FILE *, const struct argv *);

/* What identifies one container: its unique name and owning process. */
struct container_id {
	char	name[128];
	char	owner[320];	/* host:pid, read by --gc */
};

/*
 * The "<engine> run" argv: every sandbox flag, then the image, the
 * language's command, the size of the code it reads from stdin, the name
 * the code is shown under, and the program's arguments.
 */
void	argv_build_run(struct argv *, const struct sbx_opts *,
	    const struct container_id *, const char *workdir);

/* $SBX_OUT in the sandbox, with -o. */
#define OUT_MOUNT	"/sbx/out"
/* Where -C DIR (its real path) is mirrored in the sandbox. */
void	argv_workdir(const char *real_dir, char *out, size_t len);
/* The workspace tmpfs at workdir (with -C) and $SBX_OUT's (with -o). */
void	argv_push_file_mounts(struct argv *, const struct sbx_opts *,
	    const char *workdir);

#define LABEL_KEY	"sbx"
#define LABEL_OWNER	"sbx.owner"

#endif

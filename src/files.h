/* The files and facts of one run: -C in, -o out, --json/--stats measures. */
#ifndef SBX_FILES_H
#define SBX_FILES_H

#include <limits.h>

#include "sbx.h"
#include "trailer.h"

struct outfiles;
struct workspace;

struct run_files {
	struct workspace *ws;		/* -C: the measured workspace */
	struct outfiles	*out;		/* -o: the output directory */
	struct trailer	*trailer;	/* when BOOT writes one */
	char		 nonce[TRAILER_NONCE_LEN + 1];
	char		 workdir[PATH_MAX];	/* the program's, in the sandbox */
	char		*host_file;	/* -C FILE: its path on the host */
	char		*sandbox_file;	/* -C FILE: its mirrored path */
};

/* Is the trailer wanted (--json, --stats or -o)? */
int	files_want_trailer(const struct sbx_opts *);
/*
 * Measure the workspace, open DIR for -o, resolve FILE inside the
 * workspace, make the trailer scanner. Refusals print one line and exit
 * 125: no container exists yet.
 */
void	files_prepare(const struct sbx_opts *, struct run_files *);
const struct trailer_facts *files_facts(const struct run_files *);
void	files_free(struct run_files *);

#endif

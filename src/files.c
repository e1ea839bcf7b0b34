/*
 * Setting up what travels besides the code, before anything starts: the
 * workspace is walked and measured (its size goes in BOOT's header), the
 * output directory is created and opened (so a bad -o fails before the
 * container exists), FILE is placed inside the workspace, and the stdout
 * scanner is made with a spool cap no genuine trailer can pass.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "argv.h"
#include "files.h"
#include "id.h"
#include "outfiles.h"
#include "util.h"
#include "workspace.h"

/* The facts line, and per entry a header, a GNU long-name header and
 * block, and padding: the largest tar BOOT can send within the caps. */
#define FACTS_ROOM	4096
#define ENTRY_OVERHEAD	(4 * 512 + 4096)

int
files_want_trailer(const struct sbx_opts *o)
{
	return o->json || o->stats || o->out_dir != NULL;
}

static uint64_t
spool_cap(const struct sbx_opts *o)
{
	uint64_t tar;

	if (o->out_dir == NULL)
		return FACTS_ROOM;
	tar = o->out_max_size + ((uint64_t)o->out_max_files + 16) *
	    ENTRY_OVERHEAD;
	/* base64: 4 bytes per 3, and a newline per 76 columns. */
	return FACTS_ROOM + tar / 3 * 4 * 77 / 76 + 1024;
}

static int
inside(const char *path, const char *root)
{
	size_t n = strlen(root);

	return strncmp(path, root, n) == 0 && (path[n] == '/' ||
	    (n == 1 && root[0] == '/'));
}

/* FILE relative to the caller's directory when that lies in DIR, else
 * relative to DIR. */
static void
place_file(const struct sbx_opts *o, const char *root, struct run_files *f)
{
	char real[PATH_MAX], joined[PATH_MAX];
	const char *rel;

	if (realpath(o->file, real) == NULL || !inside(real, root)) {
		if ((size_t)snprintf(joined, sizeof(joined), "%s/%s", root,
		    o->file) >= sizeof(joined) || realpath(joined, real) == NULL)
			die("'%s' is not a file in the workspace '%s': give its "
			    "path relative to the workspace", o->file,
			    o->workspace);
		if (!inside(real, root))
			die("'%s' lies outside the workspace '%s'", o->file,
			    o->workspace);
	}
	rel = real + strlen(root) + (strcmp(root, "/") != 0);
	f->host_file = xstrdup(real);
	f->sandbox_file = xmalloc(strlen(f->workdir) + strlen(rel) + 2);
	sprintf(f->sandbox_file, "%s/%s", f->workdir, rel);
}

void
files_prepare(const struct sbx_opts *o, struct run_files *f)
{
	char why[1024], root[PATH_MAX];

	memset(f, 0, sizeof(*f));
	snprintf(f->workdir, sizeof(f->workdir), "/tmp");
	random_hex(f->nonce, TRAILER_NONCE_LEN);
	if (o->workspace != NULL) {
		if (realpath(o->workspace, root) == NULL)
			die("cannot use the workspace '%s': %s", o->workspace,
			    strerror(errno));
		argv_workdir(root, f->workdir, sizeof(f->workdir));
		if (o->file != NULL && strcmp(o->file, "-") != 0)
			place_file(o, root, f);
		if (workspace_open(root, o->excludes, o->nexcludes,
		    o->workspace_size, &f->ws, why, sizeof(why)) == -1)
			die("%s", why);
	}
	if (o->out_dir != NULL && outfiles_open(o->out_dir, o->out_max_size,
	    o->out_max_files, &f->out, why, sizeof(why)) == -1)
		die("%s", why);
	if (files_want_trailer(o))
		f->trailer = trailer_new(f->nonce, spool_cap(o), f->out);
}

const struct trailer_facts *
files_facts(const struct run_files *f)
{
	return f->trailer != NULL ? trailer_facts(f->trailer) : NULL;
}

void
files_free(struct run_files *f)
{
	trailer_free(f->trailer);
	outfiles_close(f->out);
	workspace_close(f->ws);
	free(f->host_file);
	free(f->sandbox_file);
	memset(f, 0, sizeof(*f));
}

/* --deps FILE: a derived image with the program's packages; --gc prunes them. */
#ifndef SBX_DEPS_H
#define SBX_DEPS_H

#include "sbx.h"

/*
 * Point o->image at the dependency image of o->deps_file on o->image,
 * building it first when the engine does not have it (with --dry-run:
 * naming it only). Progress goes to stderr as "sbx: deps: ..." lines.
 * 0, or -1 after saying why (sbx then exits 125): nothing has run.
 */
int	deps_prepare(struct sbx_opts *);

/* Remove dependency images unused for o->deps_keep_ms (0: all of them)
 * and the build leftovers sbx labelled; never any other image. */
int	deps_gc(const struct sbx_opts *);

#endif

/* Language files: entries that add to the language table or change it. */
#ifndef SBX_LANGFILE_H
#define SBX_LANGFILE_H

#include <stddef.h>

struct lang_table;

/*
 * SBX_SYSCONFDIR/sbx/languages, then ${XDG_CONFIG_HOME:-~/.config}/sbx/
 * languages, then $SBX_LANGUAGES, each read if it is there (the last must
 * be). -1 with "FILE:LINE: what is wrong" in why.
 */
int	langfile_load_all(struct lang_table *, char *why, size_t);
/* One file; must_exist says whether a missing one is an error. */
int	langfile_load(struct lang_table *, const char *path, int must_exist,
	    char *why, size_t);

#endif

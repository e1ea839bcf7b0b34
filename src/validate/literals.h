/* String literals: where their text goes, and path parts joined to them. */
#ifndef SBX_LITERALS_H
#define SBX_LITERALS_H

#include <stddef.h>

#include "scan_strings.h"

struct recent;
struct scan;
struct token;

void	literal_string(struct scan *, const struct token *,
	    const struct recent *);
/* The literal code[off..off+len): its markers, with shapes the fork bomb's. */
void	literal_marks(struct scan *, size_t off, size_t len, int shapes);
/* ".ssh" (or a name holding it) at off: the next token decides. */
void	literal_wait_part(struct scan *, enum path_part, size_t off,
	    int from_name);
/* The token t comes after a waiting part. */
void	literal_advance(struct scan *, const struct token *);

#endif

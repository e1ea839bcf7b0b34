/* What the code's own names hold, for the validator: one hash table. */
#ifndef SBX_SCAN_VARS_H
#define SBX_SCAN_VARS_H

#include <stddef.h>
#include <stdint.h>

#include "scan_names.h"
#include "validate.h"

/* A name of the scanned code, and what the scan knows it holds. */
struct var {
	size_t		 name_off, name_len;	/* in the code */
	uint64_t	 hash;
	struct findings	 pend;		/* a flagged command line's findings */
	unsigned	 taint;		/* decoded or downloaded data (SEEN_*) */
	int		 root;		/* / or the home directory */
	enum ident	 alias;		/* Python: import X as NAME, or I_NONE */
};

struct vars {
	const char	*code;
	struct var	*v;		/* in order of first use */
	size_t		 n, cap;
	size_t		*slot;		/* index + 1 into v, or 0 */
	size_t		 nslot;		/* a power of two, or 0 */
	/* How many entries hold each fact: lookups are skipped at 0. */
	size_t		 npend, ntaint, nalias, nroot;
};

void		 vars_init(struct vars *, const char *code);
void		 vars_free(struct vars *);
/* The entry of code[off..off+len), or NULL. */
struct var	*vars_find(const struct vars *, size_t off, size_t len);
/* The same, created empty when absent. Earlier pointers stay valid
 * only until the next vars_get. */
struct var	*vars_get(struct vars *, size_t off, size_t len);

#endif

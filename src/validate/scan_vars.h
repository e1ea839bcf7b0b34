/* What the code's own names hold, for the validator: one hash table. */
#ifndef SBX_SCAN_VARS_H
#define SBX_SCAN_VARS_H

#include <stddef.h>
#include <stdint.h>

#include "findings.h"
#include "scan_names.h"
#include "scan_strings.h"

#define VARS_FILTER_BITS	4096

/* A name of the scanned code, and what the scan knows it holds. */
struct var {
	size_t		 name_off, name_len;	/* in the code */
	uint64_t	 hash;
	struct findings	 pend;		/* a flagged command line's findings */
	unsigned	 taint;		/* decoded or downloaded data (SEEN_*) */
	int		 root;		/* / or the home directory */
	enum ident	 alias;		/* Python: import X as NAME, or I_NONE */
	enum path_part	 part;		/* ~/.ssh or ~/.config, for the next part */
};

/* What a name is assigned, as far as the scan follows it. */
struct value {
	struct findings	 pend;
	unsigned	 taint;
	int		 root;
	enum ident	 alias;
	enum path_part	 part;
};

struct vars {
	const char	*code;
	struct var	*v;		/* in order of first use */
	size_t		 n, cap;
	size_t		*slot;		/* index + 1 into v, or 0 */
	size_t		 nslot;		/* a power of two, or 0 */
	/* How many entries hold each fact: lookups are skipped at 0. */
	size_t		 npend, ntaint, nalias, nroot, npart;
	/*
	 * A bit per lexer hash of the names entered (mod VARS_FILTER_BITS):
	 * most names were never assigned anything of interest, and one bit
	 * says so without hashing the name again.
	 */
	unsigned char	 filter[VARS_FILTER_BITS / 8];
};

void		 vars_init(struct vars *, const char *code);
void		 vars_free(struct vars *);
/* The entry of code[off..off+len), or NULL. */
struct var	*vars_find(const struct vars *, size_t off, size_t len);
/* The same for a name the lexer hashed (lex_hash): most misses cost a bit. */
struct var	*vars_find_hashed(const struct vars *, size_t off, size_t len,
		    unsigned lexhash);
/* The same, created empty when absent. Earlier pointers stay valid
 * only until the next vars_get. */
struct var	*vars_get(struct vars *, size_t off, size_t len);

/* The name code[off..off+len) was assigned again: it holds nothing known. */
void		 vars_forget(struct vars *, size_t off, size_t len);
/* From now on the name holds *val; its findings move into the table. */
void		 vars_hold(struct vars *, size_t off, size_t len, struct value *);
/* Add what v holds to *val: its findings copied, its facts or'ed in. */
void		 vars_value(const struct var *v, struct value *val);

#endif

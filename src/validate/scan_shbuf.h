/* A shell command line assembled from literals, mapped back to the code. */
#ifndef SBX_SCAN_SHBUF_H
#define SBX_SCAN_SHBUF_H

#include <stddef.h>

/* A stretch of the command line copied from code[soff...]. */
struct shseg {
	size_t	boff, soff;
};

/* What the shell scanner cut the command line into. */
enum shtok_type {
	ST_WORD,
	ST_SEP,			/* ; & && || newline, a lone { or } */
	ST_PIPE,
	ST_REDIR_OUT,
	ST_REDIR_IN,
	ST_OPEN,		/* ( $( <( */
	ST_CLOSE,
	ST_BACKTICK,
};

struct shtok {
	enum shtok_type	 type;
	size_t		 off, len;	/* as written */
	size_t		 toff, tlen;	/* a word quoted whole: its contents */
};

/* What was added last, so that holes and spaces do not repeat. */
enum shb_last {
	SHB_NONE,
	SHB_TEXT,
	SHB_HOLE,
	SHB_SPACE,
};

/*
 * A command line assembled from literals: "rm -rf " + path becomes
 * "rm -rf \1", ["sh", "-c", "a b"] becomes 'sh' '-c' 'a b'. A \1 byte
 * stands for code whose value is unknown. Every byte maps back to the code.
 */
struct shbuf {
	char		*b;
	size_t		 len, cap;
	struct shseg	*seg;
	size_t		 nseg, segcap;
	struct shtok	*tok;		/* shell_scan's scratch */
	size_t		 ntok, tokcap;
	enum shb_last	 last;
	unsigned	 nstr;		/* literals added */
};

#define SHB_RAW		0x1	/* backslashes are literal */
#define SHB_FSTRING	0x2	/* {...} is code */
#define SHB_ARGV	0x4	/* one argument, not a command line */

void	shbuf_reset(struct shbuf *);
void	shbuf_free(struct shbuf *);
void	shbuf_text(struct shbuf *, const char *code, size_t off, size_t len,
	    unsigned how);
void	shbuf_hole(struct shbuf *, size_t soff);
void	shbuf_space(struct shbuf *);
/* Take back the \1 that code from soff on left, if it is the last byte. */
void	shbuf_unhole(struct shbuf *, size_t soff);
/* The end of one command: the next literal starts another. */
void	shbuf_sep(struct shbuf *);
size_t	shbuf_source(const struct shbuf *, size_t);

#endif

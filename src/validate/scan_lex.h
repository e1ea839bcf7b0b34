/* The validator's lexer: Python or JavaScript source cut into tokens. */
#ifndef SBX_SCAN_LEX_H
#define SBX_SCAN_LEX_H

#include <stddef.h>

enum lex_lang {
	LEX_PYTHON,
	LEX_NODE,
};

enum tok_kind {
	TOK_EOF,
	TOK_IDENT,
	TOK_NUMBER,
	TOK_STRING,
	TOK_REGEX,		/* JavaScript regular expression literal */
	TOK_OP,
	TOK_NEWLINE,		/* Python: end of a logical line */
};

#define TOKF_LINE_START	0x01	/* Python: first token of a logical line */
#define TOKF_NL_BEFORE	0x02	/* a line break precedes the token */
#define TOKF_RAW	0x04	/* backslashes are literal */
#define TOKF_FSTRING	0x08	/* Python f-string: {...} is code */
#define TOKF_TPL_OPEN	0x10	/* template chunk that ends at "${" */
#define TOKF_TPL_CONT	0x20	/* template chunk that starts after "}" */

/* Operators of two or more characters that the analysis must tell apart. */
#define OP_COMPARE	256	/* == === != !== <= >= */
#define OP_AUGMENTED	257	/* += -= *= ... := */
#define OP_ARROW	258	/* => -> */

struct token {
	enum tok_kind	 kind;
	unsigned	 flags;
	size_t		 start, end;	/* the whole token */
	size_t		 cstart, cend;	/* TOK_STRING: between the quotes */
	unsigned	 indent;	/* with TOKF_LINE_START */
	int		 op;		/* TOK_OP: the character or an OP_* */
	unsigned	 hash;		/* TOK_IDENT: lex_hash() of the name */
};

struct lexer {
	const unsigned char *s;
	size_t		 len, pos;
	enum lex_lang	 lang;
	/* Python */
	int		 depth;		/* open brackets: no logical newline */
	int		 at_line_start;
	int		 line_open;	/* a token since the last NEWLINE */
	/* JavaScript */
	int		 nl_before;
	int		 regex_ok;	/* a '/' here starts a regex */
	int		 brace;
	int		*tpl;		/* brace depth of each open "${" */
	size_t		 ntpl, tplcap;
};

void		lex_init(struct lexer *, enum lex_lang, const char *, size_t);
void		lex_next(struct lexer *, struct token *);
void		lex_free(struct lexer *);
unsigned	lex_hash(const unsigned char *, size_t);

#endif

/*
 * The validator's state while it reads one file, shared by the files that
 * read it: the token loop (validate.c), the bracket stack (frames.c) and
 * its closing (close.c), names (values.c), calls as they open (callsite.c)
 * and close (verdict.c), and string literals (literals.c). Its types are
 * defined here, its small helpers in scan.c; nothing outside src/validate/
 * includes it.
 */
#ifndef SBX_SCAN_H
#define SBX_SCAN_H

#include <stddef.h>

#include "findings.h"
#include "calls.h"
#include "loops.h"
#include "rules.h"
#include "scan_lex.h"
#include "scan_names.h"
#include "scan_strings.h"
#include "scan_vars.h"

struct shbuf;

/*
 * Brackets nested deeper than this are counted, not tracked (Python
 * itself stops at 200), so memory stays bounded on hostile input.
 */
#define DEPTH_MAX	1000

/* What the code inside a bracket mentions. */
#define SEEN_DECODER	0x01
#define SEEN_DOWNLOAD	0x02
#define SEEN_RECURSIVE	0x08
#define SEEN_OWRITE	0x10
#define SEEN_SUID	0x20
#define SEEN_FILENO	0x40

#define NARGS		3	/* arguments summarized per call */

struct arg {
	unsigned	 ntok;		/* a nested bracket counts two */
	unsigned	 seen;
	/*
	 * Its value, as far as its last part goes: / or the home directory
	 * ("/", expanduser("~"), a name holding "/"), or the name of the
	 * home variable ("HOME", for os.environ["HOME"]).
	 */
	int		 root, home_var;
	int		 is_str;	/* the argument is one string literal */
	size_t		 lit_off, lit_len;
	int		 num_ok;	/* the argument is one number */
	unsigned long	 num;
	/*
	 * The argument is a name or a dotted name (a, os.system), so far:
	 * its first name, and the meaning of its last.
	 */
	int		 is_name, name_dot;
	size_t		 name_off, name_len;
	unsigned	 name_hash;
	enum ident	 name_id, name_qual;
};

/* JS: what the parentheses after while or for hold. */
enum loop_cond {
	LC_NONE,
	LC_WHILE,
	LC_FOR,
};

/* The first tokens of such a condition, enough to tell an endless one. */
enum cond_token {
	CT_OTHER,
	CT_TRUE,		/* true or 1 */
	CT_NOT,			/* ! */
	CT_ZERO,		/* 0, as in !0 */
	CT_SEMI,		/* ;, as in for (;;) */
};

/*
 * How a frame opened: a bracket, a template literal's ${ (or a tagged
 * template's whole text), or NAME = (the value of an assignment).
 */
enum frame_open {
	FR_PAREN,
	FR_BRACKET,
	FR_BRACE,
	FR_TEMPLATE,
	FR_TAGGED,
	FR_ASSIGN,
	FR_COUNT
};

struct frame {
	enum frame_open	 open;
	enum kind	 kind;
	int		 is_call;
	enum ident	 callee, qual;
	size_t		 off;		/* the callee's name, or the bracket */
	size_t		 callee_len;
	int		 collect;	/* literals go to the shell buffer */
	int		 buf;		/* index into the buffer stack, or -1 */
	int		 owns_buf;
	int		 prose, prose_arg;
	int		 kw;		/* Python: keyword arguments began */
	int		 kw_mode;	/* Python: in "mode=" */
	int		 skip;		/* arguments before the command */
	int		 arity;		/* arguments that are, 0 for all */
	int		 argv;		/* each literal is one argument */
	unsigned	 argi, cur_ntok;
	struct arg	 a[NARGS];
	int		 has_mode;
	size_t		 mode_off, mode_len;
	unsigned	 seen;
	enum loop_cond	 loopcond;	/* JS: the condition of a loop */
	enum cond_token	 cond_sig[3];	/* its first tokens */
	unsigned	 cond_n;
	int		 is_loop;
	size_t		 name_off, name_len;	/* FR_ASSIGN: the name assigned */
	struct findings	 held;		/* FR_ASSIGN: markers of prose in it */
	enum path_part	 held_part;	/* FR_ASSIGN: its value ends in ".ssh" */
	int		 path_shift, path_sys;
	int		 revsite;
	int		 complement;	/* opened by ~( or inside one (~~ undoes) */
	size_t		 below;		/* the next frame opened alike, + 1 */
	int		 kw_target;	/* Python: target= was passed */
	int		 stdio_key;	/* '{': in the value of "stdio:" */
	int		 stdio_name;	/* a shell spawn: a name in its stdio */
	/*
	 * What the expression this bracket opened in had mentioned up to
	 * it (restored when it closes), and, inside a promise's then(),
	 * what the promise's own chain mentioned.
	 */
	unsigned	 outer_chain, then_seen;
};

/*
 * A literal that is a path component alone (".ssh"), waiting for the
 * next part: a ',' or '/' and a literal, or anything else for none.
 */
struct pending_part {
	enum path_part	 kind;		/* PART_NONE: nothing waits */
	size_t		 off;
	int		 after_sep;	/* the ',' or '/' has come */
	int		 from_name;	/* a name that holds ".ssh" stands here */
	/*
	 * The assignment whose value the part ends (index + 1, or 0), as in
	 * ssh = home / ".ssh": the name then holds it for its next use. Set
	 * when the literal is in the assignment or in a join() directly in
	 * it; closed, once that call's ')' has come.
	 */
	size_t		 assign;
	int		 closed;
};

/* A token as the scan remembers it. */
struct recent {
	enum tok_kind	 kind;
	int		 op;
	enum ident	 id, qual;
	size_t		 start, end, cstart, cend;
	unsigned	 hash;		/* TOK_IDENT: lex_hash() of the name */
	int		 one;		/* the number 1 */
};

/* JS: an endless loop's condition closed; its body comes next. */
enum pending_loop {
	PL_NONE,
	PL_CONDITION,		/* the body is the next token's */
	PL_BLOCK,		/* the body is the block this '{' opens */
};

/* Reading NAME (. NAME)* = at the start of a statement. */
enum lhs_state {
	LHS_START,
	LHS_DECL,		/* JS: after const, let or var */
	LHS_NAME,
	LHS_DOT,
	LHS_NONE,		/* not an assignment target */
};

/* Reading Path("/etc/x").write_text(...): the method after a path. */
enum chain_state {
	CH_NONE,
	CH_PATH,		/* Path("...") of interest closed */
	CH_DOT,
	CH_METHOD,		/* the method's name; its '(' comes next */
};

struct scan {
	const char	*code;
	size_t		 len;
	int		 py;
	struct findings	*out;
	struct frame	*fr;
	size_t		 nfr, frcap;
	size_t		 innermost[FR_COUNT];	/* by frame_open: index + 1, or 0 */
	size_t		 untracked_tpl;	/* templates open past DEPTH_MAX */
	struct shbuf	*bufs;
	size_t		 nbuf, bufcap;
	struct loops	 loops;
	/*
	 * Names holding a flagged command line (reported if the name later
	 * reaches a shell), decoded or downloaded data, or a module
	 * (Python: import subprocess as sp, from os import system as run).
	 */
	struct vars	 vars;
	struct recent	 prev, prev2, prev3;
	/* What the expression being read mentions: fetch(u).then(... */
	unsigned	 chain_seen;
	int		 complement;	/* a ~ before this dotted name */
	int		 in_shell, in_eval;
	size_t		 untracked;	/* brackets open past DEPTH_MAX */
	/* Python: the logical line */
	unsigned	 indent;
	struct recent	 line[5];
	unsigned	 line_n;
	/* assignment targets: name (. name)* = */
	int		 stmt_start;
	enum lhs_state	 lhs;
	size_t		 lhs_off, lhs_len;
	enum pending_loop pending_loop;
	int		 has_deferred;
	struct token	 deferred;
	/* Path("/etc/x").write_text(...) */
	enum chain_state chain;
	int		 chain_sys, chain_root, chain_sens;
	enum ident	 chain_method;
	size_t		 chain_off;
	/* reverse shells: facts about the whole file */
	int		 saw_connect, saw_net, saw_pipe, fileno_dup;
	int		 has_rev_site, stdio_sock;
	size_t		 rev_site;
	int		 walk_line;	/* Python: the line walks / */
	struct pending_part part;
	struct findings	 marks;		/* scan_literal's scratch */
};

void	scan_add(struct scan *, enum rule_index, size_t off);
int	scan_text_is(const struct scan *, size_t off, size_t len,
	    const char *);
int	scan_text_ends(const struct scan *, size_t off, size_t len,
	    const char *);
int	scan_text_starts(const struct scan *, size_t off, size_t len,
	    const char *);
/* JS: does the statement go on after a line break before t? */
int	js_continues(const struct recent *, const struct token *);

#endif

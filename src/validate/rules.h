/* The validator's rules: what each reports, by name. */
#ifndef SBX_RULES_H
#define SBX_RULES_H

/* Which languages a rule looks at (struct rule's langs). */
#define RULE_PYTHON	0x1
#define RULE_NODE	0x2

struct rule {
	const char	*id;		/* short and stable: users grep it */
	const char	*name;		/* what users call it */
	const char	*severity;	/* "high" or "medium" */
	const char	*message;	/* after "FILE:LINE:COL: ID: " */
	unsigned	 langs;		/* RULE_PYTHON | RULE_NODE */
};

enum rule_index {
	R_SUDO,
	R_RM_ROOT,
	R_PRIV_CHANGE,
	R_SYS_WRITE,
	R_FORK_BOMB,
	R_DOWNLOAD_EXEC,
	R_REVERSE_SHELL,
	R_CRED_READ,
	R_SANDBOX_ESCAPE,
	R_CRYPTO_MINER,
	R_DECODE_EXEC,
	R_COUNT
};

const struct rule	*rule_get(enum rule_index);

#endif

/* The validator's rules by name, for the scanners that report them. */
#ifndef SBX_RULES_H
#define SBX_RULES_H

#include "validate.h"

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

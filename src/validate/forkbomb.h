/* The shape of a shell fork bomb, in a command line or any text. */
#ifndef SBX_FORKBOMB_H
#define SBX_FORKBOMB_H

#include <stddef.h>

/* :(){ :|:& };: under any name; *at is where the function's name starts. */
int	fork_bomb_shape(const char *, size_t, size_t *at);

#endif

/* A fresh container name and the owner label --gc reads. */
#ifndef SBX_ID_H
#define SBX_ID_H

#include "argv.h"

#include <stddef.h>

void	container_id_new(struct container_id *);
/* digits random hex digits and a NUL into out. */
void	random_hex(char *out, size_t digits);

#endif

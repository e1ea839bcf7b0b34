/* A fresh container name and the owner label --gc reads. */
#ifndef SBX_ID_H
#define SBX_ID_H

#include "argv.h"

void	container_id_new(struct container_id *);

#endif

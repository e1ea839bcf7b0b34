/* sbx --doctor: check the engine, images and limits; say what to fix. */
#ifndef SBX_DOCTOR_H
#define SBX_DOCTOR_H

#include "sbx.h"

/* Prints one line per check; returns 0 when all pass, else 125. */
int	doctor(const struct sbx_opts *);

#endif

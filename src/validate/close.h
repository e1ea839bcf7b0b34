/* A frame closes: what it held is judged, and its parent learns of it. */
#ifndef SBX_CLOSE_H
#define SBX_CLOSE_H

#include "scan.h"

void	frame_close(struct scan *);
/* Close up to and including the innermost frame opened so, if any. */
void	frame_close_to(struct scan *, enum frame_open);
void	frame_close_all(struct scan *);

#endif

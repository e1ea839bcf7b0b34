/*
 * The bracket stack: a frame per open bracket, template, tagged template
 * and assignment value, with a summary of its first arguments.
 */
#ifndef SBX_FRAMES_H
#define SBX_FRAMES_H

#include "scan.h"

struct shbuf;

/* The innermost open frame, or NULL. */
static inline struct frame *
frame_top(struct scan *sc)
{
	return sc->nfr > 0 ? &sc->fr[sc->nfr - 1] : NULL;
}

struct frame	*frame_push(struct scan *, enum frame_open);
/*
 * The top frame leaves the stack, in three steps around the judging of
 * it (close.c): unlinked (still in place: nothing is pushed meanwhile),
 * released (its buffer and counts), and handed up to its parent.
 */
const struct frame *frame_unlink(struct scan *);
void		 frame_release(struct scan *, const struct frame *);
void		 frame_hand_up(struct scan *, const struct frame *, int root);
/* while (true), while (1), while (!0), for (;;) */
int		 frame_endless(const struct frame *);
struct shbuf	*frame_buf(struct scan *, const struct frame *);
int		 frame_new_buf(struct scan *);
/* A token directly inside the top frame: its argument summary. */
void		 frame_count(struct scan *, const struct recent *, unsigned seen);

#endif

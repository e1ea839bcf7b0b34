/*
 * A frame closes. An assignment's value goes to its name (values.c), a
 * call is judged (verdict.c), JavaScript loops whose body it held end,
 * and the parent learns what it mentioned and whether it was / or the
 * home directory. A template or tagged template closes only at its own
 * chunk, so a stray closer inside one cannot end it.
 */
#include "close.h"
#include "frames.h"
#include "loops.h"
#include "scan.h"
#include "values.h"
#include "verdict.h"

void
frame_close(struct scan *sc)
{
	const struct frame *f = frame_unlink(sc);

	if (f->open == FR_ASSIGN)
		value_assign(sc, f);
	else if (f->open == FR_TAGGED)
		verdict_shell(sc, f);
	else if (f->is_call)
		verdict_call(sc, f);
	if (!sc->py)
		loops_unwind(&sc->loops, sc->nfr, sc->out);
	frame_release(sc, f);
	if (frame_endless(f))
		sc->pending_loop = PL_CONDITION;
	if (f->loopcond == LC_FOR)
		value_for_of(sc);
	sc->chain_seen = f->outer_chain | f->seen;
	if (f->open != FR_ASSIGN)
		frame_hand_up(sc, f, frame_is_root(sc, f));
}

void
frame_close_to(struct scan *sc, enum frame_open open)
{
	size_t k = sc->innermost[open];

	if (k == 0 || sc->untracked_tpl > 0 ||
	    sc->innermost[FR_TEMPLATE] > k || sc->innermost[FR_TAGGED] > k)
		return;
	while (sc->nfr >= k)
		frame_close(sc);
}

void
frame_close_all(struct scan *sc)
{
	while (sc->nfr > 0)
		frame_close(sc);
}

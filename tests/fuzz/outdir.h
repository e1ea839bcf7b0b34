/*
 * A fresh output directory per input for the targets that extract
 * archives, and the proof that nothing was made outside it: the *at()
 * calls of outfiles.c are wrapped (-Wl,--wrap=openat,...) and refused
 * with an abort before they happen unless they name one component
 * beneath the directory, and a walk after each input finds only regular
 * files and directories, all inside it. sbx runs as root here, so the
 * guard comes before the call, not after.
 */
#ifndef SBX_FUZZ_OUTDIR_H
#define SBX_FUZZ_OUTDIR_H

/* Make BASE/out (BASE is one temporary directory per process): its path. */
const char	*outdir_begin(void);
/* Walk BASE: abort on anything outside BASE/out or not a file or
 * directory; then empty BASE/out. */
void		 outdir_end(void);

#endif

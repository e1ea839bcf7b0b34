/* Findings in order: sorting them and giving them lines and columns. */
#ifndef SBX_FINDINGS_H
#define SBX_FINDINGS_H

#include <stddef.h>

struct findings;

/*
 * Sort the findings from `first` on by position, fill in their lines and
 * columns in code[0..len), and keep the first of each rule on a line.
 */
void	findings_locate(struct findings *, size_t first, const char *code,
	    size_t len);

#endif

/* Printing validation findings: compiler-style text and JSON. */
#ifndef SBX_CHECK_H
#define SBX_CHECK_H

#include <stdio.h>

struct findings;

/* "FILE:LINE:COL: RULE-ID: message", one finding per line. */
void	check_print_text(FILE *, const char *display_name,
	    const struct findings *);
/*
 * One JSON array of objects with file, line, column, rule, name,
 * severity and message; "[]" when there are none. Newline-terminated.
 */
void	check_print_json(FILE *, const char *display_name,
	    const struct findings *);

#endif

/*
 * The process layer of the fuzz build (it replaces src/proc.c): nothing is
 * ever spawned. Each proc_capture() takes its answer from a script that
 * the target fills from the fuzz input; with none left, the program is
 * "not found". Time is virtual, so loops that wait for an engine end at
 * once.
 */
#ifndef SBX_FUZZ_MOCK_PROC_H
#define SBX_FUZZ_MOCK_PROC_H

#include <stddef.h>

struct mock_answer {
	int		 spawn_errno;	/* non-zero: the program is missing */
	int		 finished;	/* 0: it did not answer in time */
	int		 status;	/* a waitpid status */
	const char	*out, *err;	/* NUL-terminated */
};

/* Answers for the next proc_capture() calls, in order (not copied). */
void	mock_script(const struct mock_answer *, size_t);
/* How many proc_capture() calls there were since mock_script(). */
size_t	mock_calls(void);

#endif

/*
 * What every fuzz target shares: libFuzzer's entry points, die() turned
 * into a jump back to the target (-Wl,--wrap=die), and the small
 * independent references the targets check sbx's code against.
 */
#ifndef SBX_FUZZ_H
#define SBX_FUZZ_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	LLVMFuzzerInitialize(int *, char ***);

/*
 * With refusal_armed set, die() stores its message in refusal_message
 * and longjmps to refusal: a refusal is an answer, not a crash. Unarmed,
 * a die() is a finding and aborts.
 */
extern jmp_buf	 refusal;
extern volatile int refusal_armed;
extern char	 refusal_message[4096];

void	__wrap_die(const char *, ...)
	    __attribute__((noreturn, format(printf, 1, 2)));

/* Print what broke and abort, so libFuzzer keeps the input. */
void	fuzz_fail(const char *, ...)
	    __attribute__((noreturn, format(printf, 1, 2)));
#define FUZZ_ASSERT(cond, ...)	do { if (!(cond)) fuzz_fail(__VA_ARGS__); } while (0)

/*
 * RFC 3629 by hand, not through json.c: the length of the valid UTF-8
 * sequence at s (1-4) and its code point, or 0 when it is invalid.
 */
size_t	ref_utf8(const unsigned char *, size_t, uint32_t *);

#endif

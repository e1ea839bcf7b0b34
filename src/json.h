/* A JSON string encoder: the only part of JSON that is hard to get right. */
#ifndef SBX_JSON_H
#define SBX_JSON_H

#include <stddef.h>
#include <stdio.h>

/*
 * Write s[0..len) as a quoted JSON string. Quotes, backslashes and control
 * bytes are escaped; each byte that is not part of valid UTF-8 becomes
 * U+FFFD, so the result is always valid JSON and valid UTF-8.
 */
void	json_put_string(FILE *, const char *, size_t);

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if it is invalid. */
size_t	utf8_sequence_length(const unsigned char *, size_t);

#endif

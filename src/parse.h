/* Parsers for the values users type: durations, sizes, counts, names. */
#ifndef SBX_PARSE_H
#define SBX_PARSE_H

#include <stdint.h>

/*
 * Each returns 0 on success, or -1 with *why set to a static phrase that
 * completes "invalid X 'value': ...". None accepts a sign, a blank or a
 * trailing character.
 */

/* "1.5", "1500ms", "2s", "1m", "1h"; a bare number is seconds. */
int	parse_duration_ms(const char *, uint64_t *, const char **why);
/* Docker's size syntax: "256m", "1g", "1.5g", "512MiB", "65536"; bytes. */
int	parse_size(const char *, uint64_t *, const char **why);
/* A decimal number of cores with at most 3 decimals, in thousandths. */
int	parse_cpus_milli(const char *, unsigned *, const char **why);
/* A whole number from min to max. */
int	parse_count(const char *, unsigned min, unsigned max, unsigned *);
/* Names passed to the engine: images, networks, runtimes. */
int	check_image_name(const char *, const char **why);
int	check_engine_word(const char *, const char **why);
/* NAME=VALUE with a portable variable name. */
int	check_env_assignment(const char *, const char **why);

/* "2s", "1.5s", "250ms": a duration as a person would write it. */
void	format_duration(uint64_t ms, char *, unsigned long);
/* The shortest exact form of a size: "64m", "1g", "1536k" or bytes. */
void	format_size(uint64_t, char *, unsigned long);

#endif

/*
 * Value parsers. They are strict on purpose: a typo such as "--memory 2gb0"
 * or "--timeout -1" must be refused before anything runs, not passed to the
 * engine to be read some other way. Names that reach the engine argv are
 * limited to the characters such names can have, and may not begin with
 * '-', so no value can turn into an engine option.
 */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "parse.h"

#define MAX_DURATION_MS		(366ULL * 24 * 3600 * 1000)
#define MAX_SIZE		(1ULL << 50)	/* 1 PiB: beyond any real limit */

/*
 * Parse "<digits>[.<digits>]" scaled by `scale` (10^frac_digits); rejects
 * a number that needs more precision than that. Returns the rest.
 */
static const char *
parse_decimal(const char *s, unsigned frac_digits, uint64_t *out)
{
	uint64_t whole = 0, frac = 0;
	unsigned nfrac = 0;
	const char *p = s;

	if (!isdigit((unsigned char)*p))
		return NULL;
	for (; isdigit((unsigned char)*p); p++) {
		if (whole > (UINT64_MAX - 9) / 10)
			return NULL;
		whole = whole * 10 + (uint64_t)(*p - '0');
	}
	if (*p == '.') {
		p++;
		if (!isdigit((unsigned char)*p))
			return NULL;
		for (; isdigit((unsigned char)*p); p++) {
			if (nfrac == frac_digits) {
				if (*p != '0')
					return NULL;
				continue;
			}
			frac = frac * 10 + (uint64_t)(*p - '0');
			nfrac++;
		}
	}
	for (; nfrac < frac_digits; nfrac++)
		frac *= 10;
	for (nfrac = 0; nfrac < frac_digits; nfrac++) {
		if (whole > UINT64_MAX / 10)
			return NULL;
		whole *= 10;
	}
	if (whole > UINT64_MAX - frac)
		return NULL;
	*out = whole + frac;
	return p;
}

int
parse_duration_ms(const char *s, uint64_t *ms, const char **why)
{
	static const struct { const char *suffix; uint64_t ms; } units[] = {
		{ "ms", 1 }, { "s", 1000 }, { "", 1000 },
		{ "m", 60000 }, { "h", 3600000 },
	};
	uint64_t thousandths;
	const char *rest;
	size_t i;

	*why = "use a number of seconds or a number with ms, s, m or h (e.g. 1.5, 500ms, 2m)";
	if ((rest = parse_decimal(s, 3, &thousandths)) == NULL)
		return -1;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(rest, units[i].suffix) != 0)
			continue;
		if (thousandths > MAX_DURATION_MS * 1000 / units[i].ms) {
			*why = "longer than a year";
			return -1;
		}
		*ms = thousandths * units[i].ms / 1000;
		if (*ms == 0 && thousandths != 0) {
			*why = "shorter than a millisecond";
			return -1;
		}
		return 0;
	}
	return -1;
}

int
parse_size(const char *s, uint64_t *bytes, const char **why)
{
	uint64_t thousandths, mult = 1;
	const char *p;

	*why = "use a number of bytes or a number with k, m or g (e.g. 256m, 1.5g)";
	if ((p = parse_decimal(s, 3, &thousandths)) == NULL)
		return -1;
	switch (tolower((unsigned char)*p)) {
	case 'k': mult = 1ULL << 10; p++; break;
	case 'm': mult = 1ULL << 20; p++; break;
	case 'g': mult = 1ULL << 30; p++; break;
	case 't': mult = 1ULL << 40; p++; break;
	default: break;
	}
	if (mult > 1 && tolower((unsigned char)*p) == 'i')
		p++;
	if (tolower((unsigned char)*p) == 'b')
		p++;
	if (*p != '\0')
		return -1;
	if (thousandths / 1000 > MAX_SIZE / mult) {
		*why = "larger than 1 PiB";
		return -1;
	}
	/* Split to avoid overflow: whole units, then the fraction. */
	*bytes = thousandths / 1000 * mult + thousandths % 1000 * mult / 1000;
	if (*bytes > MAX_SIZE) {
		*why = "larger than 1 PiB";
		return -1;
	}
	return 0;
}

int
parse_cpus_milli(const char *s, unsigned *milli, const char **why)
{
	uint64_t v;
	const char *rest;

	*why = "use a number of cores from 0.01 to 1024, e.g. 0.5 or 2";
	rest = parse_decimal(s, 3, &v);
	if (rest == NULL || *rest != '\0' || v < 10 || v > 1024 * 1000)
		return -1;
	*milli = (unsigned)v;
	return 0;
}

int
parse_count(const char *s, unsigned min, unsigned max, unsigned *out)
{
	uint64_t v;
	const char *rest;

	rest = parse_decimal(s, 0, &v);
	if (rest == NULL || *rest != '\0' || v < min || v > max)
		return -1;
	*out = (unsigned)v;
	return 0;
}

static int
only_chars(const char *s, const char *extra)
{
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && strchr(extra, *s) == NULL)
			return 0;
	return 1;
}

int
check_image_name(const char *s, const char **why)
{
	*why = "an image reference has letters, digits and . _ - / : @ only, and does not start with '-'";
	if (*s == '\0' || *s == '-' || strlen(s) > 255 || !only_chars(s, "._-/:@"))
		return -1;
	return 0;
}

int
check_engine_word(const char *s, const char **why)
{
	*why = "use letters, digits and . _ - : only, not starting with '-'";
	if (*s == '\0' || *s == '-' || strlen(s) > 128 || !only_chars(s, "._-:"))
		return -1;
	return 0;
}

int
check_env_assignment(const char *s, const char **why)
{
	const char *eq = strchr(s, '=');
	const char *p;

	*why = "use NAME=VALUE with a name of letters, digits and _ not starting with a digit";
	if (eq == NULL || eq == s || isdigit((unsigned char)*s))
		return -1;
	for (p = s; p < eq; p++)
		if (!isalnum((unsigned char)*p) && *p != '_')
			return -1;
	return 0;
}

void
format_duration(uint64_t ms, char *buf, unsigned long len)
{
	char *end;

	if (ms < 1000) {
		snprintf(buf, len, "%llums", (unsigned long long)ms);
		return;
	}
	snprintf(buf, len, "%llu.%03llu", (unsigned long long)(ms / 1000),
	    (unsigned long long)(ms % 1000));
	end = buf + strlen(buf) - 1;
	while (*end == '0')
		*end-- = '\0';
	if (*end == '.')
		*end = '\0';
	strncat(buf, "s", len - strlen(buf) - 1);
}

void
format_size(uint64_t bytes, char *buf, unsigned long len)
{
	static const struct { char unit; uint64_t size; } units[] = {
		{ 'g', 1ULL << 30 }, { 'm', 1ULL << 20 }, { 'k', 1ULL << 10 },
	};
	size_t i;

	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (bytes != 0 && bytes % units[i].size == 0) {
			snprintf(buf, len, "%llu%c",
			    (unsigned long long)(bytes / units[i].size), units[i].unit);
			return;
		}
	}
	snprintf(buf, len, "%llu", (unsigned long long)bytes);
}

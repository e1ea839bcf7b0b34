/*
 * Container names are "sbx-" and 16 random hex digits, so parallel runs
 * (xargs -P8, make -j) never collide, even across hosts sharing one
 * engine. The owner label "host:pid" lets --gc tell a container whose sbx
 * is still running from one whose sbx was SIGKILLed.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "id.h"

static uint64_t
random_bits(void)
{
	uint64_t v = 0;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	struct timespec ts;

	if (fd != -1) {
		ssize_t n = read(fd, &v, sizeof(v));

		close(fd);
		if (n == (ssize_t)sizeof(v))
			return v;
	}
	/* No /dev/urandom (a chroot?): still unique per process and time. */
	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)getpid() << 40 ^ (uint64_t)ts.tv_sec << 20 ^
	    (uint64_t)ts.tv_nsec;
}

void
random_hex(char *out, size_t digits)
{
	static const char hex[] = "0123456789abcdef";
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < digits; i++) {
		if (i % 16 == 0)
			v = random_bits();
		out[i] = hex[v & 0xf];
		v >>= 4;
	}
	out[digits] = '\0';
}

void
container_id_new(struct container_id *id)
{
	char host[256];

	if (gethostname(host, sizeof(host)) == -1)
		snprintf(host, sizeof(host), "unknown");
	host[sizeof(host) - 1] = '\0';
	snprintf(id->name, sizeof(id->name), "sbx-%016llx",
	    (unsigned long long)random_bits());
	snprintf(id->owner, sizeof(id->owner), "%s:%ld", host, (long)getpid());
}

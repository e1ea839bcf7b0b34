/* The idle containers of a warm pool: its list, and the pool's locks. */
#ifndef SBX_WARM_LIST_H
#define SBX_WARM_LIST_H

#include <stdint.h>

#include "warm.h"

/* How long a refill waits for another refill of the same pool, and
 * anyone for the list, before giving up. */
#define WARM_LOCK_WAIT_MS	30000

/* One idle container of the pool's list: "ID NAME EXPIRY-MS" per line. */
struct warm_entry {
	char		 id[80];
	char		 name[128];
	uint64_t	 expiry_ms;
};

/* Wall-clock milliseconds: expiries outlive the process that wrote them. */
uint64_t warm_realtime_ms(void);

/* Letters, digits, '_', '.', '-': what a container name may hold. */
int	warm_name_char(char);

/*
 * A file per pool, host and user: "pool" (the list of idle containers;
 * its lock is also the right to change it) or "refill" (one refill at a
 * time, so parallel runs do not each count the same shortage). A file
 * that is not this user's own regular file is not used. Returns the
 * locked descriptor; -1: no lock (such a file, or waited too long).
 */
int	warm_lock(const struct warm_pool *, const char *what, uint64_t wait_ms);

/*
 * How many of the pool's list still run (whether or not they can still
 * be claimed: the pool never holds more than N); -1: no list.
 */
long	warm_list_count(const struct warm_pool *);

void	warm_list_add(const struct warm_pool *, const struct warm_entry *);

/*
 * Take the idle container that ends first out of the pool's list.
 * 0: *took is it, and *left says how many can still be claimed after
 * it; -1: none (or no list).
 */
int	warm_list_take(const struct warm_pool *, struct warm_entry *took,
	    long *left);

#endif

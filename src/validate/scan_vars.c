/*
 * The names a scan has seen assigned something a rule cares about: a
 * command line with findings, decoded or downloaded data, a module alias,
 * the root or home directory.
 * One open-addressing table (linear probing, at most half full) keyed by
 * the name's text, so each lookup costs the same however many names the
 * code defines; entries are never removed, only emptied, so memory grows
 * with the assignments the code makes and never past the input's size.
 * The hash is SipHash-1-3 under a key drawn once per process: with a fixed
 * hash such as the lexer's lex_hash, colliding names are cheap to make, and
 * 100,000 of them would turn every lookup into a walk of the whole table.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../util.h"
#include "scan_lex.h"
#include "scan_vars.h"

#define ROTL(x, b)	(uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))

static uint64_t	key0, key1;
static int	have_key;

static void
sip_round(uint64_t v[4])
{
	v[0] += v[1];
	v[1] = ROTL(v[1], 13) ^ v[0];
	v[0] = ROTL(v[0], 32);
	v[2] += v[3];
	v[3] = ROTL(v[3], 16) ^ v[2];
	v[0] += v[3];
	v[3] = ROTL(v[3], 21) ^ v[0];
	v[2] += v[1];
	v[1] = ROTL(v[1], 17) ^ v[2];
	v[2] = ROTL(v[2], 32);
}

/* SipHash-1-3: one round per 8 bytes, three to finish. */
static uint64_t
siphash13(const unsigned char *p, size_t n)
{
	uint64_t v[4], m;
	size_t i, left = n & 7;

	v[0] = key0 ^ 0x736f6d6570736575ULL;
	v[1] = key1 ^ 0x646f72616e646f6dULL;
	v[2] = key0 ^ 0x6c7967656e657261ULL;
	v[3] = key1 ^ 0x7465646279746573ULL;
	for (i = 0; i + 8 <= n; i += 8) {
		memcpy(&m, p + i, 8);	/* byte order only changes the key */
		v[3] ^= m;
		sip_round(v);
		v[0] ^= m;
	}
	m = (uint64_t)n << 56;
	while (left-- > 0)
		m |= (uint64_t)p[i + left] << (8 * left);
	v[3] ^= m;
	sip_round(v);
	v[0] ^= m;
	v[2] ^= 0xff;
	sip_round(v);
	sip_round(v);
	sip_round(v);
	return v[0] ^ v[1] ^ v[2] ^ v[3];
}

/*
 * The key only has to be unknown to whoever writes the code; should the
 * kernel have no entropy to give, the clock and the process id still
 * make it differ from run to run.
 */
static void
init_key(void)
{
	uint64_t k[2];
	struct timespec ts;

	if (getentropy(k, sizeof(k)) != 0) {
		clock_gettime(CLOCK_REALTIME, &ts);
		k[0] = (uint64_t)ts.tv_nsec * 0x9e3779b97f4a7c15ULL ^
		    (uint64_t)ts.tv_sec;
		k[1] = (uint64_t)getpid() * 0xc2b2ae3d27d4eb4fULL ^
		    (uint64_t)(uintptr_t)&ts;
	}
	key0 = k[0];
	key1 = k[1];
	have_key = 1;
}

void
vars_init(struct vars *vs, const char *code)
{
	memset(vs, 0, sizeof(*vs));
	vs->code = code;
	if (!have_key)
		init_key();
}

void
vars_free(struct vars *vs)
{
	size_t i;

	for (i = 0; i < vs->n; i++)
		findings_free(&vs->v[i].pend);
	free(vs->v);
	free(vs->slot);
	memset(vs, 0, sizeof(*vs));
}

/* The slot that holds the name, or the empty one where it would go. */
static size_t
probe(const struct vars *vs, size_t off, size_t len, uint64_t h)
{
	size_t k, mask = vs->nslot - 1;

	for (k = (size_t)h & mask; vs->slot[k] != 0; k = (k + 1) & mask) {
		const struct var *e = &vs->v[vs->slot[k] - 1];

		if (e->hash == h && e->name_len == len &&
		    memcmp(vs->code + e->name_off, vs->code + off, len) == 0)
			break;
	}
	return k;
}

struct var *
vars_find(const struct vars *vs, size_t off, size_t len)
{
	size_t k;

	if (vs->n == 0)
		return NULL;
	k = probe(vs, off, len, siphash13((const unsigned char *)vs->code +
	    off, len));
	return vs->slot[k] != 0 ? &vs->v[vs->slot[k] - 1] : NULL;
}

struct var *
vars_find_hashed(const struct vars *vs, size_t off, size_t len,
    unsigned lexhash)
{
	unsigned bit = lexhash % VARS_FILTER_BITS;

	if (!(vs->filter[bit / 8] & (1u << (bit % 8))))
		return NULL;
	return vars_find(vs, off, len);
}

static void
rehash(struct vars *vs)
{
	size_t i, k, n = vs->nslot == 0 ? 64 : vs->nslot * 2;

	free(vs->slot);
	vs->slot = xmalloc(n * sizeof(*vs->slot));
	memset(vs->slot, 0, n * sizeof(*vs->slot));
	vs->nslot = n;
	for (i = 0; i < vs->n; i++) {
		for (k = (size_t)vs->v[i].hash & (n - 1); vs->slot[k] != 0;
		    k = (k + 1) & (n - 1))
			;
		vs->slot[k] = i + 1;
	}
}

struct var *
vars_get(struct vars *vs, size_t off, size_t len)
{
	uint64_t h = siphash13((const unsigned char *)vs->code + off, len);
	unsigned bit = lex_hash((const unsigned char *)vs->code + off, len) %
	    VARS_FILTER_BITS;
	struct var *e;
	size_t k;

	vs->filter[bit / 8] |= (unsigned char)(1u << (bit % 8));
	if ((vs->n + 1) * 2 > vs->nslot)
		rehash(vs);
	k = probe(vs, off, len, h);
	if (vs->slot[k] != 0)
		return &vs->v[vs->slot[k] - 1];
	vs->v = xgrow(vs->v, vs->n, &vs->cap, sizeof(*vs->v));
	e = &vs->v[vs->n];
	memset(e, 0, sizeof(*e));
	e->name_off = off;
	e->name_len = len;
	e->hash = h;
	e->alias = I_NONE;
	vs->slot[k] = ++vs->n;
	return e;
}

void
vars_forget(struct vars *vs, size_t off, size_t len)
{
	struct var *v;

	if (vs->npend + vs->ntaint + vs->nroot + vs->nalias + vs->npart == 0 ||
	    (v = vars_find_hashed(vs, off, len, lex_hash((const unsigned char *)
	    vs->code + off, len))) == NULL)
		return;
	if (v->pend.n > 0) {
		findings_free(&v->pend);
		vs->npend--;
	}
	if (v->taint != 0) {
		v->taint = 0;
		vs->ntaint--;
	}
	if (v->root) {
		v->root = 0;
		vs->nroot--;
	}
	if (v->alias != I_NONE) {
		v->alias = I_NONE;
		vs->nalias--;
	}
	if (v->part != PART_NONE) {
		v->part = PART_NONE;
		vs->npart--;
	}
}

void
vars_hold(struct vars *vs, size_t off, size_t len, struct value *val)
{
	struct var *v;

	if (val->pend.n == 0 && val->taint == 0 && !val->root &&
	    val->alias == I_NONE && val->part == PART_NONE) {
		findings_free(&val->pend);
		return;
	}
	v = vars_get(vs, off, len);
	if (val->pend.n > 0) {
		if (v->pend.n == 0)
			vs->npend++;
		findings_free(&v->pend);
		v->pend = val->pend;
	} else
		findings_free(&val->pend);
	memset(&val->pend, 0, sizeof(val->pend));
	if (val->taint != 0 && v->taint == 0)
		vs->ntaint++;
	v->taint |= val->taint;
	if (val->root && !v->root)
		vs->nroot++;
	v->root |= val->root;
	if (val->alias != I_NONE) {
		if (v->alias == I_NONE)
			vs->nalias++;
		v->alias = val->alias;
	}
	if (val->part != PART_NONE) {
		if (v->part == PART_NONE)
			vs->npart++;
		v->part = val->part;
	}
}

void
vars_value(const struct var *v, struct value *val)
{
	size_t k;

	for (k = 0; k < v->pend.n; k++)
		findings_add(&val->pend, v->pend.v[k].rule,
		    v->pend.v[k].offset);
	val->taint |= v->taint;
	val->root |= v->root;
	if (v->alias != I_NONE)
		val->alias = v->alias;
	if (v->part != PART_NONE)
		val->part = v->part;
}

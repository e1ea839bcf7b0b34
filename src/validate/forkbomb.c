/*
 * :(){ :|:& };: by any name: a function whose body pipes it into itself
 * in the background. One pass with a stack of open braces; a pipe is
 * matched against the FORK_BOMB_DEPTH innermost functions around it,
 * which keeps the pass linear however deep the braces nest. Shell command
 * lines and string literals alike are read for it.
 */
#include <stdlib.h>
#include <string.h>

#include "../util.h"
#include "forkbomb.h"

#define FORK_BOMB_DEPTH	16

static int
is_name_char(int c)
{
	return (c != 0 && strchr("_:.-", c) != NULL) ||
	    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

/* An open brace, and the function whose body it opens, if it does. */
struct brace {
	size_t	 name, len;	/* len 0: not a function body */
};

/* b[q] is '{': the name of NAME ( ) { before it, or 0. */
static size_t
function_name(const char *b, size_t q, size_t *name)
{
	size_t p = q, e, s;

	while (p > 0 && (b[p - 1] == ' ' || b[p - 1] == '\n'))
		p--;
	if (p == 0 || b[p - 1] != ')')
		return 0;
	for (p--; p > 0 && b[p - 1] == ' '; p--)
		;
	if (p == 0 || b[p - 1] != '(')
		return 0;
	for (e = p - 1; e > 0 && b[e - 1] == ' '; e--)
		;
	for (s = e; s > 0 && is_name_char((unsigned char)b[s - 1]); s--)
		;
	*name = s;
	return e - s;
}

/*
 * b[u] is a lone '|': the name N of "N | N &" around it, or 0. The name
 * after the pipe is the whole run of name characters there, so each
 * pipe has one candidate and the check costs its length.
 */
static size_t
self_pipe(const char *b, size_t n, size_t u, size_t *name)
{
	size_t l = u, r, r1, k;

	while (l > 0 && b[l - 1] == ' ')
		l--;
	for (r = u + 1; r < n && b[r] == ' '; r++)
		;
	for (r1 = r; r1 < n && is_name_char((unsigned char)b[r1]); r1++)
		;
	for (k = r1; k < n && b[k] == ' '; k++)
		;
	if (r1 == r || k >= n || b[k] != '&' ||
	    (k + 1 < n && b[k + 1] == '&') || r1 - r > l ||
	    memcmp(b + l - (r1 - r), b + r, r1 - r) != 0)
		return 0;
	*name = r;
	return r1 - r;
}


int
fork_bomb_shape(const char *b, size_t n, size_t *at)
{
	struct brace *st = NULL;
	size_t nst = 0, cap = 0, i, k, name, len;
	unsigned seen;
	int found = 0;

	for (i = 0; i < n && !found; i++) {
		switch (b[i]) {
		case '{':
			st = xgrow(st, nst, &cap, sizeof(*st));
			st[nst].len = function_name(b, i, &st[nst].name);
			nst++;
			break;
		case '}':
			if (nst > 0)
				nst--;
			break;
		case '|':
			if ((i > 0 && b[i - 1] == '|') ||
			    (i + 1 < n && b[i + 1] == '|') ||
			    (len = self_pipe(b, n, i, &name)) == 0)
				break;
			for (k = nst, seen = 0; k-- > 0 &&
			    seen < FORK_BOMB_DEPTH; ) {
				if (st[k].len == 0)
					continue;
				seen++;
				if (st[k].len == len &&
				    memcmp(b + st[k].name, b + name, len) == 0) {
					*at = st[k].name;
					found = 1;
					break;
				}
			}
			break;
		default:
			break;
		}
	}
	free(st);
	if (found)
		return 1;
	for (i = 0; i + 15 <= n; i++) {
		if (memcmp(b + i, "fork while fork", 15) == 0) {
			*at = i;
			return 1;
		}
	}
	return 0;
}

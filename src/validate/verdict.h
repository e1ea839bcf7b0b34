/* A call closes and is judged by its arguments. */
#ifndef SBX_VERDICT_H
#define SBX_VERDICT_H

struct frame;
struct scan;

/* Does the call pass its argument's path on (expanduser, Path, str)? */
int	call_keeps_path(const struct scan *, const struct frame *);
/* Is the value of the bracket that closes / or the home directory? */
int	frame_is_root(const struct scan *, const struct frame *);
/* A shell call or tagged template closes: its command line is read. */
void	verdict_shell(struct scan *, const struct frame *);
void	verdict_call(struct scan *, const struct frame *);

#endif

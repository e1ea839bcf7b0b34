/* A private working directory for the engine client (podman's OOM note). */
#ifndef SBX_WORKDIR_H
#define SBX_WORKDIR_H

struct workdir {
	int	back;		/* the caller's directory, to return to */
	char	path[4096];
};

/* Make a private directory and chdir into it: 0, or -1 (nothing changed). */
int	workdir_enter(struct workdir *);
/* Back to the caller's directory. */
void	workdir_leave(struct workdir *);
/* Did the engine leave its out-of-memory note there? */
int	workdir_saw_oom(const struct workdir *);
/* Remove the note and the directory. */
void	workdir_remove(struct workdir *);

#endif

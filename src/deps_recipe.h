/* What a dependency image is built from: the build context, as text. */
#ifndef SBX_DEPS_RECIPE_H
#define SBX_DEPS_RECIPE_H

#include <stddef.h>

/* Where the packages are in the final image (and nothing else is). */
#define DEPS_PREFIX	"/opt/sbx-deps"

/* What the user asked to install, and how. */
struct deps_request {
	const char	*lang;		/* language name: the image's repository */
	const char	*manager;	/* "pip" or "npm" */
	const char	*index;		/* package index / registry URL */
	int		 scripts;	/* npm: run install scripts */
	int		 sdist;		/* pip: allow source distributions */
	int		 buildkit;	/* the CA comes as a build secret */
	/* The dependency file and its lockfile, under their names in the
	 * build (requirements.txt, package.json, package-lock.json, ...). */
	const char	*file_name, *lock_name;
	const char	*file, *lock;
	size_t		 file_len, lock_len;
};

struct deps_file {
	const char	*name;
	const char	*data;
	size_t		 len;
	unsigned	 mode;
};

#define DEPS_MAX_FILES	8

/* The generated build context, minus the CA bundle. */
struct deps_context {
	struct deps_file files[DEPS_MAX_FILES];
	size_t		 n;
	char		*owned[3];	/* generated texts, freed by deps_context_free */
};

/*
 * The recipe's own inputs to the image name: the install script (which
 * holds the manager, index and flags) and the helper scripts. Generated
 * text changes name new images, so an sbx that installs differently
 * never reuses an image an older one made.
 */
void	deps_context_make(struct deps_context *, const struct deps_request *,
	    const char *base_ref, const char *stage_label);
void	deps_context_free(struct deps_context *);
/* The install script alone: what the hash covers besides the files. */
char	*deps_install_script(const struct deps_request *);
/* What the step that installs is called in progress lines. */
void	deps_install_words(const struct deps_request *, char *, size_t);

/* Text the install script prints for sbx to read in the build output. */
#define DEPS_MARK_STEP	"@@sbx-deps step: "
#define DEPS_MARK_LOG	"@@sbx-deps log: "
#define DEPS_MARK_FAIL	"@@sbx-deps fail: "

#endif

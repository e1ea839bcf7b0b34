/* What a string literal's text means to the validator: paths and markers. */
#ifndef SBX_SCAN_STRINGS_H
#define SBX_SCAN_STRINGS_H

#include <stddef.h>

struct findings;

/*
 * "/", "/" followed by "*", "~", "$HOME", "/home", "/root" or a top-level
 * system directory; with env_names, also the variable names "HOME" and
 * "USERPROFILE" (as in os.environ["HOME"]).
 */
int	path_is_rootish(const char *, size_t, int env_names);
/*
 * Under /etc, /usr, /bin, /sbin, /lib*, /boot, /root, /sys, /proc/sys or
 * /var/lib, or a disk device.
 */
int	path_is_system(const char *, size_t);
/* The account databases: /etc/shadow, /etc/passwd, /etc/group, /etc/sudoers. */
int	path_is_sensitive(const char *, size_t);

/*
 * A literal that is one component of a path being joined, as in
 * os.path.join(home, ".ssh", "id_rsa"): what it says depends on the next.
 */
enum path_part {
	PART_NONE,
	PART_SSH,	/* ".ssh": a secret unless a public file follows */
	PART_CONFIG,	/* ".config": a secret if "gcloud" follows */
	PART_CRED,	/* ".aws", ".kube", ".azure": a secret whatever follows */
};

enum path_part	path_part_kind(const char *, size_t);
/* known_hosts, config, *.pub: the path component that starts at p. */
int	ssh_file_is_public(const char *p, size_t);
int	path_part_is_gcloud(const char *, size_t);

/*
 * Text that reads as sentences: at least PROSE_WORDS words of letters
 * (with their punctuation), and more such words than others. A path, a
 * command line or code has few; "removes everything under / when run as
 * root" has seven of eight.
 */
#define PROSE_WORDS	4
int	plain_prose(const char *, size_t);

/*
 * Report the markers found in code[off..off+len), a string literal's text,
 * and with shapes the shape of :(){ :|:& };:; a literal that is a path
 * component alone is left to path_part_kind.
 */
void	marks_scan(const char *code, size_t off, size_t len, int shapes,
	    struct findings *);

int	ascii_lower(int);
/* n bytes of p equal the lowercase ASCII string s, ignoring case. */
int	lower_eq(const char *p, const char *s, size_t n);

#endif

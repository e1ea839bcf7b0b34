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

/* Report the markers found in code[off..off+len), a string literal's text. */
void	marks_scan(const char *code, size_t off, size_t len, struct findings *);

int	ascii_lower(int);
/* n bytes of p equal the lowercase ASCII string s, ignoring case. */
int	lower_eq(const char *p, const char *s, size_t n);

#endif

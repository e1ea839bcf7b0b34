/*
 * The in-container bootstrap. Every container runs the same command,
 * "sh -c BOOT sbx-boot", and learns everything about its run from a
 * header on its stdin: what to unpack, what to write, what to compile
 * and what to run. Nothing run-specific is on the engine's command
 * line, so a container can be started before its code is known (a warm
 * pool), and any image with sh and coreutils runs any language entry.
 *
 * The header is text read with "IFS= read -r", which reads a pipe one
 * byte at a time and so never takes bytes that belong to what follows.
 * Words escape only backslash and newline (as \0134 and \012, decoded by
 * printf %b), so a plain word costs no fork to decode.
 *
 * With a trailer wanted (--json, --stats, -o), the program runs as a
 * background job that the bootstrap waits for; afterwards every other
 * process of the sandbox user is killed, then the cgroup's CPU and peak
 * memory and the tar of $SBX_OUT follow a marker on stdout. The program
 * can forge a marker (it can read this shell's memory), but it is dead
 * when the real one is written: sbx takes the last (see trailer.c).
 * A SIGUSR1 (sbx's deadline) kills the program early and still writes
 * the trailer, so files come back after a timeout.
 *
 * A warm run without a trailer asks for end marks instead (flag e): the
 * program runs the same way, and once it and everything it started are
 * dead, the same mark with its status ends stdout and stderr. sbx can
 * then end without waiting for the engine to take the container down.
 * A forged mark only ends the forger's own run early (warm.c's linger).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boot.h"
#include "util.h"

const char boot_script[] =
	"set -f\n"
	/* A warm pool container (warm.c) is this command with its TTL as $1. */
	"warm=$#\n"
	"fail() { printf 'sbx: %s\\n' \"$1\" >&2; exit 125; }\n"
	"line() {\n"
	"	IFS= read -r l || fail 'the bootstrap header ended early; "
	"this is a bug in sbx, please report it'\n"
	"}\n"
	"word() {\n"
	"	line\n"
	"	case $l in\n"
	"	*\\\\*) v=$(printf '%bx' \"$l\"); v=${v%x} ;;\n"
	"	*) v=$l ;;\n"
	"	esac\n"
	"}\n"
	"number() {\n"
	"	case $1 in\n"
	"	''|*[!0-9]*) fail 'bad bootstrap header; this is a bug in sbx, "
	"please report it' ;;\n"
	"	esac\n"
	"}\n"
	/* words P: a count, then that many words into P0, P1, ...; Pn = count */
	"words() {\n"
	"	line; number \"$l\"; eval \"$1n=\\$l\"; i=0\n"
	"	while [ \"$i\" -lt \"$l\" ]; do\n"
	"		n=$l; word; eval \"$1$i=\\$v\"; l=$n; i=$((i + 1))\n"
	"	done\n"
	"}\n"
	/* push P: append P0 ... P(Pn-1) to "$@" (the caller's, via eval) */
	"push='i=0; while [ \"$i\" -lt \"$((${P}n))\" ]; do "
	"eval \"set -- \\\"\\$@\\\" \\\"\\${$P$i}\\\"\"; i=$((i + 1)); done'\n"
	/* cpu: the cgroup's CPU time so far in ns (v2, or v1's cpuacct), or - */
	"g=/sys/fs/cgroup\n"
	"cgroup_cpu() {\n"
	"	cpu=-\n"
	"	if [ -r $g/cpu.stat ]; then\n"
	"		while read -r k x; do\n"
	"			[ \"$k\" = usage_usec ] && { cpu=${x}000; break; }\n"
	"		done <$g/cpu.stat\n"
	"	else\n"
	"		for f in $g/cpuacct/cpuacct.usage $g/cpu,cpuacct/cpuacct.usage; do\n"
	"			[ -r \"$f\" ] && { read -r cpu <\"$f\"; break; }\n"
	"		done\n"
	"	fi\n"
	"}\n"
	/*
	 * Unclaimed after its TTL, a warm container ends, and the engine
	 * (--rm) removes it: its first line is read under timeout(1), which
	 * leaves nothing running once the claim's line is in. (A background
	 * watchdog stopped by a trap hung now and then: dash can take the
	 * TERM just before its wait starts, and wait on.) The inner read
	 * takes the line and not a byte more, as BOOT's own read does.
	 */
	"if [ \"$warm\" = 1 ]; then\n"
	"	l=$(timeout -s KILL \"$1\" sh -c 'IFS= read -r l && printf %s \"$l\"') ||\n"
	"		fail 'the bootstrap header ended early; this is a bug in sbx, "
	"please report it'\n"
	"else line; fi\n"
	"set -- $l\n"
	"[ \"$#\" = 3 ] && [ \"$1\" = sbx-boot ] && [ \"$2\" = 1 ] || "
	"fail 'this bootstrap does not understand its header; "
	"is the image built for another sbx version?'\n"
	"nonce=$3\n"
	"line; set -- $l\n"
	"[ \"$#\" = 5 ] || fail 'bad bootstrap header; this is a bug in sbx, "
	"please report it'\n"
	"flags=$1 hard=$2 wsz=$3 csz=$4 kind=$5\n"
	"number \"$hard\"; number \"$wsz\"; number \"$csz\"\n"
	"word; work=$v\n"
	"word; file=$v\n"
	"words r; words c; words a\n"
	/*
	 * The CPU the cgroup used before this point is not the run's: a warm
	 * container's idle wait, or the engine's start of a cold one.
	 */
	"case $flags in *t*) cgroup_cpu; cpu0=$cpu ;; esac\n"
	"cd \"$work\" || fail \"cannot enter the working directory $work\"\n"
	"unset OLDPWD\n"
	"if [ \"$wsz\" -gt 0 ]; then\n"
	/* tar may stop at its end-of-archive blocks: drain the rest */
	"	head -c \"$wsz\" | { tar -x -f -; s=$?; cat >/dev/null; exit \"$s\"; } ||\n"
	"		fail 'could not unpack the workspace (see above)'\n"
	"fi\n"
	"case $kind in\n"
	"stream) ;;\n"
	"script|compile)\n"
	"	if [ \"$csz\" -gt 0 ] || [ ! -e \"$file\" ]; then\n"
	"		case $file in */*) mkdir -p \"${file%/*}\" ;; esac\n"
	"		head -c \"$csz\" >\"$file\" || fail \"cannot write the code to $file\"\n"
	"	fi ;;\n"
	"*) fail \"unknown language kind '$kind'\" ;;\n"
	"esac\n"
	"if [ \"$kind\" = compile ]; then\n"
	"	set --; P=c; eval \"$push\"\n"
	"	[ \"$hard\" -gt 0 ] && set -- timeout -s KILL \"$hard\" \"$@\"\n"
	/* the compiler's messages are diagnostics: stdout stays the program's */
	"	\"$@\" </dev/null >&2 || exit\n"
	"fi\n"
	"set --; P=r; eval \"$push\"\n"
	"[ \"$kind\" = stream ] && set -- \"$@\" \"$csz\" \"$file\"\n"
	"P=a; eval \"$push\"\n"
	"[ \"$hard\" -gt 0 ] && set -- timeout -s KILL \"$hard\" \"$@\"\n"
	/*
	 * A warm container is removed by the engine (--rm) as soon as it
	 * ends, and the engine drops an oom event that comes after that:
	 * a program killed there (137) keeps the container a moment, so
	 * that the kernel's word reaches the engine's event log (warm.c).
	 * Its shell waits with stderr on /dev/null, or it would say
	 * "Killed"; the program has the real one.
	 */
	"ended() { [ \"$warm\" = 1 ] && [ \"$1\" = 137 ] && sleep 1; exit \"$1\"; }\n"
	"case $flags in *[te]*) ;; *) [ \"$warm\" = 1 ] || exec \"$@\"\n"
	"	exec 3>&2 2>/dev/null\n"
	"	(exec \"$@\" 2>&3 3>&-); ended \"$?\" ;;\n"
	"esac\n"
	/*
	 * An asynchronous list gets /dev/null as stdin and ignores SIGINT
	 * and SIGQUIT: give it the real stdin back, and default dispositions
	 * where env can (coreutils 8.31 and later).
	 */
	"env --default-signal=INT,QUIT true 2>/dev/null &&\n"
	"	set -- env --default-signal=INT,QUIT \"$@\"\n"
	"caught=0\n"
	"trap 'caught=1; kill -s KILL -- -1 2>/dev/null' USR1\n"
	/* The shell's stderr is off while it waits, or it would say
	 * "Terminated" for a program a signal ended. */
	"exec 5<&0 0</dev/null 3>&2 2>/dev/null\n"
	"\"$@\" 0<&5 5<&- 2>&3 3>&- &\n"
	"pid=$!\n"
	"exec 5<&-\n"
	"wait \"$pid\"; st=$?\n"
	"if [ \"$caught\" = 1 ]; then wait \"$pid\"; s=$?; [ \"$s\" = 127 ] || st=$s; fi\n"
	"exec 2>&3 3>&-\n"
	"trap '' USR1\n"
	"kill -s KILL -- -1 2>/dev/null; kill -s KILL -- -1 2>/dev/null\n"
	"case $flags in *t*)\n"
	"	cgroup_cpu; [ \"$cpu\" != - ] && [ \"$cpu0\" != - ] && cpu=$((cpu - cpu0))\n"
	"	mem=-\n"
	"	if [ -r $g/memory.peak ]; then read -r mem <$g/memory.peak\n"
	"	elif [ -r $g/memory/memory.max_usage_in_bytes ]; then\n"
	"		read -r mem <$g/memory/memory.max_usage_in_bytes\n"
	"	fi\n"
	"	printf '\\001SBX%sTRAILER\\001cpu=%s mem=%s status=%s\\n' "
	"\"$nonce\" \"$cpu\" \"$mem\" \"$st\"\n"
	"	case $flags in *o*) (cd " BOOT_OUT_DIR " && tar -c -f - .) | base64 ;; esac ;;\n"
	"esac\n"
	/* The end marks (endmark.h): the program and all it started are dead. */
	"case $flags in *e*)\n"
	"	printf '\\001SBX%sEND%s\\001' \"$nonce\" \"$st\"\n"
	"	printf '\\001SBX%sEND%s\\001' \"$nonce\" \"$st\" >&2 ;;\n"
	"esac\n"
	"ended \"$st\"\n";

static int
is_plain_relative(const char *path)
{
	const char *p = path;

	if (*p == '\0' || *p == '/' || *p == '-')
		return 0;
	while (*p != '\0') {
		size_t len = strcspn(p, "/");

		if (len == 0 || (len == 1 && p[0] == '.') ||
		    (len == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		p += len;
		if (*p == '/')
			p++;
	}
	return p[-1] != '/';
}

char *
boot_file_for(const char *display_name)
{
	const char *base;

	if (is_plain_relative(display_name))
		return xstrdup(display_name);
	base = strrchr(display_name, '/');
	base = base != NULL ? base + 1 : display_name;
	if (*base == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
		base = "main";
	/* "./" keeps a name such as "-x.sh" from being read as an option. */
	if (*base == '-')
		{ char *s = xmalloc(strlen(base) + 3); sprintf(s, "./%s", base); return s; }
	return xstrdup(base);
}

static void
put(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

/* A word on its own line: backslash and newline escaped, as printf %b reads them. */
static void
put_word(struct buf *b, const char *w)
{
	for (; *w != '\0'; w++) {
		if (*w == '\\')
			put(b, "\\0134");
		else if (*w == '\n')
			put(b, "\\012");
		else
			buf_append(b, w, 1);
	}
	buf_append(b, "\n", 1);
}

static void
put_count(struct buf *b, size_t n)
{
	char num[32];

	snprintf(num, sizeof(num), "%zu\n", n);
	put(b, num);
}

/* {file} and {bin} replaced by where the code and the program are. */
static char *
substitute(const char *word, const struct boot_request *r)
{
	struct buf out = { 0 };
	const char *p = word;

	while (*p != '\0') {
		if (strncmp(p, "{file}", 6) == 0) {
			put(&out, r->file);
			p += 6;
		} else if (strncmp(p, "{bin}", 5) == 0) {
			put(&out, r->bin != NULL ? r->bin : BOOT_BIN_DIR "/main");
			p += 5;
		} else
			buf_append(&out, p++, 1);
	}
	buf_append(&out, "", 1);
	return out.data;
}

static void
put_command(struct buf *b, const char *const *words,
    const struct boot_request *r)
{
	size_t i, n = 0;

	while (words != NULL && words[n] != NULL)
		n++;
	put_count(b, n);
	for (i = 0; i < n; i++) {
		char *w = substitute(words[i], r);

		put_word(b, w);
		free(w);
	}
}

int
boot_header(const struct boot_request *r, struct buf *b)
{
	const struct lang *l = r->lang;
	char line[160];
	size_t i;

	snprintf(line, sizeof(line), "%s 1 %s\n", BOOT_NAME, r->nonce);
	put(b, line);
	snprintf(line, sizeof(line), "%s%s%s%s %u %llu %zu %s\n",
	    r->flags & BOOT_TRAILER ? "t" : "",
	    r->flags & BOOT_COLLECT_OUT ? "o" : "",
	    r->flags & BOOT_END_MARKS ? "e" : "",
	    r->flags == 0 ? "-" : "", r->hard_secs,
	    (unsigned long long)r->workspace_bytes, r->code_bytes,
	    lang_kind_name(r->kind));
	put(b, line);
	put_word(b, r->workdir);
	put_word(b, r->file);
	put_command(b, r->kind == LANG_STREAM ? l->stream_command :
	    l->run_command, r);
	put_command(b, r->kind == LANG_COMPILE ? l->compile_command : NULL, r);
	put_count(b, r->nargs);
	for (i = 0; i < r->nargs; i++)
		put_word(b, r->args[i]);
	return 0;
}

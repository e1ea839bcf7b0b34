/* Exit statuses, defaults and the options of one run: what every module agrees on. */
#ifndef SBX_H
#define SBX_H

#include <stddef.h>
#include <stdint.h>

#define SBX_VERSION		"0.1.0"

/* Exit statuses (timeout(1) and docker run use the same numbers). */
#define EXIT_TIMEDOUT		124
#define EXIT_CANCELED		125	/* sbx or the engine failed */
#define EXIT_REFUSED		126	/* --validate refused the code */
#define EXIT_OOM		137	/* 128 + SIGKILL */
#define EXIT_OUTPUT_LIMIT	153	/* 128 + SIGXFSZ, like a file size limit */

/* Defaults, each overridable by a flag or an SBX_* variable. */
#define DEFAULT_TIMEOUT_MS	30000
#define DEFAULT_MEMORY		(256ULL << 20)
#define DEFAULT_CPUS_MILLI	500
#define DEFAULT_NETWORK		"none"
#define DEFAULT_PIDS		64
#define DEFAULT_TMP_SIZE	(64ULL << 20)
#define DEFAULT_OUTPUT_LIMIT	(16ULL << 20)
#define DEFAULT_ENGINE		"docker"
/* -C and -o: the workspace tmpfs, and what may come back into DIR. */
#define DEFAULT_WORKSPACE_SIZE	DEFAULT_TMP_SIZE
#define DEFAULT_OUT_MAX_SIZE	(64ULL << 20)
#define DEFAULT_OUT_MAX_FILES	10000
/*
 * With the trailer wanted, the deadline first asks BOOT (SIGUSR1) to
 * stop the program and hand back its files and facts; the usual kill
 * follows this long after.
 */
#define COLLECT_GRACE_MS	2000
/* --warm: idle pool containers end by themselves after this long. */
#define DEFAULT_WARM_TTL_MS	(10ULL * 60 * 1000)
#define MAX_WARM		64
#define MIN_WARM_TTL_MS		1000
/* sbx --gc removes dependency images unused this long (--deps-keep). */
#define DEFAULT_DEPS_KEEP_MS	(30ULL * 24 * 3600 * 1000)

#define NOFILE_LIMIT		256
/*
 * RLIMIT_NPROC counts every process and thread of the uid on the whole
 * host, and all sbx containers run as the same uid 10001: a small value
 * would let parallel runs (or one run's fork bomb) make forks fail in
 * the others. --pids-limit is the per-container containment; this is
 * only set at all because an engine that is not told a value picks its
 * own (rootful podman: 1048576), and raising a hard limit above the
 * host's needs CAP_SYS_RESOURCE, without which the container does not
 * start. 8192 leaves room for 128 parallel runs at the default pids
 * limit, and is below the kernel's default hard limit on any host with
 * 2 GiB of RAM or more (threads-max / 2, about one per 256 KiB).
 */
#define NPROC_LIMIT		8192
#define MIN_MEMORY		(6ULL << 20)	/* the engine refuses less */
#define MAX_CODE_SIZE		(64U << 20)

/*
 * After a stop (deadline, signal, output limit), how long sbx waits for
 * the engine to kill the container before it abandons the CLI. With a
 * healthy engine sbx returns well within it (typically 0.3 s).
 */
#define KILL_GRACE_MS		5000
/*
 * The in-container deadline (timeout(1) around the interpreter) fires
 * this long after sbx's own, rounded up to whole seconds and counted from
 * the container's start, which is later than sbx's: it acts only when
 * sbx and its guard cannot.
 */
#define INNER_DEADLINE_MARGIN_MS 1000
/*
 * Upper bound for one engine query (inspect, rm, ...). Only an engine
 * that stops answering makes a run end later than deadline + grace.
 */
#define QUERY_TIMEOUT_MS	20000
/*
 * The same bound once the engine has answered nothing within
 * KILL_GRACE_MS, neither a kill nor "version" (the client was
 * abandoned): an engine that answers nothing for that long is stuck, and
 * a caller must not be held for QUERY_TIMEOUT_MS more. (A slow engine,
 * whose kill waits while the container is still being started on a
 * loaded machine, answers "version" and keeps QUERY_TIMEOUT_MS.) A
 * removal that does not make it in time is handed to the guard, which
 * removes the container once the engine answers.
 */
#define STUCK_QUERY_MS		2000
/*
 * The guard's removal when sbx could not remove the container itself (or
 * died): tried, then tried again every GUARD_RETRY_S seconds, at most
 * GUARD_ATTEMPTS times in all, until the engine answers that it is gone.
 * An engine that only restarts (dockerd killed) is back well within it.
 */
#define GUARD_ATTEMPTS		60
#define GUARD_RETRY_S		2
/*
 * How long a removal waits for one already in progress (the guard of a
 * SIGKILLed sbx, a parallel --gc) to finish: docker needs well under a
 * second to remove a stopped container.
 */
#define REMOVAL_WAIT_MS		10000
/* How often a container listing is asked again when it raced a removal. */
#define LIST_ATTEMPTS		5
/*
 * Upper bound for "<engine> version", asked only to explain a failure:
 * a healthy engine answers in well under a second.
 */
#define PROBE_TIMEOUT_MS	5000

enum mode {
	MODE_RUN,
	MODE_CHECK,
	MODE_LANGUAGES,
	MODE_GC,
	MODE_DOCTOR,
	MODE_HELP,
	MODE_VERSION,
};

struct lang;
struct lang_table;

struct sbx_opts {
	enum mode	 mode;
	const struct lang_table *languages;
	const struct lang *lang;
	const char	*file;		/* NULL or "-": code comes from stdin */
	char	*const *args;		/* program arguments, after "--" */
	size_t		 nargs;

	uint64_t	 timeout_ms;	/* 0: no deadline */
	uint64_t	 memory;	/* bytes, swap included */
	unsigned	 cpus_milli;	/* thousandths of a core */
	const char	*network;
	unsigned	 pids;
	uint64_t	 tmp_size;
	int		 writable;
	uint64_t	 output_limit;	/* bytes per stream, 0: none */
	const char	*image;		/* the language's own unless -i */
	const char	*runtime;	/* NULL: the engine's default */
	const char	*engine;
	const char	**env;		/* NAME=VALUE */
	size_t		 nenv;
	int		 json;
	int		 validate;
	int		 dry_run;
	int		 quiet;

	const char	*workspace;	/* -C DIR, or NULL */
	const char	**excludes;	/* --exclude GLOB */
	size_t		 nexcludes;
	uint64_t	 workspace_size;
	const char	*out_dir;	/* -o DIR, or NULL */
	uint64_t	 out_max_size;
	unsigned	 out_max_files;
	int		 stats;
	/* --deps: packages installed into a derived image (deps.c). */
	const char	*deps_file;	/* NULL: none */
	const char	*deps_index;	/* NULL: PIP_INDEX_URL, npm_config_registry or the public one */
	const char	*deps_network;	/* the build's; NULL: the engine's default */
	const char	*deps_ca;	/* CA bundle trusted by the build; "none" */
	int		 deps_scripts;	/* npm: run install scripts */
	int		 deps_sdist;	/* pip: allow source distributions */
	uint64_t	 deps_keep_ms;	/* --gc: keep images used this recently; 0: none */
	/* --warm: pre-started single-use containers (warm.c). */
	unsigned	 warm;		/* pool size; 0: off */
	uint64_t	 warm_ttl_ms;
};

#endif

/*
 * Option parsing. Every value is checked here, before an engine is ever
 * started, so later stages can trust struct sbx_opts. Options end at the
 * LANGUAGE operand (getopt's leading '+'), as with env(1) and timeout(1):
 * what follows belongs to the program, after "--".
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "lang.h"
#include "parse.h"
#include "util.h"

#define MAX_PIDS	4194304

enum long_only {
	OPT_PIDS = 256,
	OPT_TMP_SIZE,
	OPT_WRITABLE,
	OPT_OUTPUT_LIMIT,
	OPT_RUNTIME,
	OPT_ENGINE,
	OPT_JSON,
	OPT_VALIDATE,
	OPT_DRY_RUN,
	OPT_CHECK,
	OPT_LANGUAGES,
	OPT_GC,
	OPT_DOCTOR,
	OPT_VERSION,
	OPT_EXCLUDE,
	OPT_WORKSPACE_SIZE,
	OPT_OUT_MAX_SIZE,
	OPT_OUT_MAX_FILES,
	OPT_STATS,
	OPT_DEPS,
	OPT_DEPS_SCRIPTS,
	OPT_DEPS_SDIST,
	OPT_DEPS_INDEX,
	OPT_DEPS_NETWORK,
	OPT_DEPS_CA,
	OPT_DEPS_KEEP,
	OPT_WARM,
	OPT_WARM_TTL,
};

static const struct option long_options[] = {
	{ "timeout",		required_argument,	NULL, 't' },
	{ "memory",		required_argument,	NULL, 'm' },
	{ "cpus",		required_argument,	NULL, 'c' },
	{ "network",		required_argument,	NULL, 'n' },
	{ "pids",		required_argument,	NULL, OPT_PIDS },
	{ "tmp-size",		required_argument,	NULL, OPT_TMP_SIZE },
	{ "writable",		no_argument,		NULL, OPT_WRITABLE },
	{ "output-limit",	required_argument,	NULL, OPT_OUTPUT_LIMIT },
	{ "image",		required_argument,	NULL, 'i' },
	{ "runtime",		required_argument,	NULL, OPT_RUNTIME },
	{ "env",		required_argument,	NULL, 'e' },
	{ "engine",		required_argument,	NULL, OPT_ENGINE },
	{ "json",		no_argument,		NULL, OPT_JSON },
	{ "validate",		no_argument,		NULL, OPT_VALIDATE },
	{ "dry-run",		no_argument,		NULL, OPT_DRY_RUN },
	{ "quiet",		no_argument,		NULL, 'q' },
	{ "check",		no_argument,		NULL, OPT_CHECK },
	{ "languages",		no_argument,		NULL, OPT_LANGUAGES },
	{ "gc",			no_argument,		NULL, OPT_GC },
	{ "doctor",		no_argument,		NULL, OPT_DOCTOR },
	{ "workspace",		required_argument,	NULL, 'C' },
	{ "exclude",		required_argument,	NULL, OPT_EXCLUDE },
	{ "workspace-size",	required_argument,	NULL, OPT_WORKSPACE_SIZE },
	{ "out",		required_argument,	NULL, 'o' },
	{ "out-max-size",	required_argument,	NULL, OPT_OUT_MAX_SIZE },
	{ "out-max-files",	required_argument,	NULL, OPT_OUT_MAX_FILES },
	{ "stats",		no_argument,		NULL, OPT_STATS },
	{ "deps",		required_argument,	NULL, OPT_DEPS },
	{ "deps-scripts",	no_argument,		NULL, OPT_DEPS_SCRIPTS },
	{ "deps-sdist",		no_argument,		NULL, OPT_DEPS_SDIST },
	{ "deps-index",		required_argument,	NULL, OPT_DEPS_INDEX },
	{ "deps-network",	required_argument,	NULL, OPT_DEPS_NETWORK },
	{ "deps-ca",		required_argument,	NULL, OPT_DEPS_CA },
	{ "deps-keep",		required_argument,	NULL, OPT_DEPS_KEEP },
	{ "warm",		required_argument,	NULL, OPT_WARM },
	{ "warm-ttl",		required_argument,	NULL, OPT_WARM_TTL },
	{ "help",		no_argument,		NULL, 'h' },
	{ "version",		no_argument,		NULL, OPT_VERSION },
	{ NULL,			0,			NULL, 0 },
};

void
cli_usage(void)
{
	fputs(
"usage: sbx [options] language [file | -] [[--] arg ...]\n"
"       sbx --check [--json] language [file | -]\n"
"       sbx --languages | --gc | --doctor | --help | --version\n"
"\n"
"Run untrusted code in a hardened, throw-away container. The code is FILE,\n"
"or stdin when FILE is absent or '-'. With FILE, stdin goes to the program.\n"
"\n"
"  -t, --timeout DUR       wall-clock limit: 1.5, 500ms, 2s, 1m; 0 = none (30s)\n"
"  -m, --memory SIZE       memory limit, swap included (256m)\n"
"  -c, --cpus N            CPU quota in cores (0.5)\n"
"  -n, --network MODE      engine network mode (none)\n"
"      --pids N            process and thread limit (64)\n"
"      --tmp-size SIZE     size of the writable /tmp (64m)\n"
"      --writable          do not make the root filesystem read-only\n"
"      --output-limit SIZE cut and kill past SIZE per stream; 0 = none (16m)\n"
"  -i, --image IMAGE       image to run (per language)\n"
"      --runtime NAME      OCI runtime, e.g. runsc (engine default)\n"
"  -e, --env NAME=VALUE    set a variable for the program (repeatable)\n"
"      --engine PROG       container CLI: docker, podman (docker)\n"
"      --json              print one JSON result object on stdout\n"
"      --validate          scan the code first; refuse to run it if flagged\n"
"      --dry-run           print the engine command line; run nothing\n"
"  -q, --quiet             no diagnostics except hard errors\n"
"  -C, --workspace DIR     a copy of DIR is the working directory; FILE is in it\n"
"      --exclude GLOB      leave matching files out of the workspace (repeatable)\n"
"      --workspace-size SIZE  cap on the workspace and its tmpfs (64m)\n"
"  -o, --out DIR           files left in $SBX_OUT come back into DIR\n"
"      --out-max-size SIZE cap on the bytes brought back (64m)\n"
"      --out-max-files N   cap on the files and directories brought back (10000)\n"
"      --stats             one line on stderr after the run: wall, CPU, memory\n"
"      --deps FILE         run with requirements.txt or package.json installed\n"
"      --deps-scripts      npm: run install scripts (off)\n"
"      --deps-sdist        pip: allow source distributions (wheels only)\n"
"      --deps-index URL    package index or registry for the build\n"
"      --deps-network MODE network of the build (engine default)\n"
"      --deps-ca FILE      CA bundle the build trusts, or none (the host's)\n"
"      --deps-keep DUR     --gc keeps dependency images used within DUR (30d)\n"
"      --warm N            keep N pre-started single-use containers (0 = off)\n"
"      --warm-ttl DUR      an unclaimed warm container ends after DUR (10m)\n"
"\n"
"Options with a value, --writable, --validate and the --deps-* flags are\n"
"also read from SBX_<NAME> (SBX_TIMEOUT, SBX_MEMORY, ...); a flag beats its\n"
"variable.\n"
"Exit status: the program's own; 124 timeout; 125 sbx or engine failure;\n"
"126 refused by --validate; 137 out of memory; 153 output limit;\n"
"128+N sbx got signal N. See sbx(1).\n",
	    stdout);
}

static void
set_duration(const char *what, const char *value, uint64_t *out)
{
	const char *why;

	if (parse_duration_ms(value, out, &why) == -1)
		die("invalid %s '%s': %s", what, value, why);
}

static void
set_size(const char *what, const char *value, uint64_t min, uint64_t *out)
{
	const char *why;
	char shown[32];

	if (parse_size(value, out, &why) == -1)
		die("invalid %s '%s': %s", what, value, why);
	if (*out < min) {
		format_size(min, shown, sizeof(shown));
		die("invalid %s '%s': the engine needs at least %s", what, value,
		    shown);
	}
}

static void
set_cpus(const char *what, const char *value, unsigned *out)
{
	const char *why;

	if (parse_cpus_milli(value, out, &why) == -1)
		die("invalid %s '%s': %s", what, value, why);
}

static void
set_pids(const char *what, const char *value, unsigned *out)
{
	if (parse_count(value, 1, MAX_PIDS, out) == -1)
		die("invalid %s '%s': use a whole number from 1 to %u", what,
		    value, MAX_PIDS);
}

static void
set_word(const char *what, const char *value,
    int (*check)(const char *, const char **), const char **out)
{
	const char *why;

	if (check(value, &why) == -1)
		die("invalid %s '%s': %s", what, value, why);
	*out = value;
}

static void
set_flag(const char *what, const char *value, int *out)
{
	static const char *const yes[] = { "1", "true", "yes", "on", NULL };
	static const char *const no[] = { "0", "false", "no", "off", "", NULL };
	size_t i;

	for (i = 0; yes[i] != NULL; i++)
		if (strcmp(value, yes[i]) == 0) {
			*out = 1;
			return;
		}
	for (i = 0; no[i] != NULL; i++)
		if (strcmp(value, no[i]) == 0) {
			*out = 0;
			return;
		}
	die("invalid %s '%s': use 1 or 0", what, value);
}

static void
add_env(struct sbx_opts *o, const char *value)
{
	const char *why;

	if (check_env_assignment(value, &why) == -1)
		die("invalid --env '%s': %s", value, why);
	o->env = xrealloc(o->env, (o->nenv + 1) * sizeof(*o->env));
	o->env[o->nenv++] = value;
}

/* An index URL goes into a shell script in the build: no surprises. */
static int
is_index_url(const char *s, const char **why)
{
	const char *p;

	*why = "give an http:// or https:// URL without spaces or quotes";
	if (strncmp(s, "http://", 7) != 0 && strncmp(s, "https://", 8) != 0)
		return -1;
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f || *p == '\'' ||
		    *p == '"' || *p == '\\')
			return -1;
	return 0;
}

static int
is_path(const char *s, const char **why)
{
	*why = "give a path";
	return *s == '\0' ? -1 : 0;
}

/* A duration, or whole days with a "d" suffix (30d). */
static void
set_age(const char *what, const char *value, uint64_t *out)
{
	size_t n = strlen(value);
	unsigned days;
	char *copy;
	int bad;

	if (n > 1 && value[n - 1] == 'd') {
		copy = xstrdup(value);
		copy[n - 1] = '\0';
		bad = parse_count(copy, 0, 3650, &days) == -1;
		free(copy);
		if (bad)
			die("invalid %s '%s': use whole days from 0 to 3650, "
			    "e.g. 30d", what, value);
		*out = (uint64_t)days * 24 * 3600 * 1000;
		return;
	}
	set_duration(what, value, out);
}

static int
is_engine_name(const char *s, const char **why)
{
	*why = "give a program name or path";
	return *s == '\0' || *s == '-' ? -1 : 0;
}

/*
 * One setting from a flag or its variable. `what` names the source in
 * messages; a boolean flag given on the command line has no value.
 */
static void
apply_setting(struct sbx_opts *o, int opt, const char *what, const char *value)
{
	switch (opt) {
	case 't': set_duration(what, value, &o->timeout_ms); break;
	case 'm': set_size(what, value, MIN_MEMORY, &o->memory); break;
	case 'c': set_cpus(what, value, &o->cpus_milli); break;
	case 'n': set_word(what, value, check_engine_word, &o->network); break;
	case OPT_PIDS: set_pids(what, value, &o->pids); break;
	case OPT_TMP_SIZE: set_size(what, value, 1 << 20, &o->tmp_size); break;
	case OPT_OUTPUT_LIMIT: set_size(what, value, 0, &o->output_limit); break;
	case 'i': set_word(what, value, check_image_name, &o->image); break;
	case OPT_RUNTIME: set_word(what, value, check_engine_word, &o->runtime); break;
	case OPT_ENGINE: set_word(what, value, is_engine_name, &o->engine); break;
	case 'C': set_word(what, value, is_path, &o->workspace); break;
	case 'o': set_word(what, value, is_path, &o->out_dir); break;
	case OPT_WORKSPACE_SIZE:
		set_size(what, value, 1 << 20, &o->workspace_size);
		break;
	case OPT_OUT_MAX_SIZE: set_size(what, value, 0, &o->out_max_size); break;
	case OPT_OUT_MAX_FILES:
		if (parse_count(value, 0, 10000000, &o->out_max_files) == -1)
			die("invalid %s '%s': use a whole number from 0 to "
			    "10000000", what, value);
		break;
	case OPT_WRITABLE:
		if (value == NULL)
			o->writable = 1;
		else
			set_flag(what, value, &o->writable);
		break;
	case OPT_VALIDATE:
		if (value == NULL)
			o->validate = 1;
		else
			set_flag(what, value, &o->validate);
		break;
	case OPT_DEPS: set_word(what, value, is_path, &o->deps_file); break;
	case OPT_DEPS_SCRIPTS:
		if (value == NULL)
			o->deps_scripts = 1;
		else
			set_flag(what, value, &o->deps_scripts);
		break;
	case OPT_DEPS_SDIST:
		if (value == NULL)
			o->deps_sdist = 1;
		else
			set_flag(what, value, &o->deps_sdist);
		break;
	case OPT_DEPS_INDEX: set_word(what, value, is_index_url, &o->deps_index); break;
	case OPT_DEPS_NETWORK: set_word(what, value, check_engine_word, &o->deps_network); break;
	case OPT_DEPS_CA: set_word(what, value, is_path, &o->deps_ca); break;
	case OPT_DEPS_KEEP: set_age(what, value, &o->deps_keep_ms); break;
	case OPT_WARM:
		if (parse_count(value, 0, MAX_WARM, &o->warm) == -1)
			die("invalid %s '%s': use a whole number from 0 to %d",
			    what, value, MAX_WARM);
		break;
	case OPT_WARM_TTL:
		set_duration(what, value, &o->warm_ttl_ms);
		if (o->warm_ttl_ms < MIN_WARM_TTL_MS)
			die("invalid %s '%s': use at least 1s", what, value);
		break;
	default:
		die("internal error: option %d has no setting", opt);
	}
}

static const struct {
	const char	*name;
	int		 opt;
} variables[] = {
	{ "SBX_TIMEOUT",	't' },
	{ "SBX_MEMORY",		'm' },
	{ "SBX_CPUS",		'c' },
	{ "SBX_NETWORK",	'n' },
	{ "SBX_PIDS",		OPT_PIDS },
	{ "SBX_TMP_SIZE",	OPT_TMP_SIZE },
	{ "SBX_WRITABLE",	OPT_WRITABLE },
	{ "SBX_OUTPUT_LIMIT",	OPT_OUTPUT_LIMIT },
	{ "SBX_IMAGE",		'i' },
	{ "SBX_RUNTIME",	OPT_RUNTIME },
	{ "SBX_ENGINE",		OPT_ENGINE },
	{ "SBX_VALIDATE",	OPT_VALIDATE },
	{ "SBX_WORKSPACE",	'C' },
	{ "SBX_WORKSPACE_SIZE",	OPT_WORKSPACE_SIZE },
	{ "SBX_OUT",		'o' },
	{ "SBX_OUT_MAX_SIZE",	OPT_OUT_MAX_SIZE },
	{ "SBX_OUT_MAX_FILES",	OPT_OUT_MAX_FILES },
	{ "SBX_DEPS",		OPT_DEPS },
	{ "SBX_DEPS_SCRIPTS",	OPT_DEPS_SCRIPTS },
	{ "SBX_DEPS_SDIST",	OPT_DEPS_SDIST },
	{ "SBX_DEPS_INDEX",	OPT_DEPS_INDEX },
	{ "SBX_DEPS_NETWORK",	OPT_DEPS_NETWORK },
	{ "SBX_DEPS_CA",	OPT_DEPS_CA },
	{ "SBX_DEPS_KEEP",	OPT_DEPS_KEEP },
	{ "SBX_WARM",		OPT_WARM },
	{ "SBX_WARM_TTL",	OPT_WARM_TTL },
};
#define NVARIABLES	(sizeof(variables) / sizeof(variables[0]))

static int
variable_of(int opt)
{
	size_t i;

	for (i = 0; i < NVARIABLES; i++)
		if (variables[i].opt == opt)
			return (int)i;
	return -1;
}

/* Variables fill in what no flag set; an empty variable counts as unset. */
static void
read_environment(struct sbx_opts *o, const int *given)
{
	const char *v;
	size_t i;

	for (i = 0; i < NVARIABLES; i++) {
		if (given[i] || (v = getenv(variables[i].name)) == NULL ||
		    *v == '\0')
			continue;
		apply_setting(o, variables[i].opt, variables[i].name, v);
	}
}

static void
set_mode(struct sbx_opts *o, enum mode mode, const char *flag)
{
	if (o->mode != MODE_RUN && o->mode != mode)
		die("%s cannot be combined with another action; give one of "
		    "--check, --languages, --gc, --doctor", flag);
	o->mode = mode;
}

/* LANGUAGE [FILE | -] [[--] ARG...], all after the options. */
static void
parse_operands(struct sbx_opts *o, int argc, char **argv)
{
	int i = 0;

	if (argc == 0)
		die("no language given; try 'sbx python file.py' or 'sbx --languages'");
	if ((o->lang = lang_find(o->languages, argv[0])) == NULL)
		die("unknown language '%s'; 'sbx --languages' lists them", argv[0]);
	if (o->image == NULL)
		o->image = o->lang->image;
	i = 1;
	if (i < argc && strcmp(argv[i], "--") != 0) {
		if (argv[i][0] == '-' && argv[i][1] != '\0')
			die("options go before the language: move '%s' in front "
			    "of '%s'", argv[i], argv[0]);
		o->file = argv[i++];
	}
	/*
	 * After FILE the words are the program's, as with "python main.py
	 * data.csv"; a first one that looks like an option is more likely
	 * meant for sbx, so it needs the '--' that makes it the program's.
	 */
	if (i < argc && strcmp(argv[i], "--") == 0)
		i++;
	else if (i < argc && argv[i][0] == '-')
		die("options go before the language: move '%s' in front of "
		    "'%s', or after '--' if it is the program's", argv[i],
		    argv[0]);
	if (i < argc && o->mode == MODE_CHECK)
		die("--check runs nothing, so it takes no program arguments");
	o->args = argv + i;
	o->nargs = (size_t)(argc - i);
}

void
cli_parse(int argc, char **argv, const struct lang_table *languages,
    struct sbx_opts *o)
{
	int given[NVARIABLES] = { 0 };
	int c, index = -1;

	memset(o, 0, sizeof(*o));
	o->languages = languages;
	o->mode = MODE_RUN;
	o->timeout_ms = DEFAULT_TIMEOUT_MS;
	o->memory = DEFAULT_MEMORY;
	o->cpus_milli = DEFAULT_CPUS_MILLI;
	o->network = DEFAULT_NETWORK;
	o->pids = DEFAULT_PIDS;
	o->tmp_size = DEFAULT_TMP_SIZE;
	o->output_limit = DEFAULT_OUTPUT_LIMIT;
	o->engine = DEFAULT_ENGINE;
	o->workspace_size = DEFAULT_WORKSPACE_SIZE;
	o->out_max_size = DEFAULT_OUT_MAX_SIZE;
	o->out_max_files = DEFAULT_OUT_MAX_FILES;
	o->deps_keep_ms = DEFAULT_DEPS_KEEP_MS;
	o->warm_ttl_ms = DEFAULT_WARM_TTL_MS;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "+:t:m:c:n:i:e:C:o:qh", long_options,
	    &index)) != -1) {
		int var = variable_of(c);
		char flag[64];

		if (var != -1) {
			given[var] = 1;
			if (index != -1)
				snprintf(flag, sizeof(flag), "--%s",
				    long_options[index].name);
			else
				snprintf(flag, sizeof(flag), "-%c", c);
			apply_setting(o, c, flag, optarg);
			index = -1;
			continue;
		}
		index = -1;
		switch (c) {
		case 'e': add_env(o, optarg); break;
		case OPT_EXCLUDE:
			o->excludes = xrealloc(o->excludes,
			    (o->nexcludes + 1) * sizeof(*o->excludes));
			o->excludes[o->nexcludes++] = optarg;
			break;
		case OPT_STATS: o->stats = 1; break;
		case OPT_JSON: o->json = 1; break;
		case OPT_DRY_RUN: o->dry_run = 1; break;
		case 'q': o->quiet = 1; break;
		case OPT_CHECK: set_mode(o, MODE_CHECK, "--check"); break;
		case OPT_LANGUAGES: set_mode(o, MODE_LANGUAGES, "--languages"); break;
		case OPT_GC: set_mode(o, MODE_GC, "--gc"); break;
		case OPT_DOCTOR: set_mode(o, MODE_DOCTOR, "--doctor"); break;
		case 'h': o->mode = MODE_HELP; return;
		case OPT_VERSION: o->mode = MODE_VERSION; return;
		case ':':
			die("option '%s' needs a value; see 'sbx --help'",
			    argv[optind - 1]);
		default:
			if (optopt != 0 && optopt < 256)
				die("unknown option '-%c'; see 'sbx --help'", optopt);
			die("unknown option '%s'; see 'sbx --help'", argv[optind - 1]);
		}
	}
	read_environment(o, given);
	argc -= optind;
	argv += optind;

	if (o->mode == MODE_RUN || o->mode == MODE_CHECK)
		parse_operands(o, argc, argv);
	else if (argc > 0)
		die("unexpected argument '%s'; this action takes none", argv[0]);
}

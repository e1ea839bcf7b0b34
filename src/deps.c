/*
 * Dependency images. An image is named by what it is made of:
 * sbx-deps/<language>:<first 16 hex digits of a SHA-256> over the base
 * image's ID, the dependency file, its lockfile and the whole generated
 * build context (manager, index, flags). So the same inputs find the
 * same image, any change builds a new one, and a rebuilt base never
 * serves old packages. The build runs on the engine that runs the code,
 * through its CLI, with a context sbx writes itself (a tar on stdin for
 * docker, a private directory the podman client sends), so a remote
 * engine works and no host path needs to be visible to it. Only the
 * build has network; the run is the usual sandbox.
 *
 * Images cannot be relabelled, so the last use is the mtime of a state
 * file per image under ${XDG_CACHE_HOME:-~/.cache}/sbx/deps, touched by
 * every run that uses it; --gc counts from the later of that and the
 * sbx.deps.built label the build sets.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "argv.h"
#include "buf.h"
#include "deps.h"
#include "deps_recipe.h"
#include "engine.h"
#include "lang.h"
#include "parse.h"
#include "proc.h"
#include "sha256.h"
#include "tar.h"
#include "util.h"

#define DEPS_REPO		"sbx-deps"
#define DEPS_BASE_REPO		"sbx-deps-base"	/* the base, tagged for FROM */
#define DEPS_HASH_LEN		16
#define DEPS_MAX_FILE		(1U << 20)	/* requirements.txt, package.json */
#define DEPS_MAX_LOCK		(64U << 20)
#define DEPS_MAX_CA		(4U << 20)
/* A cold npm or pip install of a big tree takes minutes, not hours. */
#define DEPS_BUILD_TIMEOUT_MS	(30ULL * 60 * 1000)
/* Lines of the build's own output shown when no install log came back. */
#define DEPS_RAW_LINES		12
#define DEPS_LOG_LINES		40
#define DEFAULT_NPM_REGISTRY	"https://registry.npmjs.org/"
#define DEFAULT_PIP_INDEX	"https://pypi.org/simple"

/* The CA bundles of the common distributions, in the order tried. */
static const char *const ca_bundles[] = {
	"/etc/ssl/certs/ca-certificates.crt",	/* Debian, Ubuntu, Alpine, Arch */
	"/etc/pki/tls/certs/ca-bundle.crt",	/* Fedora, RHEL */
	"/etc/ssl/ca-bundle.pem",		/* openSUSE */
	"/etc/ssl/cert.pem",			/* macOS, BSDs */
	NULL,
};

/* The run image: a global, since opts point at it until exit. */
static char image_name[128];

static void
progress(const struct sbx_opts *o, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
progress(const struct sbx_opts *o, const char *fmt, ...)
{
	char line[1024];
	va_list ap;

	if (o->quiet)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	warnx_sbx("deps: %s", line);
}

/* Build output is the container's: no terminal controls reach ours. */
static void
sanitize(char *s)
{
	for (; *s != '\0'; s++)
		if (((unsigned char)*s < 0x20 && *s != '\t') || *s == 0x7f)
			*s = '?';
}

static int
read_file(const char *path, size_t max, char **data, size_t *len)
{
	struct stat st;
	int fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	if (fstat(fd, &st) == -1)
		goto out;
	if (!S_ISREG(st.st_mode)) {
		errno = EINVAL;
		goto out;
	}
	rc = read_all(fd, max, data, len);
out:
	close(fd);
	return rc;
}

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? slash + 1 : path;
}

/* The lockfile beside a package.json, in npm's order of precedence. */
static int
read_lockfile(const char *file, struct deps_request *r, char **owned)
{
	static const char *const names[] = {
		"npm-shrinkwrap.json", "package-lock.json", NULL,
	};
	char *copy = xstrdup(file), path[4096];
	const char *dir = dirname(copy);
	size_t i, len;

	for (i = 0; names[i] != NULL; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (read_file(path, DEPS_MAX_LOCK, owned, &len) == 0) {
			r->lock_name = names[i];
			r->lock = *owned;
			r->lock_len = len;
			break;
		}
		if (errno != ENOENT) {
			warnx_sbx("deps: cannot read '%s': %s", path,
			    strerror(errno));
			free(copy);
			return -1;
		}
	}
	free(copy);
	return 0;
}

static const char *
index_of(const struct sbx_opts *o, int npm)
{
	const char *v;

	if (o->deps_index != NULL)
		return o->deps_index;
	if (npm) {
		if ((v = getenv("npm_config_registry")) != NULL && *v != '\0')
			return v;
		if ((v = getenv("NPM_CONFIG_REGISTRY")) != NULL && *v != '\0')
			return v;
		return DEFAULT_NPM_REGISTRY;
	}
	if ((v = getenv("PIP_INDEX_URL")) != NULL && *v != '\0')
		return v;
	return DEFAULT_PIP_INDEX;
}

/* The request from the options and FILE; -1 after saying why. */
static int
make_request(const struct sbx_opts *o, struct deps_request *r, char **file,
    char **lock)
{
	const char *name = base_name(o->deps_file);
	size_t len;

	memset(r, 0, sizeof(*r));
	*file = *lock = NULL;
	r->lang = o->lang->name;
	r->manager = o->lang->deps_manager;
	if (r->manager == NULL) {
		warnx_sbx("deps: language '%s' has no package manager for "
		    "--deps; use python (requirements.txt) or node "
		    "(package.json)", o->lang->name);
		return -1;
	}
	r->scripts = o->deps_scripts;
	r->sdist = o->deps_sdist;
	if (strcmp(r->manager, "npm") == 0) {
		if (strcmp(name, "package.json") != 0 &&
		    strlen(name) > 4 && strcmp(name + strlen(name) - 4, ".txt") == 0) {
			warnx_sbx("deps: '%s' looks like a requirements file, "
			    "but %s takes a package.json", o->deps_file,
			    o->lang->name);
			return -1;
		}
		r->file_name = "package.json";
	} else if (strcmp(r->manager, "pip") == 0) {
		if (strcmp(name, "package.json") == 0) {
			warnx_sbx("deps: '%s' is for node; %s takes a "
			    "requirements.txt", o->deps_file, o->lang->name);
			return -1;
		}
		r->file_name = "requirements.txt";
	} else {
		warnx_sbx("deps: package manager '%s' of language '%s' is not "
		    "one sbx knows (pip, npm)", r->manager, o->lang->name);
		return -1;
	}
	r->index = index_of(o, strcmp(r->manager, "npm") == 0);
	if (read_file(o->deps_file, DEPS_MAX_FILE, file, &len) == -1) {
		warnx_sbx("deps: cannot read '%s': %s", o->deps_file,
		    errno == EFBIG ? "larger than 1 MiB" : strerror(errno));
		return -1;
	}
	r->file = *file;
	r->file_len = len;
	if (strcmp(r->manager, "npm") == 0 &&
	    read_lockfile(o->deps_file, r, lock) == -1)
		return -1;
	return 0;
}

static void
engine_argv(struct argv *a, const struct sbx_opts *o, const char *verb)
{
	memset(a, 0, sizeof(*a));
	argv_push(a, o->engine);
	argv_push(a, verb);
}

/* "<engine> image inspect --format=FMT NAME": 0 and the first line. */
static int
inspect_image(const struct sbx_opts *o, const char *name, const char *format,
    char *out, size_t len, char *why, size_t whylen)
{
	struct argv a;
	struct capture c;
	int rc;

	engine_argv(&a, o, "image");
	argv_push(&a, "inspect");
	argv_pushf(&a, "--format=%s", format);
	argv_push(&a, name);
	rc = proc_capture(a.v, QUERY_TIMEOUT_MS, &c);
	argv_free(&a);
	if (rc == 0)
		first_line(c.out, out, len);
	else if (why != NULL) {
		if (c.spawn_errno != 0)
			snprintf(why, whylen, "%s", strerror(c.spawn_errno));
		else if (!c.finished)
			snprintf(why, whylen, "the engine did not answer in %ds",
			    QUERY_TIMEOUT_MS / 1000);
		else
			first_line(c.err, why, whylen);
	}
	capture_free(&c);
	return rc;
}

/* Run a short engine command; 0 when it succeeded. */
static int
engine_do(struct argv *a, char *why, size_t len)
{
	struct capture c;
	int rc = proc_capture(a->v, QUERY_TIMEOUT_MS, &c);

	if (rc == -1 && why != NULL)
		first_line(c.finished ? c.err : "the engine did not answer",
		    why, len);
	capture_free(&c);
	argv_free(a);
	return rc;
}

static void
hash_field(struct sha256 *s, const char *name, const void *data, size_t len)
{
	char head[64];

	/* Length-prefixed, so no two field lists hash the same bytes. */
	snprintf(head, sizeof(head), "%zu:", strlen(name));
	sha256_update(s, head, strlen(head));
	sha256_update(s, name, strlen(name));
	snprintf(head, sizeof(head), ":%zu:", len);
	sha256_update(s, head, strlen(head));
	sha256_update(s, data, len);
}

/* The hash over the base and the context as built with a classic
 * builder: how the CA gets in does not change what is installed. */
static void
content_hash(const struct deps_request *r, const char *base_id,
    char out[DEPS_HASH_LEN + 1])
{
	struct deps_request plain = *r;
	struct deps_context c;
	struct sha256 s;
	char hex[65];
	size_t i;

	plain.buildkit = 0;
	deps_context_make(&c, &plain, "BASE", "STAGE");
	sha256_init(&s);
	hash_field(&s, "sbx-deps", "1", 1);
	hash_field(&s, "base", base_id, strlen(base_id));
	for (i = 0; i < c.n; i++)
		hash_field(&s, c.files[i].name, c.files[i].data, c.files[i].len);
	deps_context_free(&c);
	sha256_hex(&s, hex);
	memcpy(out, hex, DEPS_HASH_LEN);
	out[DEPS_HASH_LEN] = '\0';
}

/* ${XDG_CACHE_HOME:-~/.cache}/sbx/deps[/LANG-HASH], created as needed. */
static int
state_path(const char *lang, const char *hash, char *out, size_t len,
    int create)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	char dir[4096];
	char *p;

	if (xdg != NULL && *xdg == '/')
		snprintf(dir, sizeof(dir), "%s/sbx/deps", xdg);
	else if (home != NULL && *home == '/')
		snprintf(dir, sizeof(dir), "%s/.cache/sbx/deps", home);
	else
		return -1;
	if (create) {
		for (p = dir + 1; *p != '\0'; p++) {
			if (*p != '/')
				continue;
			*p = '\0';
			(void)mkdir(dir, 0700);
			*p = '/';
		}
		if (mkdir(dir, 0700) == -1 && errno != EEXIST)
			return -1;
	}
	if (lang == NULL)
		snprintf(out, len, "%s", dir);
	else
		snprintf(out, len, "%s/%s-%s", dir, lang, hash);
	return 0;
}

/* Best effort: a read-only home only makes --gc count from the build. */
static void
touch_state(const char *lang, const char *hash)
{
	char path[4200];
	int fd;

	if (state_path(lang, hash, path, sizeof(path), 1) == -1)
		return;
	if ((fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600)) == -1)
		return;
	(void)futimens(fd, NULL);
	close(fd);
}

/* How the engine builds: BuildKit takes the CA as a secret. */
static int
uses_buildkit(const struct sbx_opts *o)
{
	const char *v = getenv("DOCKER_BUILDKIT");
	struct argv a;

	if (argv_engine_is_podman(o->engine))
		return 0;
	if (v != NULL && *v != '\0')
		return strcmp(v, "0") != 0 && strcmp(v, "false") != 0;
	/* Docker 23 and later build with BuildKit when buildx is there;
	 * without it, only the classic builder works. */
	engine_argv(&a, o, "buildx");
	argv_push(&a, "version");
	return engine_do(&a, NULL, 0) == 0;
}

static const char *
find_ca(const struct sbx_opts *o)
{
	const char *v = getenv("SSL_CERT_FILE");
	size_t i;

	if (o->deps_ca != NULL)
		return strcmp(o->deps_ca, "none") == 0 ? NULL : o->deps_ca;
	if (v != NULL && *v != '\0' && access(v, R_OK) == 0)
		return v;
	for (i = 0; ca_bundles[i] != NULL; i++)
		if (access(ca_bundles[i], R_OK) == 0)
			return ca_bundles[i];
	return NULL;
}

/* What the build reads: a tar on stdin, or a directory (podman). */
struct context_out {
	int	 fd;			/* stdin for the build, or -1 */
	char	 dir[4096];		/* "" unless a directory */
	char	*names[DEPS_MAX_FILES + 1];
	size_t	 n;
};

static int
write_tar(const struct deps_context *c, const char *ca, size_t ca_len,
    struct context_out *out)
{
	const char *tmp = getenv("TMPDIR");
	struct buf b = { 0 };
	char path[4096];
	size_t i;
	int fd, rc = -1;

	snprintf(path, sizeof(path), "%s/sbx-deps.XXXXXX",
	    tmp != NULL && *tmp == '/' ? tmp : "/tmp");
	if ((fd = mkstemp(path)) == -1)
		return -1;
	(void)unlink(path);
	(void)set_cloexec(fd);
	for (i = 0; i < c->n; i++)
		tar_add(&b, c->files[i].name, c->files[i].mode,
		    c->files[i].data, c->files[i].len);
	if (ca != NULL)
		tar_add(&b, "ca.crt", 0644, ca, ca_len);
	tar_end(&b);
	if (write_all(fd, b.data, b.len) == 0 && lseek(fd, 0, SEEK_SET) == 0) {
		out->fd = fd;
		rc = 0;
	} else
		close(fd);
	buf_free(&b);
	return rc;
}

static int
write_file_at(const char *dir, const char *name, const void *data, size_t len,
    unsigned mode)
{
	char path[4200];
	int fd, rc;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    (mode_t)mode)) == -1)
		return -1;
	rc = write_all(fd, data, len);
	if (close(fd) == -1)
		rc = -1;
	return rc;
}

static void
remove_dir(struct context_out *out)
{
	char path[4200];
	size_t i;

	for (i = 0; i < out->n; i++) {
		snprintf(path, sizeof(path), "%s/%s", out->dir, out->names[i]);
		(void)unlink(path);
	}
	if (out->dir[0] != '\0')
		(void)rmdir(out->dir);
}

static int
write_dir(const struct deps_context *c, const char *ca, size_t ca_len,
    struct context_out *out)
{
	const char *tmp = getenv("TMPDIR");
	size_t i;

	snprintf(out->dir, sizeof(out->dir), "%s/sbx-deps.XXXXXX",
	    tmp != NULL && *tmp == '/' ? tmp : "/tmp");
	if (mkdtemp(out->dir) == NULL) {
		out->dir[0] = '\0';
		return -1;
	}
	for (i = 0; i <= c->n; i++) {
		const char *name = i < c->n ? c->files[i].name : "ca.crt";

		if (i == c->n && ca == NULL)
			break;
		out->names[out->n++] = (char *)name;
		if (write_file_at(out->dir, name, i < c->n ? c->files[i].data :
		    ca, i < c->n ? c->files[i].len : ca_len,
		    i < c->n ? c->files[i].mode : 0644) == -1)
			return -1;
	}
	return 0;
}

/* What came back from the build, for progress and for a failure. */
struct build_log {
	const struct sbx_opts *o;
	char	*raw[DEPS_RAW_LINES];	/* the last lines without a marker */
	size_t	 nraw;
	char	*log[DEPS_LOG_LINES];	/* the manager's last lines */
	size_t	 nlog;
	char	 fail[512];
	struct buf pending;
};

static void
keep_line(char **ring, size_t size, size_t *n, const char *line)
{
	if (*n == size) {
		free(ring[0]);
		memmove(ring, ring + 1, (size - 1) * sizeof(*ring));
		(*n)--;
	}
	ring[(*n)++] = xstrdup(line);
}

static void
on_line(struct build_log *bl, char *line)
{
	char *p;
	size_t n = strlen(line);

	while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' '))
		line[--n] = '\0';
	sanitize(line);
	if ((p = strstr(line, DEPS_MARK_STEP)) != NULL)
		progress(bl->o, "%s", p + strlen(DEPS_MARK_STEP));
	else if ((p = strstr(line, DEPS_MARK_LOG)) != NULL)
		keep_line(bl->log, DEPS_LOG_LINES, &bl->nlog,
		    p + strlen(DEPS_MARK_LOG));
	else if ((p = strstr(line, DEPS_MARK_FAIL)) != NULL)
		snprintf(bl->fail, sizeof(bl->fail), "%s",
		    p + strlen(DEPS_MARK_FAIL));
	else if (n > 0)
		keep_line(bl->raw, DEPS_RAW_LINES, &bl->nraw, line);
}

/* Split what was read into lines; a line past 4 KiB is cut. */
static void
on_output(struct build_log *bl, const char *data, size_t len, int eof)
{
	char *nl, line[4096];
	size_t n;

	if (len > 0)
		buf_append(&bl->pending, data, len);
	while (buf_pending(&bl->pending) > 0) {
		char *start = bl->pending.data + bl->pending.off;
		size_t left = buf_pending(&bl->pending);

		nl = memchr(start, '\n', left);
		if (nl == NULL && left < sizeof(line) && !(eof && left > 0))
			break;
		n = nl != NULL ? (size_t)(nl - start) : left;
		if (n >= sizeof(line))
			n = sizeof(line) - 1;
		memcpy(line, start, n);
		line[n] = '\0';
		buf_consume(&bl->pending, nl != NULL ? (size_t)(nl - start) + 1 :
		    n);
		on_line(bl, line);
	}
}

static void
build_log_free(struct build_log *bl)
{
	size_t i;

	for (i = 0; i < bl->nraw; i++)
		free(bl->raw[i]);
	for (i = 0; i < bl->nlog; i++)
		free(bl->log[i]);
	buf_free(&bl->pending);
}

/*
 * SIGINT, SIGTERM and SIGHUP wait while a build runs (blocked; the
 * child gets them unblocked): sbx first stops the build and removes
 * its base tag, then lets the signal end it as usual.
 */
#define POLL_MS		250

static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP };

static void
stop_signals_set(sigset_t *set)
{
	size_t i;

	sigemptyset(set);
	for (i = 0; i < sizeof(stop_signals) / sizeof(stop_signals[0]); i++)
		sigaddset(set, stop_signals[i]);
}

static int
stop_pending(void)
{
	sigset_t pending;
	size_t i;

	if (sigpending(&pending) == -1)
		return 0;
	for (i = 0; i < sizeof(stop_signals) / sizeof(stop_signals[0]); i++)
		if (sigismember(&pending, stop_signals[i]) == 1)
			return 1;
	return 0;
}

/* Run the build CLI, streaming its output through on_output. Returns
 * its wait status, or -1 (spawn failure or timeout) with errno. */
static int
run_build(char *const argv[], int in, struct build_log *bl)
{
	uint64_t deadline = now_ms() + DEPS_BUILD_TIMEOUT_MS;
	int outp[2], status, rc, timed_out = 0, stopping = 0;
	struct pollfd pfd;
	char chunk[8192];
	pid_t pid;

	if (cloexec_pipe(outp) == -1)
		return -1;
	rc = proc_spawn(argv, in, outp[1], outp[1], 0, &pid);
	close(outp[1]);
	if (rc != 0) {
		close(outp[0]);
		errno = rc;
		return -1;
	}
	pfd.fd = outp[0];
	pfd.events = POLLIN;
	for (;;) {
		uint64_t now = now_ms();
		ssize_t n;

		if (now >= deadline) {
			kill(pid, SIGKILL);
			timed_out = 1;
			break;
		}
		if (!stopping && stop_pending()) {
			/* The CLI cancels the build when it exits. */
			kill(pid, SIGTERM);
			stopping = 1;
		}
		if (poll(&pfd, 1, deadline - now < POLL_MS ?
		    (int)(deadline - now) : POLL_MS) == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (pfd.revents == 0)
			continue;
		n = read(outp[0], chunk, sizeof(chunk));
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		on_output(bl, chunk, (size_t)n, 0);
	}
	on_output(bl, "", 0, 1);
	close(outp[0]);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		;
	if (timed_out) {
		errno = ETIMEDOUT;
		return -1;
	}
	return status;
}

/* The line of the manager's output that says what went wrong, if any. */
static const char *
notable_line(const struct build_log *bl)
{
	static const char *const signs[] = {
		"is not in this registry", "No matching distribution",
		"Could not find a version", "ERESOLVE", "EINTEGRITY",
		"SELF_SIGNED_CERT", "CERTIFICATE_VERIFY_FAILED", "E404",
		"ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "ECONNREFUSED",
		"Connection refused", "Name or service not known", NULL,
	};
	size_t i, j;

	for (j = 0; signs[j] != NULL; j++)
		for (i = 0; i < bl->nlog; i++)
			if (strstr(bl->log[i], signs[j]) != NULL)
				return bl->log[i];
	return NULL;
}

/* A log line without the manager's prefix and runs of blanks. */
static void
squeeze(const char *line, char *out, size_t len)
{
	static const char *const prefixes[] = {
		"npm error ", "npm ERR! ", "ERROR: ", NULL,
	};
	size_t i, n = 0;

	line += strspn(line, " \t");
	for (i = 0; prefixes[i] != NULL; i++)
		if (strncmp(line, prefixes[i], strlen(prefixes[i])) == 0)
			line += strlen(prefixes[i]);
	for (; *line != '\0' && n + 1 < len; line++) {
		if ((*line == ' ' || *line == '\t') &&
		    (n == 0 || out[n - 1] == ' '))
			continue;
		out[n++] = *line == '\t' ? ' ' : *line;
	}
	out[n] = '\0';
}

static void
explain_failure(const struct sbx_opts *o, const struct build_log *bl,
    int status, const char *name)
{
	const char *notable;
	char what[64];
	size_t i;

	if (bl->fail[0] != '\0') {
		char said[512] = "";

		for (i = 0; i < bl->nlog; i++)
			dprintf(STDERR_FILENO, "  %s\n", bl->log[i]);
		if ((notable = notable_line(bl)) != NULL)
			squeeze(notable, said, sizeof(said));
		warnx_sbx("deps: %s for %s%s%s; nothing ran (fix %s or "
		    "--deps-index, then run again)", bl->fail, o->deps_file,
		    said[0] != '\0' ? ": " : "", said, o->deps_file);
		return;
	}
	for (i = 0; i < bl->nraw; i++)
		dprintf(STDERR_FILENO, "  %s\n", bl->raw[i]);
	if (status == -1)
		snprintf(what, sizeof(what), "%s", errno == ETIMEDOUT ?
		    "took too long" : strerror(errno));
	else if (WIFEXITED(status))
		snprintf(what, sizeof(what), "failed (status %d)",
		    WEXITSTATUS(status));
	else
		snprintf(what, sizeof(what), "was killed");
	warnx_sbx("deps: '%s build' of %s %s; nothing ran (the engine's "
	    "last lines are above; 'sbx --doctor' checks the set-up)",
	    o->engine, name, what);
}

static void
push_proxy_args(struct argv *a)
{
	static const char *const names[] = {
		"HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "ALL_PROXY",
		"http_proxy", "https_proxy", "no_proxy", "all_proxy", NULL,
	};
	const char *v;
	size_t i;

	/* Docker's predefined proxy args: taken from the environment by
	 * name (so not on the command line), kept out of the image. */
	for (i = 0; names[i] != NULL; i++)
		if ((v = getenv(names[i])) != NULL && *v != '\0')
			argv_pushf(a, "--build-arg=%s", names[i]);
}

static int
build(const struct sbx_opts *o, struct deps_request *r, const char *base_id,
    const char *hash, const char *name)
{
	const char *ca_path = find_ca(o);
	struct context_out ctx = { .fd = -1 };
	struct deps_context c;
	struct build_log bl;
	struct argv a;
	char base_tag[128], why[512], *ca = NULL, took[32];
	size_t ca_len = 0;
	uint64_t start = now_ms();
	sigset_t stops, old_mask;
	int podman = argv_engine_is_podman(o->engine), status, rc = -1;

	memset(&bl, 0, sizeof(bl));
	bl.o = o;
	stop_signals_set(&stops);
	sigprocmask(SIG_BLOCK, &stops, &old_mask);
	r->buildkit = uses_buildkit(o);
	if (ca_path != NULL && !r->buildkit &&
	    read_file(ca_path, DEPS_MAX_CA, &ca, &ca_len) == -1) {
		warnx_sbx("deps: cannot read the CA bundle '%s': %s; give "
		    "another with --deps-ca FILE, or --deps-ca none", ca_path,
		    strerror(errno));
		sigprocmask(SIG_SETMASK, &old_mask, NULL);
		return -1;
	}
	progress(o, "building %s from %s (%s, %s builder, build network %s, "
	    "CA %s)", name, o->deps_file, r->manager, r->buildkit ?
	    "BuildKit" : "classic", o->deps_network != NULL ? o->deps_network :
	    "the engine's default", ca_path != NULL ? ca_path : "none");

	/* FROM an image ID works with the classic builder only; a tag of
	 * our own works with all of them. */
	snprintf(base_tag, sizeof(base_tag), "%s/%s:%s", DEPS_BASE_REPO,
	    r->lang, hash);
	engine_argv(&a, o, "tag");
	argv_push(&a, base_id);
	argv_push(&a, base_tag);
	if (engine_do(&a, why, sizeof(why)) == -1) {
		warnx_sbx("deps: cannot tag the base image for the build: %s; "
		    "'sbx --doctor' checks the set-up", why);
		free(ca);
		sigprocmask(SIG_SETMASK, &old_mask, NULL);
		return -1;
	}
	deps_context_make(&c, r, base_tag, hash);
	if ((podman ? write_dir(&c, ca, ca_len, &ctx) :
	    write_tar(&c, ca, ca_len, &ctx)) == -1) {
		warnx_sbx("deps: cannot write the build context: %s; set "
		    "TMPDIR to a writable directory", strerror(errno));
		goto out;
	}

	engine_argv(&a, o, "build");
	argv_pushf(&a, "--tag=%s", name);
	argv_pushf(&a, "--label=sbx.deps=%s", r->lang);
	argv_pushf(&a, "--label=sbx.deps.base=%s", base_id);
	argv_pushf(&a, "--label=sbx.deps.built=%lld", (long long)time(NULL));
	if (o->deps_network != NULL)
		argv_pushf(&a, "--network=%s", o->deps_network);
	if (!podman)
		push_proxy_args(&a);
	if (r->buildkit) {
		argv_push(&a, "--progress=plain");
		if (ca_path != NULL)
			argv_pushf(&a, "--secret=id=sbx-ca,src=%s", ca_path);
	} else if (!podman)
		argv_push(&a, "--force-rm");
	if (podman) {
		argv_pushf(&a, "--file=%s/Dockerfile", ctx.dir);
		argv_push(&a, ctx.dir);
	} else
		argv_push(&a, "-");
	if (!podman)
		(void)setenv("DOCKER_BUILDKIT", r->buildkit ? "1" : "0", 1);
	status = run_build(a.v, ctx.fd, &bl);
	argv_free(&a);
	if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0)
		rc = 0;
	else if (stop_pending())
		progress(o, "build of %s stopped", name);
	else
		explain_failure(o, &bl, status, name);
out:
	/* Untag only: the base keeps its own name. */
	engine_argv(&a, o, "rmi");
	argv_push(&a, base_tag);
	(void)engine_do(&a, NULL, 0);
	if (!r->buildkit) {
		/* The install stage, which holds the CA bundle and the
		 * manager's caches, is left as an untagged image. */
		engine_argv(&a, o, "image");
		argv_push(&a, "prune");
		argv_push(&a, "--force");
		argv_pushf(&a, "--filter=label=sbx.deps.stage=%s", hash);
		(void)engine_do(&a, NULL, 0);
	}
	if (ctx.fd != -1)
		close(ctx.fd);
	remove_dir(&ctx);
	deps_context_free(&c);
	build_log_free(&bl);
	free(ca);
	if (rc == 0) {
		format_duration(now_ms() - start, took, sizeof(took));
		progress(o, "built %s in %s", name, took);
	}
	/* A signal that came meanwhile is delivered here, and ends sbx. */
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	return rc;
}

int
deps_prepare(struct sbx_opts *o)
{
	struct deps_request r;
	char *file, *lock, base_id[256], id[256], why[512];
	char hash[DEPS_HASH_LEN + 1];
	int rc = -1;

	if (make_request(o, &r, &file, &lock) == -1)
		goto out;
	if (inspect_image(o, o->image, "{{.Id}}", base_id, sizeof(base_id),
	    why, sizeof(why)) == -1) {
		warnx_sbx("deps: cannot find the base image '%s': %s; build "
		    "it first ('sbx --doctor' checks the set-up)", o->image, why);
		goto out;
	}
	content_hash(&r, base_id, hash);
	snprintf(image_name, sizeof(image_name), "%s/%s:%s", DEPS_REPO,
	    r.lang, hash);
	if (inspect_image(o, image_name, "{{.Id}}", id, sizeof(id), NULL,
	    0) == 0) {
		progress(o, "reused %s (%s on %s, no build)", image_name,
		    o->deps_file, o->image);
		touch_state(r.lang, hash);
	} else if (o->dry_run) {
		progress(o, "%s is not built yet; a run without --dry-run "
		    "builds it", image_name);
	} else {
		if (build(o, &r, base_id, hash, image_name) == -1)
			goto out;
		touch_state(r.lang, hash);
	}
	o->image = image_name;
	rc = 0;
out:
	free(file);
	free(lock);
	return rc;
}

/* Seconds since the image was last used: its state file, else its build. */
static long long
unused_for(const struct sbx_opts *o, const char *name, const char *lang,
    const char *hash, time_t now)
{
	char built[64], path[4200];
	long long last = 0;
	struct stat st;

	if (inspect_image(o, name,
	    "{{index .Config.Labels \"sbx.deps.built\"}}", built,
	    sizeof(built), NULL, 0) == 0)
		last = strtoll(built, NULL, 10);
	if (state_path(lang, hash, path, sizeof(path), 0) == 0 &&
	    stat(path, &st) == 0 && (long long)st.st_mtime > last)
		last = (long long)st.st_mtime;
	return (long long)now - last;
}

/* "sbx-deps/LANG:HASH" (podman: "localhost/sbx-deps/...") into its
 * parts; 0 only for names sbx makes. */
static int
parse_name(char *name, const char **lang, const char **hash)
{
	char *colon;

	if (strncmp(name, "localhost/", 10) == 0)
		name += 10;
	if (strncmp(name, DEPS_REPO "/", sizeof(DEPS_REPO)) != 0 ||
	    (colon = strchr(name, ':')) == NULL)
		return -1;
	*colon = '\0';
	*lang = name + sizeof(DEPS_REPO);
	*hash = colon + 1;
	if (strlen(*hash) != DEPS_HASH_LEN ||
	    strspn(*hash, "0123456789abcdef") != DEPS_HASH_LEN ||
	    **lang == '\0' || strchr(*lang, '/') != NULL)
		return -1;
	return 0;
}

int
deps_gc(const struct sbx_opts *o)
{
	struct argv a;
	struct capture c;
	char *line, *save = NULL, why[512], path[4200];
	time_t now = time(NULL);
	int failed = 0, kept = 0;

	engine_argv(&a, o, "images");
	argv_push(&a, "--filter=label=sbx.deps");
	argv_push(&a, "--format={{.Repository}}:{{.Tag}}");
	if (proc_capture(a.v, QUERY_TIMEOUT_MS, &c) == -1) {
		first_line(c.finished ? c.err : "no answer", why, sizeof(why));
		warnx_sbx("cannot list dependency images with '%s images': %s; "
		    "'sbx --doctor' checks the set-up", o->engine, why);
		capture_free(&c);
		argv_free(&a);
		return -1;
	}
	argv_free(&a);
	for (line = strtok_r(c.out, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		const char *lang, *hash;
		char name[256];
		long long idle;

		if (parse_name(line, &lang, &hash) == -1)
			continue;
		snprintf(name, sizeof(name), "%s/%s:%s", DEPS_REPO, lang, hash);
		idle = unused_for(o, name, lang, hash, now);
		if (o->deps_keep_ms > 0 && idle >= 0 &&
		    (unsigned long long)idle * 1000 < o->deps_keep_ms) {
			kept++;
			continue;
		}
		engine_argv(&a, o, "rmi");
		argv_push(&a, name);
		if (engine_do(&a, why, sizeof(why)) == 0) {
			printf("removed %s (unused for %lld days)\n", name,
			    idle / 86400);
			if (state_path(lang, hash, path, sizeof(path), 0) == 0)
				(void)unlink(path);
		} else if (strstr(why, "being used") != NULL ||
		    strstr(why, "in use") != NULL) {
			kept++;
		} else {
			warnx_sbx("could not remove %s: %s", name, why);
			failed++;
		}
	}
	capture_free(&c);
	/* Untagged leftovers of builds: install stages (classic builder,
	 * podman) and images whose tag a concurrent build took over. */
	engine_argv(&a, o, "image");
	argv_push(&a, "prune");
	argv_push(&a, "--force");
	argv_push(&a, "--filter=label=sbx.deps.stage");
	(void)engine_do(&a, NULL, 0);
	engine_argv(&a, o, "image");
	argv_push(&a, "prune");
	argv_push(&a, "--force");
	argv_push(&a, "--filter=label=sbx.deps");
	(void)engine_do(&a, NULL, 0);
	if (!o->quiet && kept > 0)
		warnx_sbx("kept %d dependency image(s) used in the last %llu "
		    "days or in use (--deps-keep 0 removes all)", kept,
		    (unsigned long long)(o->deps_keep_ms / 86400000));
	return failed ? -1 : 0;
}

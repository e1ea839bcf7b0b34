/*
 * The language table. Code reaches the interpreter over the container's
 * stdin, so nothing is bind-mounted and a remote engine works the same:
 * a short bootstrap reads exactly <size> bytes with unbuffered reads (the
 * rest of stdin stays for the program), then runs them under the name the
 * caller knows. Compiling under that name is what makes tracebacks point
 * at "src/app.py" on the caller's disk instead of a path that exists only
 * in the container. The bootstrap is passed inline, so any image with the
 * interpreter (and a sandbox user) works with --image.
 */
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "langfile.h"
#include "util.h"

/*
 * Python: run as __main__ in a clean namespace; seed linecache and print
 * uncaught exceptions with the traceback module (the built-in printer
 * reads source lines from disk, where the code is not), without the
 * bootstrap's own frames.
 */
static const char python_boot[] =
	"def _sbx_main():\n"
	"    import builtins, linecache, os, sys\n"
	"    left, name = int(sys.argv[1]), sys.argv[2]\n"
	"    chunks = []\n"
	"    while left > 0:\n"
	"        chunk = os.read(0, min(left, 1 << 16))\n"
	"        if not chunk:\n"
	"            break\n"
	"        chunks.append(chunk)\n"
	"        left -= len(chunk)\n"
	"    source = b''.join(chunks)\n"
	"    sys.argv[:] = [name] + sys.argv[3:]\n"
	"    text = source.decode('utf-8', 'replace')\n"
	"    linecache.cache[name] = (len(text), None, text.splitlines(True), name)\n"
	"    main = sys.modules['__main__'].__dict__\n"
	"    main.clear()\n"
	"    main.update(__name__='__main__', __file__=name, __doc__=None,\n"
	"                __builtins__=builtins, __loader__=None, __spec__=None,\n"
	"                __package__=None, __cached__=None)\n"
	"    try:\n"
	"        exec(compile(source, name, 'exec', dont_inherit=True), main)\n"
	"    except SystemExit:\n"
	"        raise\n"
	"    except BaseException as e:\n"
	"        tb = e.__traceback__\n"
	"        while tb is not None and tb.tb_frame.f_code.co_filename == '<string>':\n"
	"            tb = tb.tb_next\n"
	"        e.with_traceback(tb)\n"
	"        if sys.excepthook is sys.__excepthook__:\n"
	"            import traceback\n"
	"            traceback.print_exception(type(e), e, tb)\n"
	"        else:\n"
	"            sys.excepthook(type(e), e, tb)\n"
	"        sys.exit(1)\n"
	"_sbx_main()\n";

/*
 * Node (and TypeScript, by the name's extension): types stripped with
 * Node's own stripper, which keeps every position, so errors point at
 * the caller's lines. A module (.mjs, .mts, or code that only parses
 * as one: import, export, top-level await) is served from memory by a
 * loader hook under its file URL in the working directory, so relative
 * imports resolve there; anything else runs as the main CommonJS
 * module under the caller's name, as node would run it.
 */
static const char node_boot[] =
	"const fs = require('fs'), Module = require('module');\n"
	"const path = require('path'), vm = require('vm');\n"
	"const size = Number(process.argv[1]), name = process.argv[2];\n"
	"const buf = Buffer.alloc(size);\n"
	"let got = 0;\n"
	"while (got < size) {\n"
	"  let n;\n"
	"  try { n = fs.readSync(0, buf, got, size - got, null); }\n"
	"  catch (e) { if (e.code === 'EAGAIN') continue; throw e; }\n"
	"  if (n === 0) break;\n"
	"  got += n;\n"
	"}\n"
	"process.argv.splice(1, 2, name);\n"
	"let code = buf.toString('utf8', 0, got);\n"
	"const ext = path.extname(name);\n"
	"if (['.ts', '.mts', '.cts'].includes(ext)) {\n"
	"  if (typeof Module.stripTypeScriptTypes !== 'function') {\n"
	"    console.error('sbx: this Node (' + process.version + ') cannot strip '\n"
	"      + 'TypeScript types; use an image with Node 22.13 or later');\n"
	"    process.exit(125);\n"
	"  }\n"
	"  const warn = process.emitWarning;\n"
	"  process.emitWarning = () => {};\n"
	"  try { code = Module.stripTypeScriptTypes(code); }\n"
	"  finally { process.emitWarning = warn; }\n"
	"}\n"
	"let esm = ext === '.mjs' || ext === '.mts';\n"
	"if (!esm && ext !== '.cjs' && ext !== '.cts') {\n"
	"  try { new vm.Script(Module.wrap(code), { filename: name }); }\n"
	"  catch (e) {\n"
	"    esm = e instanceof SyntaxError && /import statement outside|"
	"Unexpected token 'export'|import\\.meta|await is only valid/"
	".test(e.message);\n"
	"  }\n"
	"}\n"
	"if (esm && typeof Module.registerHooks !== 'function') {\n"
	"  console.error('sbx: this Node (' + process.version + ') cannot run a '\n"
	"    + 'module from memory; use an image with Node 22.15 or later');\n"
	"  process.exit(125);\n"
	"}\n"
	"if (esm) {\n"
	"  const href = require('url').pathToFileURL(path.resolve(name)).href;\n"
	"  Module.registerHooks({\n"
	"    resolve: (s, c, next) => s === href ? { url: href, shortCircuit: true } : next(s, c),\n"
	"    load: (u, c, next) => u === href ?\n"
	"      { format: 'module', source: code, shortCircuit: true } : next(u, c),\n"
	"  });\n"
	"  import(href);\n"
	"} else {\n"
	"  const main = new Module('.', null);\n"
	"  main.filename = name;\n"
	"  main.paths = Module._nodeModulePaths(process.cwd());\n"
	"  process.mainModule = main;\n"
	"  main._compile(code, name);\n"
	"}\n";

static const char *const python_aliases[] = { "python3", "py", NULL };
static const char *const python_stream[] = { "python3", "-c", python_boot, NULL };
static const char *const python_run[] = { "python3", "{file}", NULL };
static const char *const python_data_aliases[] = { "pydata", NULL };
static const char *const node_aliases[] = { "nodejs", "js", "javascript", NULL };
static const char *const node_stream[] = { "node", "-e", node_boot, NULL };
static const char *const node_run[] = { "node", "{file}", NULL };
static const char *const ts_aliases[] = { "ts", NULL };
static const char *const no_aliases[] = { NULL };
static const char *const sh_run[] = { "sh", "{file}", NULL };
static const char *const bash_run[] = { "bash", "{file}", NULL };
static const char *const ruby_aliases[] = { "rb", NULL };
static const char *const ruby_run[] = { "ruby", "{file}", NULL };
static const char *const perl_aliases[] = { "pl", NULL };
static const char *const perl_run[] = { "perl", "{file}", NULL };
static const char *const c_aliases[] = { "gcc", NULL };
static const char *const c_compile[] = { "gcc", "-std=gnu17", "-O2", "-pipe",
	"-o", "{bin}", "{file}", "-lm", NULL };
static const char *const cpp_aliases[] = { "c++", "g++", "cxx", NULL };
static const char *const cpp_compile[] = { "g++", "-std=gnu++20", "-O2",
	"-pipe", "-o", "{bin}", "{file}", NULL };
static const char *const bin_run[] = { "{bin}", NULL };

#define BUILT_IN	.origin = "built-in", .builtin_image = 1

static const struct lang builtin[] = {
	{
		.name = "python", .aliases = python_aliases,
		.image = "sbx/python:latest", .stdin_name = "main.py",
		.kind = LANG_STREAM, .stream_command = python_stream,
		.run_command = python_run, .scanner = "python",
		.deps_manager = "pip", BUILT_IN,
	},
	{
		.name = "python-data", .aliases = python_data_aliases,
		.image = "sbx/python-data:latest", .stdin_name = "main.py",
		.kind = LANG_STREAM, .stream_command = python_stream,
		.run_command = python_run, .scanner = "python",
		.deps_manager = "pip", BUILT_IN,
	},
	{
		.name = "node", .aliases = node_aliases,
		.image = "sbx/node:latest", .stdin_name = "main.js",
		.kind = LANG_STREAM, .stream_command = node_stream,
		.run_command = node_run, .scanner = "node",
		.deps_manager = "npm", BUILT_IN,
	},
	{
		.name = "typescript", .aliases = ts_aliases,
		.image = "sbx/node:latest", .stdin_name = "main.ts",
		.kind = LANG_STREAM, .stream_command = node_stream,
		.run_command = node_run, .deps_manager = "npm", BUILT_IN,
	},
	{
		.name = "sh", .aliases = no_aliases,
		.image = "sbx/shell:latest", .stdin_name = "main.sh",
		.kind = LANG_SCRIPT, .run_command = sh_run, BUILT_IN,
	},
	{
		.name = "bash", .aliases = no_aliases,
		.image = "sbx/shell:latest", .stdin_name = "main.sh",
		.kind = LANG_SCRIPT, .run_command = bash_run, BUILT_IN,
	},
	{
		.name = "ruby", .aliases = ruby_aliases,
		.image = "sbx/ruby:latest", .stdin_name = "main.rb",
		.kind = LANG_SCRIPT, .run_command = ruby_run, BUILT_IN,
	},
	{
		.name = "perl", .aliases = perl_aliases,
		.image = "sbx/perl:latest", .stdin_name = "main.pl",
		.kind = LANG_SCRIPT, .run_command = perl_run, BUILT_IN,
	},
	{
		.name = "c", .aliases = c_aliases,
		.image = "sbx/gcc:latest", .stdin_name = "main.c",
		.kind = LANG_COMPILE, .compile_command = c_compile,
		.run_command = bin_run, BUILT_IN,
	},
	{
		.name = "cpp", .aliases = cpp_aliases,
		.image = "sbx/gcc:latest", .stdin_name = "main.cpp",
		.kind = LANG_COMPILE, .compile_command = cpp_compile,
		.run_command = bin_run, BUILT_IN,
	},
};

#define NBUILTIN	(sizeof(builtin) / sizeof(builtin[0]))

const char *
lang_kind_name(enum lang_kind k)
{
	switch (k) {
	case LANG_STREAM:
		return "stream";
	case LANG_SCRIPT:
		return "script";
	case LANG_COMPILE:
		return "compile";
	}
	return "?";
}

void *
lang_table_keep(struct lang_table *t, void *p)
{
	t->owned = xgrow(t->owned, t->nowned, &t->capowned, sizeof(*t->owned));
	t->owned[t->nowned++] = p;
	return p;
}

static struct lang *
find_entry(const struct lang_table *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->v[i].name, name) == 0)
			return &t->v[i];
	return NULL;
}

struct lang *
lang_table_entry(struct lang_table *t, const char *name)
{
	struct lang *l = find_entry(t, name);

	if (l != NULL)
		return l;
	t->v = xgrow(t->v, t->n, &t->cap, sizeof(*t->v));
	l = &t->v[t->n++];
	memset(l, 0, sizeof(*l));
	l->name = lang_table_keep(t, xstrdup(name));
	l->aliases = no_aliases;
	l->kind = LANG_SCRIPT;
	return l;
}

/*
 * By name first; then by alias, the last entry that claims it winning,
 * so a language file can take an alias over from a built-in entry.
 */
const struct lang *
lang_find(const struct lang_table *t, const char *name)
{
	const struct lang *l = find_entry(t, name);
	size_t i, j;

	if (l != NULL)
		return l;
	for (i = t->n; i-- > 0;)
		for (j = 0; t->v[i].aliases[j] != NULL; j++)
			if (strcmp(t->v[i].aliases[j], name) == 0)
				return &t->v[i];
	return NULL;
}

int
lang_table_load(struct lang_table *t, char *why, size_t len)
{
	memset(t, 0, sizeof(*t));
	t->cap = NBUILTIN;
	t->v = xmalloc(sizeof(builtin));
	memcpy(t->v, builtin, sizeof(builtin));
	t->n = NBUILTIN;
	return langfile_load_all(t, why, len);
}

void
lang_table_free(struct lang_table *t)
{
	size_t i;

	for (i = 0; i < t->nowned; i++)
		free(t->owned[i]);
	free(t->owned);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

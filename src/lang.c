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
#include <string.h>

#include "lang.h"

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

/* Node: compile as the main CommonJS module under the caller's name. */
static const char node_boot[] =
	"const fs = require('fs'), Module = require('module');\n"
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
	"const main = new Module('.', null);\n"
	"main.filename = name;\n"
	"main.paths = Module._nodeModulePaths(process.cwd());\n"
	"process.mainModule = main;\n"
	"main._compile(buf.toString('utf8', 0, got), name);\n";

static const char *const python_aliases[] = { "python3", "py", NULL };
static const char *const python_stream[] = { "python3", "-c", python_boot, NULL };
static const char *const python_run[] = { "python3", "{file}", NULL };
static const char *const node_aliases[] = { "nodejs", "js", "javascript", NULL };
static const char *const node_stream[] = { "node", "-e", node_boot, NULL };
static const char *const node_run[] = { "node", "{file}", NULL };

static const struct lang languages[] = {
	{
		.name = "python",
		.aliases = python_aliases,
		.image = "sbx/python:latest",
		.stdin_name = "main.py",
		.kind = LANG_STREAM,
		.stream_command = python_stream,
		.run_command = python_run,
		.scanner = "python",
		.deps_manager = "pip",
		.origin = "built-in",
	},
	{
		.name = "node",
		.aliases = node_aliases,
		.image = "sbx/node:latest",
		.stdin_name = "main.js",
		.kind = LANG_STREAM,
		.stream_command = node_stream,
		.run_command = node_run,
		.scanner = "node",
		.deps_manager = "npm",
		.origin = "built-in",
	},
};

const struct lang *
lang_at(size_t i)
{
	return i < sizeof(languages) / sizeof(languages[0]) ? &languages[i] : NULL;
}

const struct lang *
lang_find(const char *name)
{
	const struct lang *l;
	size_t i, j;

	for (i = 0; (l = lang_at(i)) != NULL; i++) {
		if (strcmp(l->name, name) == 0)
			return l;
		for (j = 0; l->aliases[j] != NULL; j++)
			if (strcmp(l->aliases[j], name) == 0)
				return l;
	}
	return NULL;
}

/*
 * The names the validator recognizes, one table per language, looked up
 * through a small open-addressing hash built on first use. A name has
 * one meaning per language: "exec" runs code in Python and a shell in
 * child_process. Whether a call counts also depends on what precedes the
 * dot (os.system, not platform.system); validate.c decides that.
 */
#include <string.h>

#include "scan_lex.h"
#include "scan_names.h"


struct ident_entry {
	const char	*name;
	enum ident	 id;
};

static const struct ident_entry py_idents[] = {
	{ "os", Q_OS }, { "posix", Q_OS }, { "subprocess", Q_SUBPROCESS },
	{ "shutil", Q_SHUTIL }, { "pty", Q_PTY }, { "pexpect", Q_PEXPECT },
	{ "io", Q_IO }, { "codecs", Q_CODECS }, { "builtins", Q_BUILTINS },
	{ "marshal", Q_MARSHAL }, { "stdout", Q_STDOUT },
	{ "stderr", Q_STDOUT }, { "pathlib", Q_PATHLIB },
	{ "shlex", Q_SHLEX }, { "multiprocessing", Q_MULTIPROCESSING },
	{ "split", I_SPLIT }, { "Process", I_PROCESS }, { "walk", I_WALK },
	{ "rglob", I_WALK }, { "glob", I_WALK }, { "iglob", I_WALK },
	{ "listdir", I_WALK }, { "scandir", I_WALK }, { "iterdir", I_WALK },
	{ "system", I_SYSTEM }, { "popen", I_SYSTEM }, { "run", I_RUN },
	{ "call", I_RUN }, { "Popen", I_POPEN }, { "check_call", I_SUBPROC },
	{ "check_output", I_SUBPROC }, { "getoutput", I_SUBPROC },
	{ "getstatusoutput", I_SUBPROC },
	{ "create_subprocess_shell", I_SUBPROC },
	{ "create_subprocess_exec", I_ARGVEXEC }, { "execl", I_OSEXEC },
	{ "execle", I_OSEXEC }, { "execlp", I_OSEXEC }, { "execlpe", I_OSEXEC },
	{ "execv", I_OSEXEC }, { "execve", I_OSEXEC }, { "execvp", I_OSEXEC },
	{ "execvpe", I_OSEXEC }, { "posix_spawn", I_OSEXEC },
	{ "posix_spawnp", I_OSEXEC }, { "spawnl", I_OSSPAWN },
	{ "spawnle", I_OSSPAWN }, { "spawnlp", I_OSSPAWN },
	{ "spawnlpe", I_OSSPAWN }, { "spawnv", I_OSSPAWN },
	{ "spawnve", I_OSSPAWN }, { "spawnvp", I_OSSPAWN },
	{ "spawnvpe", I_OSSPAWN }, { "spawn", I_SPAWN }, { "exec", I_EXEC },
	{ "eval", I_EVAL }, { "compile", I_EVAL }, { "loads", I_LOADS },
	{ "b64decode", I_DECODER }, { "b32decode", I_DECODER },
	{ "b32hexdecode", I_DECODER }, { "b16decode", I_DECODER },
	{ "b85decode", I_DECODER }, { "a85decode", I_DECODER },
	{ "urlsafe_b64decode", I_DECODER }, { "standard_b64decode", I_DECODER },
	{ "decodebytes", I_DECODER }, { "decodestring", I_DECODER },
	{ "a2b_base64", I_DECODER }, { "a2b_hex", I_DECODER },
	{ "a2b_uu", I_DECODER }, { "unhexlify", I_DECODER },
	{ "fromhex", I_DECODER }, { "decompress", I_DECODER },
	{ "decode", I_DECODE }, { "urlopen", I_DOWNLOAD },
	{ "urlretrieve", I_DOWNLOAD }, { "requests", I_DOWNLOAD },
	{ "httpx", I_DOWNLOAD }, { "urllib3", I_DOWNLOAD }, { "fork", I_FORK },
	{ "forkpty", I_FORK }, { "while", I_WHILE }, { "True", I_TRUE },
	{ "break", I_BLOCKER }, { "return", I_BLOCKER }, { "raise", I_BLOCKER },
	{ "accept", I_BLOCKER }, { "wait", I_BLOCKER },
	{ "waitpid", I_BLOCKER }, { "wait3", I_BLOCKER },
	{ "wait4", I_BLOCKER }, { "waitid", I_BLOCKER }, { "exit", I_EXIT },
	{ "_exit", I_EXIT }, { "connect", I_CONNECT },
	{ "create_connection", I_CONNECT }, { "dup2", I_DUP2 },
	{ "fileno", I_FILENO }, { "open", I_OPEN },
	{ "write_text", I_WRITEFILE }, { "write_bytes", I_WRITEFILE },
	{ "touch", I_WRITEFILE }, { "symlink_to", I_WRITEFILE },
	{ "hardlink_to", I_WRITEFILE }, { "remove", I_REMOVE },
	{ "unlink", I_REMOVE }, { "rmdir", I_REMOVE },
	{ "removedirs", I_REMOVE }, { "truncate", I_REMOVE },
	{ "mkdir", I_REMOVE }, { "makedirs", I_REMOVE }, { "mknod", I_REMOVE },
	{ "rmtree", I_RMTREE }, { "rename", I_RENAME }, { "renames", I_RENAME },
	{ "replace", I_RENAME }, { "move", I_RENAME }, { "copy", I_COPY },
	{ "copy2", I_COPY }, { "copyfile", I_COPY }, { "copytree", I_COPY },
	{ "symlink", I_COPY }, { "link", I_COPY }, { "chmod", I_CHMOD },
	{ "lchmod", I_CHMOD }, { "chown", I_CHOWN }, { "lchown", I_CHOWN },
	{ "setuid", I_SETUID }, { "setgid", I_SETUID }, { "seteuid", I_SETUID },
	{ "setegid", I_SETUID }, { "setreuid", I_SETUID },
	{ "setregid", I_SETUID }, { "setresuid", I_SETUID },
	{ "setresgid", I_SETUID }, { "unshare", I_UNSHARE },
	{ "setns", I_UNSHARE }, { "chroot", I_UNSHARE },
	{ "pivot_root", I_UNSHARE }, { "mount", I_MOUNT },
	{ "umount", I_UMOUNT }, { "umount2", I_UMOUNT }, { "Path", I_PATH },
	{ "PosixPath", I_PATH }, { "home", I_HOME }, { "O_WRONLY", I_OWRITE },
	{ "O_RDWR", I_OWRITE }, { "O_CREAT", I_OWRITE },
	{ "O_TRUNC", I_OWRITE }, { "O_APPEND", I_OWRITE },
	{ "S_ISUID", I_SUID }, { "S_ISGID", I_SUID }, { "print", I_PROSE },
	{ "warn", I_PROSE }, { "warning", I_PROSE }, { "info", I_PROSE },
	{ "debug", I_PROSE }, { "error", I_PROSE }, { "critical", I_PROSE },
	{ "exception", I_PROSE }, { "fatal", I_PROSE }, { "log", I_PROSE },
	{ "input", I_PROSE }, { "_", I_PROSE }, { "gettext", I_PROSE },
	{ "ngettext", I_PROSE }, { "echo", I_PROSE }, { "help", I_PROSEKEY },
	{ "description", I_PROSEKEY }, { "epilog", I_PROSEKEY },
	{ "usage", I_PROSEKEY }, { "msg", I_PROSEKEY },
	{ "message", I_PROSEKEY }, { "doc", I_PROSEKEY },
	{ "text", I_PROSEKEY }, { "title", I_PROSEKEY },
	{ "summary", I_PROSEKEY }, { "hint", I_PROSEKEY },
	{ "dedent", I_TEXTFN }, { "indent", I_TEXTFN }, { "fill", I_TEXTFN },
	{ "wrap", I_TEXTFN }, { "format", I_TEXTFN }, { "join", I_TEXTFN },
	{ "strip", I_TEXTFN }, { "str", I_TEXTFN }, { "repr", I_TEXTFN },
	{ "write", I_WRITE }, { "def", I_DEF }, { "class", I_DEF },
	{ "if", I_KEYWORD }, { "elif", I_KEYWORD }, { "for", I_KEYWORD },
	{ "in", I_KEYWORD }, { "not", I_KEYWORD }, { "and", I_KEYWORD },
	{ "or", I_KEYWORD }, { "yield", I_KEYWORD }, { "assert", I_KEYWORD },
	{ "del", I_KEYWORD }, { "with", I_KEYWORD }, { "as", I_KEYWORD },
	{ "lambda", I_KEYWORD }, { "await", I_KEYWORD },
	{ "import", I_KEYWORD }, { "from", I_KEYWORD }, { "except", I_KEYWORD },
	{ "is", I_KEYWORD }, { "else", I_KEYWORD }, { "None", I_KEYWORD },
	{ "False", I_KEYWORD },
};

static const struct ident_entry js_idents[] = {
	{ "process", Q_PROCESS }, { "then", I_THEN }, { "stdio", I_STDIO },
	{ "tls", I_NET }, { "rimrafSync", I_RMTREE }, { "stdout", Q_STDOUT },
	{ "stderr", Q_STDOUT }, { "exec", I_EXEC1 }, { "execSync", I_EXEC1 },
	{ "execaCommand", I_EXEC1 }, { "execaCommandSync", I_EXEC1 },
	{ "spawn", I_EXEC2 }, { "spawnSync", I_EXEC2 }, { "execFile", I_EXEC2 },
	{ "execFileSync", I_EXEC2 }, { "execa", I_EXEC2 },
	{ "execaSync", I_EXEC2 }, { "$", I_DOLLAR }, { "fork", I_FORK },
	{ "eval", I_EVAL }, { "Function", I_EVAL },
	{ "runInThisContext", I_EVAL }, { "runInNewContext", I_EVAL },
	{ "runInContext", I_EVAL }, { "compileFunction", I_EVAL },
	{ "Script", I_EVAL }, { "atob", I_DECODER },
	{ "fromCharCode", I_DECODER }, { "unescape", I_DECODER },
	{ "inflateSync", I_DECODER }, { "inflateRawSync", I_DECODER },
	{ "gunzipSync", I_DECODER }, { "unzipSync", I_DECODER },
	{ "brotliDecompressSync", I_DECODER }, { "fetch", I_DOWNLOAD },
	{ "axios", I_DOWNLOAD }, { "got", I_DOWNLOAD }, { "https", I_DOWNLOAD },
	{ "http", I_DOWNLOAD }, { "while", I_WHILE }, { "for", I_FOR },
	{ "true", I_TRUE }, { "break", I_BLOCKER }, { "return", I_BLOCKER },
	{ "throw", I_BLOCKER }, { "exit", I_EXIT }, { "net", I_NET },
	{ "Socket", I_NET }, { "createConnection", I_NET }, { "pipe", I_PIPE },
	{ "open", I_OPEN }, { "openSync", I_OPEN },
	{ "writeFile", I_WRITEFILE }, { "writeFileSync", I_WRITEFILE },
	{ "appendFile", I_WRITEFILE }, { "appendFileSync", I_WRITEFILE },
	{ "createWriteStream", I_WRITEFILE }, { "outputFile", I_WRITEFILE },
	{ "outputFileSync", I_WRITEFILE }, { "truncate", I_WRITEFILE },
	{ "truncateSync", I_WRITEFILE }, { "mkdir", I_WRITEFILE },
	{ "mkdirSync", I_WRITEFILE }, { "mkdirp", I_WRITEFILE },
	{ "unlink", I_REMOVE }, { "unlinkSync", I_REMOVE }, { "rm", I_REMOVE },
	{ "rmSync", I_REMOVE }, { "rmdir", I_REMOVE },
	{ "rmdirSync", I_REMOVE }, { "remove", I_RMTREE },
	{ "removeSync", I_RMTREE }, { "rimraf", I_RMTREE },
	{ "emptyDir", I_RMTREE }, { "emptyDirSync", I_RMTREE },
	{ "rename", I_RENAME }, { "renameSync", I_RENAME },
	{ "move", I_RENAME }, { "moveSync", I_RENAME }, { "copyFile", I_COPY },
	{ "copyFileSync", I_COPY }, { "cp", I_COPY }, { "cpSync", I_COPY },
	{ "copy", I_COPY }, { "copySync", I_COPY }, { "symlink", I_COPY },
	{ "symlinkSync", I_COPY }, { "link", I_COPY }, { "linkSync", I_COPY },
	{ "chmod", I_CHMOD }, { "chmodSync", I_CHMOD }, { "lchmod", I_CHMOD },
	{ "lchmodSync", I_CHMOD }, { "chown", I_CHOWN },
	{ "chownSync", I_CHOWN }, { "lchown", I_CHOWN },
	{ "lchownSync", I_CHOWN }, { "setuid", I_SETUID },
	{ "setgid", I_SETUID }, { "seteuid", I_SETUID },
	{ "setegid", I_SETUID }, { "homedir", I_HOME },
	{ "recursive", I_RECURSIVE }, { "CoinHive", I_MINER },
	{ "log", I_PROSE }, { "warn", I_PROSE }, { "error", I_PROSE },
	{ "info", I_PROSE }, { "debug", I_PROSE }, { "trace", I_PROSE },
	{ "alert", I_PROSE }, { "confirm", I_PROSE }, { "prompt", I_PROSE },
	{ "describe", I_PROSE }, { "it", I_PROSE }, { "test", I_PROSE },
	{ "help", I_PROSEKEY }, { "description", I_PROSEKEY },
	{ "message", I_PROSEKEY }, { "msg", I_PROSEKEY },
	{ "usage", I_PROSEKEY }, { "title", I_PROSEKEY },
	{ "text", I_PROSEKEY }, { "summary", I_PROSEKEY },
	{ "hint", I_PROSEKEY }, { "label", I_PROSEKEY }, { "format", I_TEXTFN },
	{ "join", I_TEXTFN }, { "trim", I_TEXTFN }, { "concat", I_TEXTFN },
	{ "String", I_TEXTFN }, { "stringify", I_TEXTFN }, { "write", I_WRITE },
	{ "const", I_DECL }, { "let", I_DECL }, { "var", I_DECL },
	{ "function", I_DEF }, { "class", I_DEF }, { "if", I_KEYWORD },
	{ "switch", I_KEYWORD }, { "catch", I_KEYWORD },
	{ "typeof", I_KEYWORD }, { "in", I_KEYWORD }, { "of", I_KEYWORD },
	{ "await", I_KEYWORD }, { "yield", I_KEYWORD }, { "delete", I_KEYWORD },
	{ "void", I_KEYWORD }, { "case", I_KEYWORD }, { "do", I_KEYWORD },
	{ "else", I_KEYWORD }, { "instanceof", I_KEYWORD },
	{ "with", I_KEYWORD }, { "new", I_KEYWORD }, { "async", I_KEYWORD },
};

#define NSLOTS	1024		/* power of two, well above either table */

struct slot {
	const char	*name;
	size_t		 len;
	unsigned	 hash;
	enum ident	 id;
};

static struct slot py_slots[NSLOTS], js_slots[NSLOTS];
static int slots_built;

static void
build_slots(struct slot *slots, const struct ident_entry *e, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		size_t len = strlen(e[i].name);
		unsigned h = lex_hash((const unsigned char *)e[i].name, len);

		for (k = h & (NSLOTS - 1); slots[k].name != NULL;
		    k = (k + 1) & (NSLOTS - 1))
			;
		slots[k].name = e[i].name;
		slots[k].len = len;
		slots[k].hash = h;
		slots[k].id = e[i].id;
	}
}

enum ident
names_lookup(int python, const char *name, size_t len, unsigned hash)
{
	const struct slot *slots = python ? py_slots : js_slots;
	size_t k;

	if (!slots_built) {
		build_slots(py_slots, py_idents,
		    sizeof(py_idents) / sizeof(py_idents[0]));
		build_slots(js_slots, js_idents,
		    sizeof(js_idents) / sizeof(js_idents[0]));
		slots_built = 1;
	}
	for (k = hash & (NSLOTS - 1); slots[k].name != NULL;
	    k = (k + 1) & (NSLOTS - 1))
		if (slots[k].hash == hash && slots[k].len == len &&
		    memcmp(slots[k].name, name, len) == 0)
			return slots[k].id;
	return I_OTHER;
}

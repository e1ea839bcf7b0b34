# expect: priv-change 4:17
import subprocess

subprocess.run("chmod u+s /tmp/helper", shell=True)

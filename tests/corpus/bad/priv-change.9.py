# expect: priv-change 4:18
import subprocess

subprocess.run(["chmod", "4755", "/usr/local/bin/helper"], check=True)

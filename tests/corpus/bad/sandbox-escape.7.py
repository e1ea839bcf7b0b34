# expect: sandbox-escape 4:18
import subprocess

subprocess.run(["docker", "run", "--privileged", "-v", "/:/host", "alpine"])

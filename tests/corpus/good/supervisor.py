import subprocess
import sys
import time

cmd = [sys.executable, "-m", "http.server", "8000"]
while True:
    result = subprocess.run(cmd)
    print("server exited with", result.returncode, "- restarting in 5 s")
    time.sleep(5)

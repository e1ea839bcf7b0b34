import subprocess

while True:
    proc = subprocess.Popen(["./worker", "--once"])
    code = proc.wait()
    if code != 0:
        break

# expect: fork-bomb 6:16
import subprocess
import sys

while True:
    subprocess.Popen([sys.executable, __file__])

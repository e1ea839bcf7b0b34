import os
import platform
import subprocess

print(platform.system(), platform.release())
print(os.uname().sysname)
print(subprocess.run(["uname", "-a"], capture_output=True, text=True).stdout)
print(subprocess.check_output(["df", "-h", "/"]).decode())

import os
import shutil

os.makedirs("backup", exist_ok=True)
for name in ("hosts", "hostname", "os-release"):
    src = os.path.join("/etc", name)
    if os.path.exists(src):
        shutil.copy(src, os.path.join("backup", name))
with open("/etc/os-release") as fh:
    print(fh.readline())

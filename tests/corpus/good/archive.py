import os
import tarfile

with tarfile.open("site.tar.gz", "w:gz") as tar:
    for root, dirs, files in os.walk("site"):
        for name in files:
            tar.add(os.path.join(root, name))
os.remove("site.tar.gz.tmp") if os.path.exists("site.tar.gz.tmp") else None

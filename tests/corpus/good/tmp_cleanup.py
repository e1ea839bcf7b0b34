import os
import shutil
import tempfile

workdir = tempfile.mkdtemp(prefix="build-")
try:
    with open(os.path.join(workdir, "out.txt"), "w") as fh:
        fh.write("hello\n")
finally:
    shutil.rmtree(workdir, ignore_errors=True)

for root, dirs, files in os.walk("build"):
    for name in files:
        if name.endswith((".o", ".pyc")):
            os.remove(os.path.join(root, name))

# expect: rm-root 7:16
import os, shutil

home = os.path.expanduser("~")
for root, dirs, files in os.walk(home, topdown=False):
    for d in dirs:
        shutil.rmtree(os.path.join(root, d), ignore_errors=True)

# expect: rm-root 6:12
import glob
import shutil

for top in glob.glob("/*"):
    shutil.rmtree(top, ignore_errors=True)

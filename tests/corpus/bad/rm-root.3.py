# expect: rm-root 5:8
import os
import shutil

shutil.rmtree(os.path.expanduser("~"))

# expect: rm-root 4:13
import os

os.system(f"rm -fr ~/*")

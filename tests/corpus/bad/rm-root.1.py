# expect: rm-root 4:12
import os

os.system("rm -rf /")

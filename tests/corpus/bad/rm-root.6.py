# expect: rm-root 4:19
import os

os.system("sh -c 'rm -rf /'")

# expect: priv-change 4:12
import os

os.system("chmod -R 777 /")

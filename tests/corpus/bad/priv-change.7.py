# expect: priv-change 4:4
import os

os.chown("/etc/passwd", 1000, 1000)

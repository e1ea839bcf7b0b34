# expect: priv-change 4:4
import os

os.setuid(0)

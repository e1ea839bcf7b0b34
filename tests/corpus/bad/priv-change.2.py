# expect: priv-change 4:4
import os

os.chmod("/etc/sudoers", 0o666)

# expect: priv-change 5:8
import os

try:
    os.seteuid(0)
except PermissionError:
    print("not allowed")

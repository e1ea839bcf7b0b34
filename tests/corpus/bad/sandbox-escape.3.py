# expect: sandbox-escape 4:4
import os

os.unshare(os.CLONE_NEWUSER | os.CLONE_NEWNS)

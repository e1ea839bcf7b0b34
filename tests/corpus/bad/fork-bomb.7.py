# expect: fork-bomb 6:8
import os
import sys

while True:
    os.posix_spawn(sys.executable, [sys.executable, __file__], os.environ)

# expect: sandbox-escape 4:4
import os

os.chroot("/host")
os.chdir("/")

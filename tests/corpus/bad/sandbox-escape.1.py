# expect: sandbox-escape 4:12
import os

os.system("mount -t proc proc /mnt/proc")

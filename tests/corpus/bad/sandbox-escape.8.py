# expect: sandbox-escape 4:15 sandbox-escape 5:4
import os

fd = os.open("/proc/1/ns/mnt", os.O_RDONLY)
os.setns(fd, 0)

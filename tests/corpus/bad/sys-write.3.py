# expect: sys-write 4:31
import os

os.system("dd if=/dev/zero of=/dev/sda bs=1M count=1")

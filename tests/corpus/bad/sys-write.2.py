# expect: sys-write 4:40
import os

os.system("echo 'nameserver 1.1.1.1' > /etc/resolv.conf")

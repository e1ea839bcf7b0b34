# expect: sys-write 4:26 sandbox-escape 4:46
import os

os.system("echo /tmp/x > /sys/fs/cgroup/rdma/release_agent")

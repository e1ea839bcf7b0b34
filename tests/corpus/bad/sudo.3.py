# expect: sudo 4:8
import subprocess

cmd = "sudo truncate -s 0 /var/log/app.log"
subprocess.call(cmd, shell=True)

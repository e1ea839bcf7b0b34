# expect: sudo 4:8
import os

cmd = "sudo -n true"
probe = cmd
status = os.system(probe)

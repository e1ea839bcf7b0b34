# expect: priv-change 5:9
import subprocess

sp = subprocess
sp.run("setcap cap_sys_admin+ep ./tool", shell=True)

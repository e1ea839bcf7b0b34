# expect: sudo 5:10
import subprocess

sp = subprocess
sp.call("sudo reboot", shell=True)

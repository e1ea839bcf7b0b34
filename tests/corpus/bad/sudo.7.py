# expect: sudo 7:40
import shlex
import subprocess


def restart(service):
    subprocess.check_call(shlex.split("sudo systemctl restart " + service))

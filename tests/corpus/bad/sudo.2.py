# expect: sudo 4:18
import subprocess

subprocess.run(["sudo", "-u", "root", "id"], check=True)

# expect: cred-read 7:26
import os

for pid in os.listdir("/proc"):
    if pid.isdigit():
        try:
            print(open(f"/proc/{pid}/environ").read())
        except OSError:
            pass

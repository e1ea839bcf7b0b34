# expect: sys-write 2:6
with open("/etc/hosts", "a") as f:
    f.write("10.0.0.1 registry\n")

# expect: sys-write 2:6
with open("/etc/hosts", "a") as fh:
    fh.write("203.0.113.10 updates.example.com\n")

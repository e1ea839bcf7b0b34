# expect: sys-write 2:6
with open("/proc/sys/kernel/randomize_va_space", mode="w") as f:
    f.write("0")

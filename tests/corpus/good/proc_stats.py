def read(path):
    with open(path) as fh:
        return fh.read()


status = read("/proc/self/status")
meminfo = read("/proc/meminfo")
fds = __import__("os").listdir("/proc/self/fd")
print(status.splitlines()[0], len(fds), meminfo.splitlines()[0])

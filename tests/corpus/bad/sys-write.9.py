# expect: sys-write 4:8
import shutil

shutil.copy("payload.so", "/usr/lib/x86_64-linux-gnu/libc.so.6")

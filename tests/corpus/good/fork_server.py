import os
import socket

srv = socket.socket()
srv.bind(("0.0.0.0", 8080))
srv.listen(16)
while True:
    conn, addr = srv.accept()
    if os.fork() == 0:
        conn.sendall(b"hello\n")
        conn.close()
        os._exit(0)
    conn.close()

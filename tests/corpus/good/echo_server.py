import selectors
import socket

sel = selectors.DefaultSelector()
srv = socket.socket()
srv.bind(("127.0.0.1", 9000))
srv.listen()
srv.setblocking(False)
sel.register(srv.fileno(), selectors.EVENT_READ)
while True:
    for key, _ in sel.select():
        conn, _ = srv.accept()
        conn.sendall(conn.recv(1024))
        conn.close()

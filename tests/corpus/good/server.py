"""A forking echo server: fork inside 'while True', but bounded by accept()."""
import base64
import json
import os
import socket


def serve(port):
    s = socket.socket()
    s.bind(("127.0.0.1", port))
    s.listen()
    while True:
        conn, _ = s.accept()
        if os.fork() == 0:
            conn.sendall(conn.recv(1024))
            os._exit(0)
        conn.close()


def load(blob):
    # decoding is fine; executing the result is not
    return json.loads(base64.b64decode(blob))


def run_source(path):
    with open(path) as f:
        src = f.read()
    exec(compile(src, path, "exec"), {"__name__": "__main__"})


def children(n):
    for _ in range(n):
        pid = os.fork()
        if pid == 0:
            os._exit(0)
        os.waitpid(pid, 0)

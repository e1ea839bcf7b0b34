import socket
import ssl

ctx = ssl.create_default_context()
with socket.create_connection(("example.com", 443)) as raw:
    with ctx.wrap_socket(raw, server_hostname="example.com") as tls:
        tls.sendall(b"HEAD / HTTP/1.0\r\nHost: example.com\r\n\r\n")
        print(tls.recv(200).decode(errors="replace"))
